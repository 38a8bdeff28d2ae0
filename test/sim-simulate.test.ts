import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, planTrades, scanPlan } from '../src/simulate/simulate.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import type { SimParams, Trade } from '../src/simulate/types.ts';
import { buildBars, flat, signalsAt, lcg, randomBars as sharedRandomBars } from './fixtures/sim/build.ts';
import type { BarRow } from './fixtures/sim/build.ts';

const P = (over: Partial<SimParams> = {}): SimParams => ({ ...defaultSimParams(), ...over });
const PREMIUM = 0.4; // 4 contracts at base 2
const STRONG = 0.33; // 3
const GOOD = 0.3; // 2
const WEAK = 0.2; // 1

function only(trades: Trade[]): Trade {
  assert.equal(trades.length, 1, `expected one trade, got ${trades.length}`);
  return trades[0]!;
}

test('long hits its target: entry = next open + 1 tick, P&L after costs to the cent', () => {
  const rows: BarRow[] = [
    ...flat(1, 5000),
    { o: 5000, h: 5001, l: 4999.5, c: 5000.5 },
    { o: 5000.5, h: 5004.25, l: 5000, c: 5004 },
    ...flat(3, 5004),
  ];
  const bars = buildBars(rows);
  const r = simulate(bars, signalsAt(bars.n, { 0: [PREMIUM, 1] }), P());
  const t = only(r.trades);
  assert.equal(t.entryBar, 1);
  assert.equal(t.exitBar, 2);
  assert.equal(t.exitReason, 'target');
  assert.equal(t.contracts, 4);
  assert.equal(t.entryPrice, 5000.25);
  assert.equal(t.exitPrice, 5003.75);
  assert.equal(t.pnlTicks, 16);
  assert.equal(t.commissionUsd, 18);
  assert.equal(t.slippageUsd, 100);
  assert.equal(t.pnlUsd, 682); // 16 x 12.50 x 4 - 18 - 100 = (5003.75 - 5000.25) x 50 x 4 - 18
  assert.equal(t.maeTicks, 2); // low 4999.5 on the first bar
  assert.equal(t.mfeTicks, 16);
  assert.equal(r.netCents, 68200);
});

test('one bar spanning stop and target: the stop fills first', () => {
  const bars = buildBars([...flat(1, 5000), { o: 5000, h: 5005, l: 4997, c: 5001 }, ...flat(3, 5001)]);
  const t = only(simulate(bars, signalsAt(bars.n, { 0: [STRONG, 1] }), P()).trades);
  assert.equal(t.exitReason, 'stop');
  assert.equal(t.contracts, 3);
  assert.equal(t.pnlTicks, -8);
  assert.equal(t.exitPrice, 4997.75); // stop 4998 minus a tick of slippage
  assert.equal(t.pnlUsd, -388.5); // -8 x 12.5 x 3 - 13.5 - 75
  assert.equal(t.mfeTicks, 0); // the stop-first path never saw the bar's high
});

test('gaps: through the stop fills at the (worse) open, through the target at the (better) open', () => {
  const stopGap = buildBars([...flat(2, 5000), { o: 4997, h: 4997.5, l: 4996, c: 4997 }, ...flat(2, 4997)]);
  const s = only(simulate(stopGap, signalsAt(stopGap.n, { 0: [GOOD, 1] }), P()).trades);
  assert.equal(s.exitReason, 'stop');
  assert.equal(s.exitBar, 2);
  assert.equal(s.pnlTicks, -12);
  assert.equal(s.maeTicks, 12);

  const tgtGap = buildBars([...flat(2, 5000), { o: 4995, h: 4995.5, l: 4994, c: 4995 }, ...flat(2, 4995)]);
  const t = only(simulate(tgtGap, signalsAt(tgtGap.n, { 0: [GOOD, -1] }), P()).trades);
  assert.equal(t.direction, -1);
  assert.equal(t.exitReason, 'target');
  assert.equal(t.pnlTicks, 20);
  assert.equal(t.entryPrice, 4999.75); // a short sells a tick lower
  assert.equal(t.exitPrice, 4995.25);
  assert.equal(t.pnlUsd, 20 * 12.5 * 2 - 9 - 50);
});

