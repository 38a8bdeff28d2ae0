// Ruin: trading stops for good once equity (capital + realised P&L) reaches --min-equity; the result records the
// date and the signals not taken after it. Checked against the same scan with the floor out of reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { loadBars, loadContext } from '../src/data/load.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { planTrades } from '../src/simulate/plan-trades.ts';
import { scanPlan } from '../src/simulate/scan-plan.ts';
import { buildResult } from '../src/simulate/run-backtest.ts';
import type { SimParams } from '../src/simulate/types.ts';

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow is not in this checkout';

test('equity reaching --min-equity stops trading; the ruin date and the signals not taken are recorded', { skip: SKIP }, () => {
  const b = loadBars(DEFAULT_BARS_PATH);
  const c = loadContext(DEFAULT_CONTEXT_PATH);
  const cfg = defaultEngineConfig();
  const signals = replay(b.bars, c.context, cfg);
  const base: SimParams = { ...defaultSimParams(), startingCapital: 50_000 };
  const plan = planTrades(b.bars, signals, base);
  const th = base.thresholds;
  const free = scanPlan(plan, th, base.multipliers, { ...base, minEquity: -1e12 });
  const floor = 20_000;
  const ruined = scanPlan(plan, th, base.multipliers, { ...base, minEquity: floor });
  assert.equal(free.ruin, null);
  assert.ok(ruined.ruin, 'the account is ruined');

  // independently: walk the unlimited run's trades to the first whose closing equity is at or below the floor
  let eq = base.startingCapital * 100;
  let k = 0;
  for (; k < free.trades.length; k++) {
    eq += free.trades[k]!.pnlCents;
    if (eq <= floor * 100) break;
  }
  assert.ok(k < free.trades.length);
  assert.deepEqual(ruined.trades, free.trades.slice(0, k + 1), 'same trades up to and including the ruin trade, none after');
  const last = free.trades[k]!;
  assert.equal(ruined.ruin!.tradeDate, last.tradeDate);
  assert.equal(ruined.ruin!.signalBar, last.signalBar);
  let notTaken = 0;
  for (let r = 0; r < plan.n; r++) if (plan.signalBar[r]! > last.signalBar && plan.score[r]! >= th.weak) notTaken++;
  assert.equal(ruined.ruin!.signalsNotTaken, notTaken);
  assert.ok(notTaken > 0);
  // no P&L after the ruin session; the session of the ruin ends there
  const s = Array.from(plan.sessionDates).indexOf(last.tradeDate);
  for (let i = s + 1; i < ruined.dailyPnlCents.length; i++) assert.equal(ruined.dailyPnlCents[i], 0);
  assert.equal((base.startingCapital * 100 + ruined.netCents) / 100, eq / 100);
  // detail counters: every later signal is counted, none traded
  const tiers = ruined.tiers;
  let sig = 0;
  let accounted = 0;
  for (let t = 1; t <= 4; t++) {
    sig += tiers.signals[t]!;
    accounted += tiers.taken[t]! + tiers.inPosition[t]! + tiers.halted[t]! + tiers.untradable[t]!;
  }
  assert.equal(accounted, sig);
  // the summary-only scan (the sweep's) agrees
  const quick = scanPlan(plan, th, base.multipliers, { ...base, minEquity: floor }, { summaryOnly: true, tierDetail: false });
  assert.deepEqual(quick.ruin, ruined.ruin);
  assert.equal(quick.netCents, ruined.netCents);
  // and the backtest document carries it
  const bt = buildResult({ bars: b.bars, context: c.context, sources: [b.source], from: null, to: null, engineConfig: cfg, params: { ...base, minEquity: floor } }, plan, ruined);
  assert.equal(bt.ruin!.date, `${String(last.tradeDate).slice(0, 4)}-${String(last.tradeDate).slice(4, 6)}-${String(last.tradeDate).slice(6)}`);
  assert.equal(bt.ruin!.signals_not_taken, notTaken);
  assert.equal(bt.ruin!.min_equity_usd, floor);
  assert.equal(JSON.parse(JSON.stringify(bt)).ruin.signals_not_taken, notTaken);
});
