// Monte Carlo (stationary block bootstrap over days) and the random-entry benchmark: known answers and seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanBlockLength, stationaryIndices } from '../src/risk/block-bootstrap.ts';
import { monteCarlo } from '../src/risk/monte-carlo.ts';
import { randomEntryBenchmark, percentileOf } from '../src/risk/random-entry.ts';
import { drawEntries, drawPlan, drawSignals, entrySlots, newDraw } from '../src/risk/random-slots.ts';
import { planTrades } from '../src/simulate/plan-trades.ts';
import { scanPlan } from '../src/simulate/scan-plan.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import type { SimParams, Signals } from '../src/simulate/types.ts';
import { lcg } from '../src/util/prng.ts';
import { randomBars } from './fixtures/sim/build.ts';

test('block bootstrap: mean block length n^(1/3); a huge block length walks the days in order, circularly', () => {
  assert.equal(meanBlockLength(252), 6);
  assert.equal(meanBlockLength(1), 1);
  const out = new Int32Array(30);
  stationaryIndices(10, 1e12, lcg(5), out);
  for (let t = 1; t < 30; t++) assert.equal(out[t], (out[t - 1]! + 1) % 10);
  // L = 1: every day starts a new block (iid); indices cover the range
  stationaryIndices(10, 1, lcg(5), out);
  assert.ok(new Set(out).size > 5);
});

test('Monte Carlo: constant days give one path; the mean net is the backtest net; ruin freezes the path', () => {
  const flat = monteCarlo(new Float64Array(50).fill(10_000), { paths: 200, startingCapital: 1000 });
  assert.deepEqual(flat.net_pnl_usd, { p5: 5000, p50: 5000, p95: 5000 });
  assert.deepEqual(flat.max_drawdown_usd, { p5: 0, p50: 0, p95: 0 });
  assert.equal(flat.ruin_probability, 0);
  assert.equal(flat.fan.day.length, 50);
  assert.equal(flat.fan.p50[49], 6000);

  const rnd = lcg(3);
  const days = Float64Array.from({ length: 252 }, () => Math.round((rnd() - 0.45) * 100_000));
  const mc = monteCarlo(days, { paths: 4000, startingCapital: 100_000, seed: 9 });
  let sum = 0;
  for (const c of days) sum += c;
  // the bootstrap resamples days uniformly: the median path's net sits near the actual net (sd of a path ≈ √n·sd(day))
  assert.ok(Math.abs(mc.net_pnl_usd.p50 - sum / 100) < 0.15 * Math.sqrt(252) * 290, `${mc.net_pnl_usd.p50} vs ${sum / 100}`);
  assert.ok(mc.net_pnl_usd.p5 < mc.net_pnl_usd.p50 && mc.net_pnl_usd.p50 < mc.net_pnl_usd.p95);
  assert.equal(mc.ending_equity_usd.p50, mc.net_pnl_usd.p50 + 100_000);
  assert.equal(mc.mean_block_length, 6);
  assert.deepEqual(monteCarlo(days, { paths: 4000, startingCapital: 100_000, seed: 9 }), mc);
  assert.notDeepEqual(monteCarlo(days, { paths: 4000, startingCapital: 100_000, seed: 10 }).net_pnl_usd, mc.net_pnl_usd);

  // -$1,000 a day from $5,000: ruined on day 5 on every path, and trading stops there (equity frozen at 0)
  const ruin = monteCarlo(new Float64Array(20).fill(-100_000), { paths: 100, startingCapital: 5000 });
  assert.equal(ruin.ruin_probability, 1);
  assert.deepEqual(ruin.ending_equity_usd, { p5: 0, p50: 0, p95: 0 });
  const safe = monteCarlo(new Float64Array(20).fill(-100_000), { paths: 100, startingCapital: 5000, minEquity: -30_000 });
  assert.equal(safe.ruin_probability, 0);
  assert.equal(safe.ending_equity_usd.p50, -15_000);
});

// 30 sessions of 78 random-walk bars; no costs, no loss limit, so only the entries decide the P&L
const N = 78 * 30;
function params(): SimParams {
  return { ...defaultSimParams(), commissionPerSide: 0, slippageTicks: 0, dailyLossLimit: 0 };
}
function bars(seed: number) {
  return randomBars(N, seed, { gapAt: -1 });
}
function allActive(): Uint8Array {
  return new Uint8Array(N).fill(1);
}

