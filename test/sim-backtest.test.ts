// Real-data checks by independent recomputation: every trade is re-derived from the bars it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { loadBars } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import type { Bars, SourceInfo } from '../src/data/types.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import type { EngineOutput } from '../src/engine/types.ts';
import { runBacktest, TRADE_COLUMNS } from '../src/simulate/run-backtest.ts';
import type { BacktestResult } from '../src/simulate/run-backtest.ts';
import { renderBacktest } from '../src/simulate/backtest-tables.ts';
import { tradesCsv, writeTrades } from '../src/simulate/write-trades.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { simulate } from '../src/simulate/simulate.ts';
import type { SimParams } from '../src/simulate/types.ts';
import { HAS_SHARED, SKIP_SHARED, ES_5M_FILES } from './helpers/shared.ts';

const HAS_EMBEDDED = existsSync(DEFAULT_BARS_PATH);
const SKIP_EMBEDDED: string | false = HAS_EMBEDDED ? false : 'skipped: data/es-5m.arrow not present (built by `mia data`)';

interface Run {
  bars: Bars;
  out: EngineOutput;
  source: SourceInfo;
}
const cache = new Map<string, Run>();
function load(path: string, from?: string, to?: string): Run {
  const key = `${path}|${from}|${to}`;
  let r = cache.get(key);
  if (!r) {
    const l = loadBars(path);
    const bars = sliceBars(l.bars, from, to);
    r = { bars, out: replay(bars, null, defaultEngineConfig()), source: l.source };
    cache.set(key, r);
  }
  return r;
}
function backtest(run: Run, params: SimParams = defaultSimParams()): BacktestResult {
  const engineConfig = defaultEngineConfig();
  return runBacktest({ bars: run.bars, context: null, sources: [run.source], from: null, to: null, engineConfig, params, engineOutput: run.out });
}

/** Re-derives every trade from the bars and checks the simulator's figures against it. */
function checkTrades(run: Run, r: BacktestResult, params: SimParams): void {
  const { bars } = run;
  const sim = simulate(bars, run.out, params);
  assert.equal(sim.trades.length, r.trades.length);
  const tick = params.instrument.tick;
  const pv = params.instrument.pointValue;
  let prevExit = -1;
  const dayPnl = new Map<number, number>();
  const dayStopped = new Set<number>();
  sim.trades.forEach((t, i) => {
    const row = r.trades[i]!;
    const where = `trade ${i} (signal ${row.signal_time})`;
    assert.equal(t.entryBar, t.signalBar + 1, where);
    assert.ok(t.signalBar >= prevExit, `${where}: overlaps the previous trade`);
    prevExit = t.exitBar;
    assert.equal(t.entryPrice, bars.open[t.entryBar]! + t.direction * params.slippageTicks * tick, `${where}: entry = next open ± slippage`);
    const comm = 2 * params.commissionPerSide * t.contracts;
    const expect = Math.round(((t.exitPrice - t.entryPrice) * t.direction * pv * t.contracts - comm) * 100);
    assert.equal(t.pnlCents, expect, `${where}: pnl = (exit - entry) x dir x $${pv} x contracts - commission`);
    assert.equal(Math.round(t.commissionUsd * 100), Math.round(comm * 100));
    assert.equal(t.slippageUsd, 2 * params.slippageTicks * params.instrument.tickValue * t.contracts);
    for (let j = t.signalBar; j <= t.exitBar; j++) {
      assert.equal(bars.contractId[j], bars.contractId[t.signalBar], `${where}: spans a roll`);
      assert.equal(bars.tradeDate[j], bars.tradeDate[t.signalBar], `${where}: spans a trade date`);
      if (params.session === 'rth') assert.equal(bars.rth[j], 1, `${where}: leaves RTH`);
    }
    if (t.exitReason === 'stop') assert.ok(t.pnlTicks <= -params.stopTicks, `${where}: stop pnl ${t.pnlTicks}`);
    if (t.exitReason === 'target') assert.ok(t.pnlTicks >= params.targetTicks, `${where}: target pnl ${t.pnlTicks}`);
    assert.ok(t.maeTicks >= Math.max(0, -t.pnlTicks) - 1e-9 || t.exitReason === 'target', `${where}: MAE ${t.maeTicks} < loss ${-t.pnlTicks}`);
    // daily loss limit: no trade opens after the day's realised loss reached the limit
    assert.ok(!dayStopped.has(t.tradeDate), `${where}: traded after the daily limit`);
    const before = dayPnl.get(t.tradeDate) ?? 0;
    assert.ok(before > -params.dailyLossLimit * 100, `${where}: opened at/after the limit`);
    const after = before + t.pnlCents;
    dayPnl.set(t.tradeDate, after);
    if (t.exitReason === 'daily_limit' || after <= -params.dailyLossLimit * 100) dayStopped.add(t.tradeDate);
    if (t.exitReason === 'daily_limit' && bars.open[t.exitBar] !== t.exitPrice + t.direction * params.slippageTicks * tick) {
      // filled at the limit level (not a gap): the day ends within one tick per contract of the limit
      assert.ok(after <= -params.dailyLossLimit * 100 && after > -params.dailyLossLimit * 100 - params.instrument.tickValue * 100 * t.contracts, `${where}: day ${after}`);
    }
  });
}

