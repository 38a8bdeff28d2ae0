// The optimiser on synthetic series with a known answer: one directional feature announces the direction of the
// next bars (a planted edge) while the nine others are noise → most of the weight goes to it and the walk-forward
// OOS result is positive; with that feature made noise too, the verdict is "not significant".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarFlag, type Bars } from '../src/data/types.ts';
import { defaultEngineConfig, DIRECTIONAL } from '../src/engine/config.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { parseWalkForward } from '../src/sweep/walk-forward.ts';
import { parseGates, DEFAULT_GATES } from '../src/optimize/ladder.ts';
import { weightSpace } from '../src/optimize/simplex.ts';
import { runOptimize } from '../src/optimize/run-optimize.ts';
import type { FeatureMatrix } from '../src/optimize/feature-matrix.ts';
import type { OptimizeResult } from '../src/optimize/types.ts';
import { Rng } from '../src/optimize/rng.ts';

const EDGED = FEATURE_NAMES.indexOf('mtf_confluence_score'); // a directional feature
const SESSIONS = 120;
const PER = 60;

function ymd(day: number): number {
  const d = new Date(Date.UTC(2023, 0, 2 + day));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Sessions of PER bars; price drifts 0.5 pt a bar in blocks of 10 bars of one random direction. */
function synthetic(seed: number, planted: boolean): { bars: Bars; matrix: FeatureMatrix } {
  const rng = new Rng(seed);
  const n = SESSIONS * PER;
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), close = new Float64Array(n);
  const ts = new Float64Array(n), tradeDate = new Int32Array(n), flags = new Uint8Array(n);
  const dir = new Int8Array(n);
  let px = 4000;
  for (let i = 0; i < n; i++) {
    const j = i % PER;
    if (j % 10 === 0) dir[i] = rng.next() < 0.5 ? 1 : -1;
    else dir[i] = dir[i - 1]!;
    const o = px;
    const c = o + dir[i]! * 0.5 + Math.round(rng.normal() * 2) * 0.25;
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(o, c) + 0.25;
    low[i] = Math.min(o, c) - 0.25;
    px = c;
    const s = Math.floor(i / PER);
    tradeDate[i] = ymd(s);
    ts[i] = Date.UTC(2023, 0, 2 + s, 14, 30) + j * 300_000;
    let f = 0;
    if (j === 0) f |= BarFlag.NEW_TRADE_DATE | BarFlag.RTH_OPEN;
    if (i === 0) f |= BarFlag.NEW_CONTRACT;
    if (j === PER - 1) f |= BarFlag.LAST_OF_TRADE_DATE | BarFlag.LAST_OF_RTH;
    if (i === n - 1) f |= BarFlag.LAST_OF_CONTRACT;
    flags[i] = f;
  }
  const one = (v: number) => new Float64Array(n).fill(v);
  const bars: Bars = {
    n, symbol: 'ES', barMs: 300_000, ts, open, high, low, close, volume: one(1000), bidVolume: one(500), askVolume: one(500), trades: one(NaN),
    contractId: new Int32Array(n), contracts: ['ESH3'], tradeDate, rth: new Uint8Array(n).fill(1), rollWeek: new Uint8Array(n), flags,
  };
  const cols = FEATURE_NAMES.map((_, k) =>
    Float64Array.from({ length: n }, (_, i) => {
      if (planted && k === EDGED) return i + 1 < n ? 0.5 + 0.4 * dir[i + 1]! : 0.5;
      return rng.next();
    }),
  );
  return { bars, matrix: { n, bar: Int32Array.from({ length: n }, (_, i) => i), cols } };
}

function optimise(planted: boolean): OptimizeResult {
  const { bars, matrix } = synthetic(planted ? 3 : 4, planted);
  const engineConfig = defaultEngineConfig();
  const params = { ...defaultSimParams(), dailyLossLimit: 0 };
  return runOptimize({
    bars, context: null, sources: [], from: null, to: null, engineConfig, params,
    objective: 'sharpe', minTrades: 10, ladder: parseGates(DEFAULT_GATES), gateSpec: DEFAULT_GATES,
    exits: [params, { ...params, stopTicks: 12, targetTicks: 24 }],
    space: weightSpace(10, new Map(), new Map()),
    search: { budget: 60, patience: 6, seed: 1, randomShare: 0.4 },
    walkForward: { spec: '40d/20d', ...parseWalkForward('40d/20d'), anchored: false },
    regime: { kind: 'rv', buckets: 2, text: 'rv:2' }, randomDraws: 100, cacheDir: null, command: 'test', options: {},
    matrix: { matrix, key: 'synthetic', path: null, cached: false },
  });
}

test('a planted edge: most of the weight goes to the edged feature and the walk-forward OOS result is positive', () => {
  const r = optimise(true);
  assert.ok(r.recommended);
  const w = r.recommended.weights[FEATURE_NAMES[EDGED]!];
  assert.ok(w > 0.5, `edged feature weight ${w}`);
  // on each short training window the edged feature carries most of the directional vote (unsigned features only
  // shift the score against the gate, so on 40 sessions their weights are weakly identified)
  for (const win of r.walk_forward!.windows) {
    const ww = win.weights!;
    const others = FEATURE_NAMES.filter((n, k) => k !== EDGED && DIRECTIONAL[n]).reduce((s, n) => s + ww[n], 0);
    assert.ok(ww[FEATURE_NAMES[EDGED]!] > others, `window ${win.index}: ${JSON.stringify(ww)}`);
  }
  const oos = r.walk_forward!.oos;
  assert.ok(oos.net_pnl_usd > 0 && (oos.sharpe ?? 0) > 0, `OOS ${JSON.stringify(oos)}`);
  assert.ok(oos.net_pnl_usd > r.walk_forward!.seed_oos.net_pnl_usd, 'beats the seed weights');
  assert.ok(r.walk_forward!.random_entry!.net_percentile! >= 0.95, 'beats random entries');
  assert.ok(r.regime && r.regime.trials > r.search.trials, 'regime trials grow');
  assert.equal(r.search.trials, r.search.weight_sets * 9 * 2, 'trials = weight sets × gates × exits');
});

test('pure noise: the verdict says not significant', () => {
  const r = optimise(false);
  assert.equal(r.verdict.significant, false);
  assert.match(r.verdict.text, /^not significant/);
});

test('same seed, same result (deterministic)', () => {
  assert.deepEqual(JSON.stringify(optimise(false)), JSON.stringify(optimise(false)));
});
