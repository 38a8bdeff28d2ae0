// Weight sets per second over one year of 5-minute bars (rescore, re-select, one scan; and with the whole gate
// ladder), and the load time of the cached 5-year feature matrix. Correctness first: a composed plan must scan
// to runBacktest's trades for the same weights, and the cached matrix must equal the replayed one.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBars, loadContext } from '../src/data/load.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { replay } from '../src/engine/replay.ts';
import { FEATURE_NAMES, type FeatureName } from '../src/engine/types.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { runBacktest } from '../src/simulate/run-backtest.ts';
import { scanPlan } from '../src/simulate/scan-plan.ts';
import { compose, makeBook } from '../src/optimize/book.ts';
import { evaluateWeights } from '../src/optimize/evaluate.ts';
import { loadOrBuildMatrix, matrixFromReplay } from '../src/optimize/feature-matrix.ts';
import { DEFAULT_GATES, parseGates } from '../src/optimize/ladder.ts';
import { dirichlet, Rng } from '../src/optimize/rng.ts';
import { dualPlan } from '../src/optimize/side-plans.ts';
import { roundedWeights } from '../src/optimize/weights-record.ts';
import { ES_5M_FILES, HAS_SHARED } from '../test/helpers/shared.ts';
import { concatBars as concat } from './concat-bars.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function oneYear(): void {
  if (!existsSync(DEFAULT_BARS_PATH)) return void console.log('optimize: one-year bench skipped (data/es-5m.arrow not present)');
  const l = loadBars(DEFAULT_BARS_PATH);
  const ctx = existsSync(DEFAULT_CONTEXT_PATH) ? loadContext(DEFAULT_CONTEXT_PATH).context : null;
  const config = defaultEngineConfig();
  const params = defaultSimParams();
  const m = matrixFromReplay(replay(l.bars, ctx, config));
  const dual = dualPlan(l.bars, m, params);
  const book = makeBook(dual, m, 0, dual.sessionDates.length);
  const rng = new Rng(1);
  const W = 2000;
  const weights = Array.from({ length: W }, () => roundedWeights(dirichlet(rng, new Array(10).fill(1))));
  // correctness: one weight set equals the backtest with --weights
  const w0 = weights[0]!;
  const cfg = { ...config, weights: Object.fromEntries(FEATURE_NAMES.map((n, k) => [n, w0[k]!])) as Record<FeatureName, number> };
  const bt = runBacktest({ bars: l.bars, context: ctx, sources: [l.source], from: null, to: null, engineConfig: cfg, params });
  const sim = scanPlan(compose(book, w0, config.directionDeadBand), params.thresholds, params.multipliers, params);
  assert.equal(sim.tradeCount, bt.summary.trades);
  assert.equal(sim.netCents / 100, bt.summary.net_pnl_usd);

  // wall time and this process's CPU time: on a shared machine the CPU figure is the per-core rate
  let cpuMs = 0;
  // the rescoring lists the entries at the gate the scan uses (what evaluateWeights does with its ladder's lowest)
  const weak = params.thresholds.weak;
  const one = (): number => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let sink = 0;
    for (const w of weights) sink += scanPlan(compose(book, w, config.directionDeadBand, false, weak), params.thresholds, params.multipliers, params, { summaryOnly: true, tierDetail: false }).netCents;
    assert.ok(Number.isFinite(sink));
    const c = process.cpuUsage(c0);
    cpuMs = (c.user + c.system) / 1000;
    return performance.now() - t0;
  };
  one();
  const runs = [0, 1, 2].map(() => [one(), cpuMs] as const).sort((a, b) => a[0] - b[0]);
  const [ms, cms] = runs[1]!;
  const ladder = parseGates(DEFAULT_GATES);
  const ctxE = { exits: [params], capital: params.startingCapital, multipliers: params.multipliers, deadBand: config.directionDeadBand, ladder, objective: 'sharpe' as const, minTrades: 20, blockBounds: null };
  const lad = (): number => {
    const t0 = performance.now();
    for (const w of weights.slice(0, 500)) evaluateWeights([book], ctxE, w);
    return performance.now() - t0;
  };
  lad();
  const lms = median([lad(), lad(), lad()]);
  console.log(`one year (embedded): ${l.bars.n} bars, ${m.n} fed bars (candidate rows), ${dual.sessionDates.length} sessions`);
  console.log(`  weight set = rescore + re-select + 1 scan (seed thresholds)   ${Math.round((W / ms) * 1000).toLocaleString('en-US')} sets/s wall, ${Math.round((W / cms) * 1000).toLocaleString('en-US')} sets/s per CPU-second (one thread)`);
  console.log(`  weight set × ${ladder.length}-gate ladder (trial rows)  ${Math.round((500 / lms) * 1000).toLocaleString('en-US')} weight sets/s, ${Math.round(((500 * ladder.length) / lms) * 1000).toLocaleString('en-US')} trials/s`);
}

function fiveYearLoad(): void {
  if (!HAS_SHARED) return void console.log('optimize: 5-year matrix load skipped (../shared/data/real not present)');
  const parts = ES_5M_FILES.map((f) => loadBars(f));
  const bars = concat(parts.map((p) => p.bars));
  const config = defaultEngineConfig();
  const dir = mkdtempSync(join(tmpdir(), 'mia-bench-opt-'));
  try {
    const k = { sources: parts.map((p) => p.source), from: null, to: null, bars, config };
    const built = loadOrBuildMatrix(k, null, dir);
    const ts: number[] = [];
    let last = built;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      last = loadOrBuildMatrix(k, null, dir);
      ts.push(performance.now() - t0);
    }
    assert.ok(last.cached);
    assert.deepEqual(last.matrix.cols[4], built.matrix.cols[4]);
    console.log(`5-year feature matrix: ${built.matrix.n} rows × 10 features; cached load (read + Arrow decode) ${median(ts).toFixed(1)} ms (median of 5)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<void> {
  oneYear();
  fiveYearLoad();
}
