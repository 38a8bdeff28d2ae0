// Holiday halts: no position and no time stop runs through an intra-day halt (12:00-17:00 CT on Juneteenth,
// July 4, Thanksgiving...), in ETH as in RTH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { makeBars } from './helpers/bars.ts';
import { endCodes, planTrades } from '../src/simulate/plan-trades.ts';
import { ExitCode } from '../src/simulate/types.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { loadBars } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { simulate } from '../src/simulate/simulate.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { formatChicago } from '../src/data/calendar.ts';

const SKIP_EMBEDDED: string | false = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present';

/** Juneteenth 2024: ETH bars 11:30-11:55 CT, then the reopen at 17:00 CT, all on trade date 2024-06-20. */
function juneteenth() {
  const ts = [
    ...[0, 1, 2, 3, 4, 5].map((k) => Date.parse('2024-06-19T16:30:00Z') + k * 300_000), // 11:30 .. 11:55 CDT
    ...[0, 1, 2, 3, 4, 5].map((k) => Date.parse('2024-06-19T22:00:00Z') + k * 300_000), // 17:00 .. 17:25 CDT
  ];
  const close = [100, 100.5, 101, 101.25, 101.5, 101.5, 105, 105.25, 105.5, 105.75, 106, 106];
  const bars = makeBars({ close, ts });
  // the helper knows no holidays: put every bar on the calendar's trade date, with no flags but the edges
  bars.tradeDate.fill(20240620);
  bars.rth.fill(0);
  bars.flags.fill(0);
  bars.flags[bars.n - 1] = 16;
  return bars;
}

test('endCodes: the last bar before a 12:00 CT holiday halt is a session end inside one trade date', () => {
  const bars = juneteenth();
  const end = endCodes(bars, false);
  assert.equal(end[5], ExitCode.session_end, 'bar 11:55 CT ends the position');
  for (const j of [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]) assert.equal(end[j], -1, `bar ${j} may be held`);
});

test('planTrades --eth: a long entered before the halt is flat at 11:55 CT, never at the reopen price', () => {
  const bars = juneteenth();
  const n = bars.n;
  const signals = { score: new Float64Array(n).fill(NaN), direction: new Int8Array(n), active: new Uint8Array(n).fill(1) };
  signals.score[1] = 0.5;
  signals.direction[1] = 1;
  const params = { ...defaultSimParams(), session: 'eth' as const, stopTicks: 40, targetTicks: 80, timeStopBars: 6 };
  const plan = planTrades(bars, signals, params);
  assert.equal(plan.n, 1);
  assert.equal(plan.exitBar[0], 5);
  assert.equal(plan.exitReason[0], ExitCode.session_end);
  assert.equal(plan.exitPrice[0], 101.5);
});

test('backtest --eth on the embedded data: no trade is open across a holiday halt', { skip: SKIP_EMBEDDED }, () => {
  const { bars: all } = loadBars(DEFAULT_BARS_PATH);
  const bars = sliceBars(all, '2024-06', '2024-07');
  const engineConfig = { ...defaultEngineConfig(), session: 'eth' as const };
  const params = { ...defaultSimParams(), session: 'eth' as const, timeStopBars: 24 };
  const r = simulate(bars, replay(bars, null, engineConfig), params);
  // halts inside a trade date: consecutive bars of one trade date more than a bar apart, reopening at 17:00 CT
  const halts: number[] = [];
  for (let j = 0; j + 1 < bars.n; j++) {
    if (bars.tradeDate[j] === bars.tradeDate[j + 1] && bars.ts[j + 1]! - bars.ts[j]! > bars.barMs && formatChicago(bars.ts[j + 1]!).endsWith('17:00')) halts.push(j);
  }
  assert.ok(halts.length >= 2, `Juneteenth and July 4 are in 2024-06..07 (found ${halts.length})`);
  let endedAtHalt = 0;
  for (const t of r.trades) {
    for (const h of halts) {
      assert.ok(!(t.entryBar <= h && t.exitBar > h), `trade ${formatChicago(bars.ts[t.entryBar]!)} .. ${formatChicago(bars.ts[t.exitBar]!)} runs through the halt after ${formatChicago(bars.ts[h]!)}`);
      if (t.exitBar === h) endedAtHalt++;
    }
  }
  assert.ok(r.trades.length > 0);
  assert.ok(endedAtHalt > 0, 'some trade was flattened at a halt');
});
