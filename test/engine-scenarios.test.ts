// The seed's 19 scenarios: construction as ENGINE_SPEC §5 states it (not equality with the seed's scores).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadSeedScenarios, runScenarios, scenarioBars, scenarioFlow, SCENARIO_DAY } from '../src/engine/scenarios.ts';
import { defaultEngineConfig, tierOf } from '../src/engine/config.ts';
import { DEFAULT_THRESHOLDS, FEATURE_NAMES, TIER_NAMES } from '../src/engine/types.ts';
import { REPO } from './helpers/shared.ts';

// ENGINE_SPEC §5 table: price, volume, delta, bid, ask
const SPEC: [number, number, number, number, number][] = [
  [5400, 5000, -2000, 2000, 3000],
  [5410, 15000, 8000, 8000, 7000],
  [5395, 800, -200, 300, 500],
  [5420, 25000, 15000, 15000, 10000],
  ...[1000, 5000, 10000, 20000, 50000].map((v): [number, number, number, number, number] => [5400, v, 0.3 * v, v / 2, v / 2]),
  ...[-5000, -1000, 0, 1000, 5000, 10000].map((d): [number, number, number, number, number] => [5400, 10000, d, 5000, 5000]),
  [5400, 100, 50, 50, 50],
  [5400, 10000, 10000, 5000, 5000],
  [5400, 20000, 1000, 18000, 2000],
  [5400, 0, 0, 0, 0],
];
const SEED_SCORES = [0.3119, 0.3045, 0.3069, 0.4594, 0.367, 0.378, 0.335, 0.341, 0.311, 0.389, 0.343, 0.349, 0.357, 0.376, 0.379, 0.3586, 0.3782, 0.3619, 0.2891];

test('fixture: the 19 seed scenarios with the spec inputs and the seed scores', () => {
  const s = loadSeedScenarios();
  assert.equal(s.length, 19);
  assert.deepEqual(s.map((x) => x.group), [...Array(4).fill('confluence'), ...Array(5).fill('volume'), ...Array(6).fill('delta'), ...Array(4).fill('risk')]);
  s.forEach((x, i) => {
    assert.deepEqual([x.price, x.volume, x.delta, x.bid_volume, x.ask_volume], SPEC[i], `scenario ${i + 1}`);
    assert.ok(Math.abs(x.seed_score - SEED_SCORES[i]!) < 6e-4, `seed score ${i + 1}`);
    // the seed's tiers are its scores under the seed thresholds (D2)
    assert.equal(x.seed_tier, TIER_NAMES[tierOf(x.seed_score, DEFAULT_THRESHOLDS)]);
  });
});

test('bars: open = close = price, high/low +/- 2.5, consecutive 5-minute bars of one RTH session', () => {
  const seeds = loadSeedScenarios();
  const b = scenarioBars(seeds);
  assert.equal(b.n, 19);
  for (let i = 0; i < 19; i++) {
    const p = SPEC[i]![0];
    assert.deepEqual([b.open[i], b.close[i], b.high[i], b.low[i], b.volume[i]], [p, p, p + 2.5, p - 2.5, SPEC[i]![1]]);
    assert.equal(b.bidVolume[i]! + b.askVolume[i]!, b.volume[i]); // mia's bars: bid + ask = volume
    if (i > 0) assert.equal(b.ts[i]! - b.ts[i - 1]!, 300000);
  }
  assert.ok(b.rth.every((x) => x === 1) && new Set(b.tradeDate).size === 1 && b.flags.every((x) => x === 0));
});

test('order flow: the seed delta is kept (ask - bid = delta), except Imbalance Massif keeps its 18000/2000 split', () => {
  const seeds = loadSeedScenarios();
  for (const s of seeds) {
    const f = scenarioFlow(s);
    if (s.name === 'Imbalance Massif') assert.deepEqual(f, { bidVolume: 18000, askVolume: 2000 });
    else assert.equal(f.askVolume - f.bidVolume, s.delta, s.name);
  }
  assert.deepEqual(scenarioFlow(seeds[0]!), { bidVolume: 3500, askVolume: 1500 }); // 5000 lots, delta -2000
});

test('options context: walls 5420/5380, vol trigger 5400, positive net gamma, put/call 1.15, call:put volume 1:1.15', () => {
  assert.equal(SCENARIO_DAY.callWall, 5420);
  assert.equal(SCENARIO_DAY.putWall, 5380);
  assert.equal(SCENARIO_DAY.volTrigger, 5400);
  assert.ok(SCENARIO_DAY.netGammaBn > 0);
  assert.equal(SCENARIO_DAY.putCallRatio, 1.15);
  assert.equal(SCENARIO_DAY.putVolume / SCENARIO_DAY.callVolume, 1.15);
});

test('one engine instance runs the 19 in order: state carries over (vwap_trend wakes at the 15th call)', () => {
  const r = runScenarios(defaultEngineConfig());
  assert.equal(r.length, 19);
  for (const x of r) {
    assert.ok(Number.isFinite(x.score) && x.score >= 0 && x.score <= 1);
    assert.deepEqual(Object.keys(x.features), [...FEATURE_NAMES]);
  }
  assert.equal(r[13]!.available.vwap_trend_signal, false);
  assert.equal(r[14]!.available.vwap_trend_signal, true);
  // gamma at 5400 with the seed context: walls 20 points away (0), inside regime 0.25*0.65, trigger at price 0.10
  assert.ok(Math.abs(r[0]!.features.gamma_levels_proximity - 0.2625) < 1e-12);
  // run again: identical (deterministic, no random feature)
  assert.deepEqual(runScenarios(defaultEngineConfig()).map((x) => x.score), r.map((x) => x.score));
});

test('mia scenarios --json: each scenario an object with a numeric score beside the seed score', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'scenarios', '--json'], { encoding: 'utf8', cwd: REPO });
  assert.equal(res.status, 0, res.stderr);
  const doc = JSON.parse(res.stdout);
  assert.equal(doc.scenarios.length, 19);
  for (const s of doc.scenarios) {
    assert.equal(typeof s.score, 'number');
    assert.equal(typeof s.seed_score, 'number');
    assert.ok(TIER_NAMES.includes(s.tier));
  }
  assert.equal(doc.tier_distribution.seed.STRONG, 12);
});