test('flat at the session end; a signal on the last bar of the session cannot trade', () => {
  const rows: BarRow[] = [...flat(2, 5000, { rth: 0 }), ...flat(5, 5000), ...flat(2, 5000, { rth: 0, date: 20240806 })];
  const bars = buildBars(rows);
  // bar 0 is overnight (ignored in RTH mode), bar 6 is the last RTH bar
  const r = simulate(bars, signalsAt(bars.n, { 0: [PREMIUM, 1], 3: [PREMIUM, 1], 6: [PREMIUM, -1] }), P());
  const t = only(r.trades);
  assert.equal(t.signalBar, 3);
  assert.equal(t.exitBar, 6);
  assert.equal(t.exitReason, 'session_end');
  assert.equal(r.tiers.untradable[4], 1);
  assert.equal(r.tiers.signals[4], 2, 'the overnight signal is outside the RTH session filter');
  // ETH mode: the overnight signal trades and the position is held to the trade date's last bar
  const eth = simulate(bars, signalsAt(bars.n, { 0: [PREMIUM, 1] }), P({ session: 'eth' }));
  const e = only(eth.trades);
  assert.equal(e.exitBar, 6);
  assert.equal(e.exitReason, 'session_end');
});

test('never holds across a roll or a data gap: flat at the last bar before it', () => {
  const roll = buildBars([...flat(4, 5000), ...flat(3, 5030, { contract: 'ESZ24' })]);
  const r = only(simulate(roll, signalsAt(roll.n, { 1: [GOOD, 1] }), P()).trades);
  assert.equal(r.exitBar, 3);
  assert.equal(r.exitReason, 'roll');
  assert.equal(r.contract, 'ESU24');

  const gap = buildBars([...flat(4, 5000), { o: 5000, h: 5000.25, l: 4999.75, c: 5000, gapBefore: true }, ...flat(2, 5000)]);
  const g = only(simulate(gap, signalsAt(gap.n, { 1: [GOOD, 1], 3: [GOOD, 1] }), P()).trades);
  assert.equal(g.exitBar, 3);
  assert.equal(g.exitReason, 'end_of_data');
});

test('time stop exits at the close of the bar N bars after entry; end of data closes the last trade', () => {
  const bars = buildBars([...flat(6, 5000)]);
  const t = only(simulate(bars, signalsAt(bars.n, { 0: [WEAK, 1] }), P({ timeStopBars: 2 })).trades);
  assert.equal(t.entryBar, 1);
  assert.equal(t.exitBar, 3);
  assert.equal(t.exitReason, 'time');
  assert.equal(t.contracts, 1);
  const b2 = buildBars([...flat(3, 5000, { date: 20240806 })]);
  const u = only(simulate(b2, signalsAt(b2.n, { 0: [WEAK, 1] }), P()).trades);
  assert.equal(u.exitBar, 2);
  assert.ok(u.exitReason === 'end_of_data' || u.exitReason === 'session_end');
});

test('one position at a time: signals while in a trade are counted per tier, not traded', () => {
  const bars = buildBars([...flat(4, 5000), { o: 5000, h: 5004, l: 5000, c: 5004 }, ...flat(4, 5004)]);
  const sig = signalsAt(bars.n, { 0: [PREMIUM, 1], 1: [STRONG, 1], 2: [PREMIUM, -1], 4: [GOOD, 1] });
  const r = simulate(bars, sig, P());
  assert.equal(r.tradeCount, 2);
  assert.deepEqual([...r.tiers.inPosition], [0, 0, 0, 1, 1]);
  assert.equal(r.trades[0]!.exitBar, 4);
  assert.equal(r.trades[1]!.signalBar, 4, 'a signal on the exit bar trades (flat by its close)');
  for (let tier = 1; tier <= 4; tier++) {
    const c = r.tiers;
    assert.equal(c.signals[tier], c.taken[tier]! + c.inPosition[tier]! + c.halted[tier]! + c.untradable[tier]!);
  }
});