/** Signals that know the future: on every 6th bar, the side whose planned trade ends in profit. */
function oracle(b: ReturnType<typeof bars>, p: SimParams): Signals {
  const every = (dir: number): Signals => ({ score: new Float64Array(N).fill(0.5), direction: new Int8Array(N).fill(dir), active: allActive() });
  const long = planTrades(b, every(1), p);
  const short = planTrades(b, every(-1), p);
  const s: Signals = { score: new Float64Array(N).fill(0.5), direction: new Int8Array(N), active: allActive() };
  for (let k = 0; k < long.n; k++) {
    const t = long.signalBar[k]!;
    if (t % 6 || !long.tradable[k]) continue;
    s.direction[t] = long.pnlTicks[k]! > 0 ? 1 : short.pnlTicks[k]! > 0 ? -1 : 0;
  }
  return s;
}

function randomSignals(seed: number): Signals {
  const rnd = lcg(seed);
  const s: Signals = { score: new Float64Array(N).fill(0.5), direction: new Int8Array(N), active: allActive() };
  for (let t = 0; t < N; t++) if (rnd() < 0.1) s.direction[t] = rnd() < 0.5 ? 1 : -1;
  return s;
}

test('random entry: an engine that always wins beats every random-entry run', () => {
  const b = bars(21);
  const p = params();
  const sig = oracle(b, p);
  const sim = scanPlan(planTrades(b, sig, p), p.thresholds, p.multipliers, p);
  assert.ok(sim.tradeCount > 50 && sim.losses === 0, `${sim.tradeCount} trades, ${sim.losses} losses`);
  const r = randomEntryBenchmark(b, sig, p, { draws: 300, seed: 2 });
  assert.equal(r.net_pnl_percentile, 1);
  assert.equal(r.sharpe_percentile, 1);
  assert.match(r.sentence, /^the engine beats 100 % of 300 random-entry runs on net P&L and 100 % on Sharpe$/);
  assert.ok(r.mean_random_trades > 0.9 * r.engine_trades, `${r.mean_random_trades} of ${r.engine_trades}`);
});

test('random entry: an engine that enters at random lands near the middle; seeded draws repeat', () => {
  const b = bars(22);
  const p = params();
  const pcts: number[] = [];
  for (let e = 0; e < 8; e++) pcts.push(randomEntryBenchmark(b, randomSignals(100 + e), p, { draws: 150, seed: 7 }).net_pnl_percentile);
  const mean = pcts.reduce((a, x) => a + x, 0) / pcts.length;
  assert.ok(mean > 0.25 && mean < 0.75, `mean percentile ${mean} (${pcts.join(', ')})`);
  assert.ok(pcts.some((x) => x > 0.02 && x < 0.98));
  const sig = randomSignals(5);
  assert.deepEqual(randomEntryBenchmark(b, sig, p, { draws: 50, seed: 3 }), randomEntryBenchmark(b, sig, p, { draws: 50, seed: 3 }));
  assert.notDeepEqual(randomEntryBenchmark(b, sig, p, { draws: 50, seed: 3 }).null_net_pnl_usd, randomEntryBenchmark(b, sig, p, { draws: 50, seed: 4 }).null_net_pnl_usd);
});

test('random entry: a draw scans exactly as planTrades on the same synthetic signals (one simulator), limit on', () => {
  const b = bars(23);
  const p: SimParams = { ...defaultSimParams(), dailyLossLimit: 600 };
  const sig = randomSignals(9);
  const plan = planTrades(b, sig, p);
  const sim = scanPlan(plan, p.thresholds, p.multipliers, p);
  const sl = entrySlots(b, sig, p, plan, sim);
  const d = newDraw(sl);
  const rnd = lcg(4);
  for (let i = 0; i < 5; i++) {
    drawEntries(sl, rnd, d);
    const fast = scanPlan(drawPlan(sl, d), p.thresholds, p.multipliers, p);
    const slow = scanPlan(planTrades(b, drawSignals(sl, d, sig.active), p), p.thresholds, p.multipliers, p);
    assert.deepEqual(fast.trades, slow.trades);
    assert.deepEqual(fast.dailyPnlCents, slow.dailyPnlCents);
    // entries per session never exceed the engine's
    const perSession = new Map<number, number>();
    for (const t of sim.trades) perSession.set(t.tradeDate, (perSession.get(t.tradeDate) ?? 0) + 1);
    const mine = new Map<number, number>();
    for (const t of fast.trades) mine.set(t.tradeDate, (mine.get(t.tradeDate) ?? 0) + 1);
    for (const [day, k] of mine) assert.ok(k <= (perSession.get(day) ?? 0));
  }
});

test('percentileOf: strictly below plus half the ties, NaN ignored', () => {
  assert.equal(percentileOf(2, Float64Array.from([1, 2, 3, NaN])), 0.5);
  assert.equal(percentileOf(9, Float64Array.from([1, 2])), 1);
});