/** Every table reconciles: Σ trade pnl = net to the cent; every count adds up. */
function checkReconciles(r: BacktestResult): void {
  const s = r.summary;
  const cents = (x: number) => Math.round(x * 100);
  assert.equal(r.trades.reduce((a, t) => a + cents(t.pnl_usd), 0), cents(s.net_pnl_usd), 'Σ trade pnl = net');
  assert.equal(cents(s.gross_pnl_usd) - cents(s.commissions_usd) - cents(s.slippage_usd), cents(s.net_pnl_usd), 'gross - costs = net');
  assert.equal(s.wins + s.losses <= s.trades, true);
  for (const [name, rows] of [['months', r.months], ['weekdays', r.weekdays], ['sides', r.sides], ['exit_reasons', r.exit_reasons]] as const) {
    assert.equal(rows.reduce((a, x) => a + x.trades, 0), s.trades, `${name}: trades add up`);
    assert.equal(rows.reduce((a, x) => a + cents(x.net_pnl_usd), 0), cents(s.net_pnl_usd), `${name}: net adds up`);
  }
  assert.equal(r.months.reduce((a, x) => a + x.sessions, 0), s.sessions);
  assert.equal(r.weekdays.reduce((a, x) => a + x.sessions, 0), s.sessions);
  assert.equal(r.tiers.reduce((a, x) => a + x.taken, 0), s.trades, 'tiers: trades add up');
  assert.equal(r.tiers.reduce((a, x) => a + cents(x.net_pnl_usd), 0), cents(s.net_pnl_usd), 'tiers: net adds up');
  for (const t of r.tiers) {
    if (t.tier === 'NO_TRADE') continue;
    assert.equal(t.signals, t.taken + t.in_position + t.halted + t.untradable, `${t.tier}: signals = taken + skipped`);
    assert.equal(t.taken, r.trades.filter((x) => x.tier === t.tier).length);
  }
  assert.ok(r.tiers.reduce((a, x) => a + x.signals, 0) <= s.bars);
  assert.equal(cents(s.ending_equity_usd), cents(s.starting_capital_usd) + cents(s.net_pnl_usd));
}

test('embedded data, 2024-08..: independent recomputation, reconciliation, determinism', { skip: SKIP_EMBEDDED }, () => {
  const run = load(DEFAULT_BARS_PATH, '2024-08');
  const params = defaultSimParams();
  const r = backtest(run, params);
  assert.ok(r.summary.trades > 10, `only ${r.summary.trades} trades`);
  checkTrades(run, r, params);
  checkReconciles(r);
  assert.equal(JSON.stringify(backtest(run, params)), JSON.stringify(r), 'same inputs, same bytes');
  assert.equal(r.manifest.inputs[0]!.sha256.length, 64);
});

test('embedded data, all months: tables under 80 columns, trades file round-trips', { skip: SKIP_EMBEDDED }, async () => {
  const run = load(DEFAULT_BARS_PATH);
  const params = defaultSimParams();
  const r = backtest(run, params);
  checkTrades(run, r, params);
  checkReconciles(r);
  const text = renderBacktest(r);
  for (const line of text.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
  const csv = await tradesCsv(r.trades);
  assert.equal(csv.split('\n')[0], TRADE_COLUMNS.join(','));
  assert.equal(csv.trimEnd().split('\n').length, r.trades.length + 1);
  const dir = mkdtempSync(join(tmpdir(), 'mia-sim-'));
  try {
    await writeTrades(join(dir, 't.arrow'), r.trades);
    const t = tableFromIPC(readFileSync(join(dir, 't.arrow')));
    assert.deepEqual(t.schema.fields.map((f) => f.name), [...TRADE_COLUMNS]);
    assert.equal(t.numRows, r.trades.length);
    if (r.trades.length) assert.equal(t.getChild('pnl_usd')!.get(0), r.trades[0]!.pnl_usd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shared 5-min series (2021-12..2024-09): every trade re-derived, limits, rolls, reconciliation', { skip: SKIP_SHARED }, () => {
  const run = load(ES_5M_FILES[1]!);
  for (const params of [defaultSimParams(), { ...defaultSimParams(), session: 'eth' as const, timeStopBars: 12, dailyLossLimit: 800 }]) {
    const out = params.session === 'eth' ? { ...run, out: replay(run.bars, null, { ...defaultEngineConfig(), session: 'eth' }) } : run;
    const r = backtest(out, params);
    assert.ok(r.summary.trades > 100);
    checkTrades(out, r, params);
    checkReconciles(r);
    assert.ok(r.exit_reasons.find((x) => x.key === 'daily_limit')!.trades > 0, 'the daily limit is exercised');
  }
});

test('shared data is where the tests expect it', { skip: SKIP_SHARED }, () => {
  assert.ok(HAS_SHARED && existsSync(ES_5M_FILES[0]!));
});