test('daily loss limit: exits at the limit level on the bar that reaches it, then no trades until the next date', () => {
  const stopBar: BarRow = { o: 5000, h: 5000.25, l: 4997, c: 4997.5 };
  const day1: BarRow[] = [];
  for (let i = 0; i < 4; i++) day1.push(...flat(1, 5000), stopBar);
  day1.push(...flat(3, 5000));
  const day2: BarRow[] = flat(4, 5000, { date: 20240806 });
  const bars = buildBars([...day1, ...day2]);
  const sig = signalsAt(bars.n, { 0: [PREMIUM, 1], 2: [PREMIUM, 1], 4: [PREMIUM, 1], 6: [PREMIUM, 1], 8: [PREMIUM, 1], 11: [PREMIUM, 1] });
  const r = simulate(bars, sig, P());
  assert.deepEqual(r.trades.map((t) => t.exitReason), ['stop', 'stop', 'stop', 'daily_limit', 'end_of_data']);
  const lim = r.trades[3]!;
  // after 3 x -518 = -1554, the limit is reached 7 ticks down: ceil((2000 - 1554 - 18 - 100) / 50) = 7
  assert.equal(lim.pnlTicks, -7);
  assert.equal(lim.exitPrice, 4998.25 - 0.25);
  assert.equal(lim.pnlUsd, -468);
  assert.equal(r.dailyPnlCents[0], -(3 * 51800 + 46800));
  assert.ok(r.dailyPnlCents[0]! <= -200000 && r.dailyPnlCents[0]! > -200000 - 4 * 1250, 'limit reached, overshoot < one tick per contract');
  assert.equal(r.tiers.halted[4], 1);
  assert.equal(r.haltedDays, 1);
  assert.equal(r.trades[4]!.tradeDate, 20240806);
  // limit off: the fourth trade is a plain stop and the fifth signal trades
  const off = simulate(bars, sig, P({ dailyLossLimit: 0 }));
  assert.equal(off.trades.filter((t) => t.tradeDate === 20240805).length, 5);
});

test('daily loss limit via a gap fills at the open', () => {
  const stopBar: BarRow = { o: 5000, h: 5000.25, l: 4997, c: 4997.5 };
  const rows: BarRow[] = [];
  for (let i = 0; i < 3; i++) rows.push(...flat(1, 5000), stopBar);
  rows.push(...flat(2, 5000), { o: 4996, h: 4996.25, l: 4995, c: 4995.5 }, ...flat(2, 4995.5));
  const bars = buildBars(rows);
  const r = simulate(bars, signalsAt(bars.n, { 0: [PREMIUM, 1], 2: [PREMIUM, 1], 4: [PREMIUM, 1], 6: [PREMIUM, 1] }), P());
  const t = r.trades[3]!;
  assert.equal(t.exitBar, 8);
  assert.equal(t.exitReason, 'stop', 'the resting stop and the limit are both gapped through: same open fill, stop named');
  assert.equal(t.pnlTicks, -16);
  assert.equal(r.haltedDays, 1);
});

test('sizing follows the tier multipliers; thresholds change tiers without a new plan', () => {
  const rows: BarRow[] = [];
  for (let i = 0; i < 4; i++) rows.push(...flat(2, 5000));
  const bars = buildBars(rows);
  const sig = signalsAt(bars.n, { 0: [PREMIUM, 1], 2: [STRONG, 1], 4: [GOOD, 1], 6: [WEAK, 1] });
  const p = P({ timeStopBars: 1 });
  const r = simulate(bars, sig, p);
  assert.deepEqual(r.trades.map((t) => [t.tier, t.contracts]), [[4, 4], [3, 3], [2, 2], [1, 1]]);
  const plan = planTrades(bars, sig, p);
  const high = { premium: 0.5, strong: 0.45, good: 0.35, weak: 0.25 };
  const scanned = scanPlan(plan, high, p.multipliers, p);
  assert.deepEqual(scanned.trades.map((t) => t.tier), [2, 1, 1]);
  assert.deepEqual(scanned, simulate(bars, sig, { ...p, thresholds: high }));
});

