// The optimiser's shortcuts against the engine and the backtest they replace: the linear rescoring equals the
// replay's score, tier and direction bit for bit, and a composed plan scans to runBacktest's trades, trade for trade.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig, tierOf } from '../src/engine/config.ts';
import { FEATURE_NAMES, type EngineConfig, type FeatureName } from '../src/engine/types.ts';
import { runBacktest, tradeRow } from '../src/simulate/run-backtest.ts';
import { scanPlan } from '../src/simulate/scan-plan.ts';
import { planTrades } from '../src/simulate/plan-trades.ts';
import { planWindow } from '../src/sweep/plan-window.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { loadOrBuildMatrix, matrixFromReplay } from '../src/optimize/feature-matrix.ts';
import { rescoreInto, longScore, readDual } from '../src/optimize/rescore.ts';
import { dualPlan } from '../src/optimize/side-plans.ts';
import { compose, makeBook } from '../src/optimize/book.ts';
import { Rng, dirichlet } from '../src/optimize/rng.ts';

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present';

function setup() {
  const l = loadBars(DEFAULT_BARS_PATH);
  const bars = sliceBars(l.bars, '2024-06', '2024-08');
  const ctx = existsSync(DEFAULT_CONTEXT_PATH) ? loadContext(DEFAULT_CONTEXT_PATH).context : null;
  return { bars, ctx, source: l.source };
}

function withWeights(w: Float64Array): EngineConfig {
  const c = defaultEngineConfig();
  c.weights = Object.fromEntries(FEATURE_NAMES.map((n, k) => [n, w[k]!])) as Record<FeatureName, number>;
  return c;
}

function seedVector(): Float64Array {
  const c = defaultEngineConfig();
  return Float64Array.from(FEATURE_NAMES, (n) => c.weights[n]);
}

test('rescoring equals the replay bit for bit (seed and random weights): score, tier, direction', { skip: SKIP }, () => {
  const { bars, ctx } = setup();
  const seed = seedVector();
  const m = matrixFromReplay(replay(bars, ctx, defaultEngineConfig()));
  const rng = new Rng(7);
  for (const w of [seed, dirichlet(rng, new Array(10).fill(1)), dirichlet(rng, new Array(10).fill(0.3))]) {
    // random draws sum to 1 only to ~1e-16: the engine's validation allows 1e-9
    const cfg = withWeights(w);
    const out = replay(bars, ctx, cfg);
    const dual = new Float64Array(2 * m.n);
    rescoreInto(m.cols, w, cfg.directionDeadBand, dual);
    let checked = 0;
    for (let r = 0; r < m.n; r++) {
      const b = m.bar[r]!;
      const { side, score } = readDual(dual, r);
      assert.equal(side, out.direction[b], `direction at bar ${b}`);
      const s = side === 0 ? longScore(m.cols, w, r) : score;
      assert.ok(Object.is(s, out.score[b]), `score at bar ${b}: ${s} vs ${out.score[b]}`);
      assert.equal(tierOf(s, cfg.thresholds), out.tier[b]);
      checked++;
    }
    assert.ok(checked > 1000);
  }
});

test('a composed plan scans to runBacktest trade for trade (seed and random weights, with and without the loss limit)', { skip: SKIP }, () => {
  const { bars, ctx, source } = setup();
  const m = matrixFromReplay(replay(bars, ctx, defaultEngineConfig()));
  const rng = new Rng(11);
  for (const limit of [0, 600]) {
    const params = { ...defaultSimParams(), dailyLossLimit: limit };
    const dual = dualPlan(bars, m, params);
    const book = makeBook(dual, m, 0, dual.sessionDates.length);
    for (const w of [seedVector(), dirichlet(rng, new Array(10).fill(1))]) {
      const cfg = withWeights(w);
      const bt = runBacktest({ bars, context: ctx, sources: [source], from: null, to: null, engineConfig: cfg, params: { ...params, thresholds: cfg.thresholds } });
      const plan = compose(book, w, cfg.directionDeadBand);
      const sim = scanPlan(plan, cfg.thresholds, cfg.multipliers, { ...params, thresholds: cfg.thresholds });
      assert.ok(bt.trades.length > 50, `${bt.trades.length} trades`);
      assert.deepEqual(sim.trades.map((t) => tradeRow(bars, plan, t)), bt.trades);
      assert.equal(sim.netCents / 100, bt.summary.net_pnl_usd);
      // a window of sessions equals the sweep's window of the backtest's own plan
      const win = makeBook(dual, m, 20, 45);
      const ref = scanPlan(planWindow(planTrades(bars, replay(bars, ctx, cfg), params), 20, 45), cfg.thresholds, cfg.multipliers, { ...params, thresholds: cfg.thresholds });
      const got = scanPlan(compose(win, w, cfg.directionDeadBand), cfg.thresholds, cfg.multipliers, { ...params, thresholds: cfg.thresholds });
      assert.ok(ref.tradeCount > 10);
      assert.deepEqual(got.trades, ref.trades);
      assert.deepEqual(got.dailyPnlCents, ref.dailyPnlCents);
    }
  }
});

test('the feature matrix is cached on disk and a second load skips the replay with identical columns', { skip: SKIP }, () => {
  const { bars, ctx, source } = setup();
  const dir = mkdtempSync(join(tmpdir(), 'mia-opt-'));
  try {
    const k = { sources: [source], from: '2024-06', to: '2024-08', bars, config: defaultEngineConfig() };
    const a = loadOrBuildMatrix(k, ctx, dir);
    const b = loadOrBuildMatrix(k, ctx, dir);
    assert.equal(a.cached, false);
    assert.equal(b.cached, true);
    assert.deepEqual(b.matrix.bar, a.matrix.bar);
    for (let c = 0; c < 10; c++) assert.deepEqual(b.matrix.cols[c], a.matrix.cols[c]);
    const other = loadOrBuildMatrix({ ...k, config: { ...k.config, session: 'eth' } }, ctx, dir);
    assert.equal(other.cached, false, 'another session is another key');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
