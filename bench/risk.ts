// Risk figures over the embedded year: 10,000 Monte Carlo paths (target <= 2 s) and 1,000 random-entry draws
// (target <= 5 s). Checks first: the Monte Carlo repeats under its seed, and a random draw's fast plan scans exactly
// like planTrades on the same synthetic signals.
import assert from 'node:assert/strict';
import { loadBars } from '../src/data/load.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { planTrades, scanPlan } from '../src/simulate/simulate.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { monteCarlo } from '../src/risk/monte-carlo.ts';
import { randomEntryBenchmark } from '../src/risk/random-entry.ts';
import { drawEntries, drawPlan, drawSignals, entrySlots, newDraw } from '../src/risk/random-slots.ts';
import { lcg } from '../src/util/prng.ts';

export async function bench(): Promise<void> {
  const params = defaultSimParams();
  const { bars } = loadBars(DEFAULT_BARS_PATH);
  const out = replay(bars, null, defaultEngineConfig());
  const plan = planTrades(bars, out, params);
  const sim = scanPlan(plan, params.thresholds, params.multipliers, params);

  const mcOpts = { paths: 10_000, seed: 1, startingCapital: params.startingCapital };
  assert.deepEqual(monteCarlo(sim.dailyPnlCents, { ...mcOpts, paths: 500 }), monteCarlo(sim.dailyPnlCents, { ...mcOpts, paths: 500 }));
  let t0 = performance.now();
  const mc = monteCarlo(sim.dailyPnlCents, mcOpts);
  const mcMs = performance.now() - t0;
  console.log(`Monte Carlo: ${mc.paths} paths x ${mc.days} days in ${(mcMs / 1000).toFixed(2)} s (target <= 2 s)`);

  const sl = entrySlots(bars, out, params, plan, sim);
  const d = newDraw(sl);
  drawEntries(sl, lcg(1), d);
  const fast = scanPlan(drawPlan(sl, d), params.thresholds, params.multipliers, params, { summaryOnly: true });
  const slow = scanPlan(planTrades(bars, drawSignals(sl, d, out.active), params), params.thresholds, params.multipliers, params, { summaryOnly: true });
  assert.equal(fast.netCents, slow.netCents);
  t0 = performance.now();
  const re = randomEntryBenchmark(bars, out, params, { draws: 1000, seed: 1, plan, sim });
  const reMs = performance.now() - t0;
  console.log(`random entry: ${re.draws} draws over ${plan.sessionDates.length} sessions (${re.engine_trades} engine trades) in ${(reMs / 1000).toFixed(2)} s (target <= 5 s); ${re.sentence}`);
}