test('summaryOnly: same loop, same figures, no Trade objects', () => {
  const bars = randomBars(600, 7);
  const sig = randomSignals(bars.n, 11);
  const full = simulate(bars, sig, P());
  const sum = simulate(bars, sig, P(), { summaryOnly: true });
  assert.ok(full.tradeCount > 20);
  assert.equal(sum.trades.length, 0);
  assert.deepEqual({ ...sum, trades: [] }, { ...full, trades: [] });
  // reconciliation: Σ trade pnl = net = Σ daily, gross - costs = net
  assert.equal(full.trades.reduce((s, t) => s + t.pnlCents, 0), full.netCents);
  assert.equal(full.dailyPnlCents.reduce((s, x) => s + x, 0), full.netCents);
  assert.equal(full.grossCents - full.commissionCents - full.slippageCents, full.netCents);
  assert.equal(full.grossProfitCents - full.grossLossCents, full.netCents);
});

test('no look-ahead: poisoning every bar after T leaves every decision up to T unchanged', () => {
  const bars = randomBars(900, 3);
  const sig = randomSignals(bars.n, 5);
  const p = P({ dailyLossLimit: 600, timeStopBars: 9 });
  const base = simulate(bars, sig, p);
  assert.ok(base.trades.some((t) => t.exitReason === 'daily_limit'), 'the fixture exercises the daily limit');
  for (const T of [100, 257, 480, 611, 899]) {
    for (const poison of [NaN, 1e9, -1e9]) {
      const b = { ...bars, open: bars.open.slice(), high: bars.high.slice(), low: bars.low.slice(), close: bars.close.slice() };
      const s = { score: sig.score.slice(), direction: sig.direction.slice(), active: sig.active.slice() };
      for (let j = T + 1; j < b.n; j++) {
        b.open[j] = poison, b.high[j] = poison, b.low[j] = poison, b.close[j] = poison;
        s.score[j] = poison, s.direction[j] = j % 2 ? 1 : -1;
      }
      const got = simulate(b, s, p);
      const upTo = (ts: Trade[]) => ts.filter((t) => t.exitBar <= T);
      assert.deepEqual(upTo(got.trades), upTo(base.trades), `T=${T} poison=${poison}`);
      // the trade open at T (if any) was entered identically
      const open0 = base.trades.find((t) => t.entryBar <= T && t.exitBar > T);
      const open1 = got.trades.find((t) => t.entryBar <= T && t.exitBar > T);
      assert.equal(open1?.entryPrice, open0?.entryPrice);
    }
  }
});

test('bad parameters are refused with a named field', () => {
  const bars = buildBars(flat(3, 5000));
  const sig = signalsAt(bars.n, {});
  assert.throws(() => simulate(bars, sig, P({ stopTicks: -1 })), /stop/);
  assert.throws(() => simulate(bars, sig, P({ timeStopBars: 1.5 })), /time-stop/);
  assert.throws(() => simulate(bars, { ...sig, score: new Float64Array(2) }, P()), /signals have 2 rows/);
  const plan = planTrades(bars, sig, P());
  assert.throws(() => scanPlan(plan, P().thresholds, P().multipliers, P({ stopTicks: 4 })), /other stop/);
});

test('no candidates: empty result, zero days kept', () => {
  const bars = buildBars(flat(5, 5000));
  const r = simulate(bars, signalsAt(bars.n, {}), P());
  assert.equal(r.tradeCount, 0);
  assert.equal(r.netCents, 0);
  assert.deepEqual([...r.dailyPnlCents], [0]);
});

// ---- deterministic random walk bars over several trade dates and two contracts ----
function randomBars(n: number, seed: number) {
  return sharedRandomBars(n, seed, { gapAt: 300 });
}
function randomSignals(n: number, seed: number) {
  const rnd = lcg(seed);
  const at: Record<number, [number, number]> = {};
  for (let i = 0; i < n; i++) if (rnd() < 0.3) at[i] = [0.15 + rnd() * 0.3, rnd() < 0.5 ? 1 : -1];
  return signalsAt(n, at);
}
