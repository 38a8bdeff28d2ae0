// Distinct trials (identical per-session P&L counts once), undefined Sharpe never wins a ranking, the score
// distribution's floor flag and the default grid over the score range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyPnlHash, F, FIELD_COUNT } from '../src/sweep/trial.ts';
import { distinctTrials } from '../src/sweep/overfitting.ts';
import { rankTrials } from '../src/sweep/objective.ts';
import { FLOOR_NOTE, scoreDistribution } from '../src/sweep/score-distribution.ts';
import { defaultGridSpecs } from '../src/sweep/default-grid.ts';
import { buildGrid } from '../src/sweep/grid.ts';
import { DEFAULT_THRESHOLDS } from '../src/engine/types.ts';

test('the daily P&L hash: equal vectors hash alike, any changed day (large or negative cents too) differs', () => {
  const a = Float64Array.from([0, -12_500, 37_000, 0, 9_007_199_254, -4_294_967_296]);
  const h = dailyPnlHash(a);
  assert.equal(h, dailyPnlHash(Float64Array.from(a)));
  assert.ok(Number.isSafeInteger(h) && h >= 0);
  const seen = new Set([h]);
  for (let i = 0; i < a.length; i++) {
    for (const d of [1, -1, 4_294_967_296]) {
      const b = Float64Array.from(a);
      b[i]! += d;
      seen.add(dailyPnlHash(b));
    }
  }
  assert.equal(seen.size, 1 + a.length * 3, 'every single-day change gives a new hash');
  // the same values on another number of days differ
  assert.notEqual(dailyPnlHash(Float64Array.from([0, 0])), dailyPnlHash(Float64Array.from([0, 0, 0])));
});

test('distinct trials keep the first of each identical P&L vector, in order', () => {
  const rows = new Float64Array(5 * FIELD_COUNT);
  [7, 3, 7, 9, 3].forEach((h, i) => (rows[i * FIELD_COUNT + F.pnl_hash] = h));
  assert.deepEqual(distinctTrials(rows, FIELD_COUNT, 5), [0, 1, 3]);
});

test('a trial with an undefined Sharpe (null: < 20 days or no variance) never wins a Sharpe ranking', () => {
  const rows = new Float64Array(3 * FIELD_COUNT);
  const set = (i: number, sharpe: number, net: number) => {
    rows[i * FIELD_COUNT + F.trades] = 100;
    rows[i * FIELD_COUNT + F.sharpe] = sharpe;
    rows[i * FIELD_COUNT + F.net_usd] = net;
  };
  set(0, NaN, 1e9); // what writeTrialRow stores for a null Sharpe
  set(1, -2, -10);
  set(2, -1, -20);
  assert.deepEqual(rankTrials(rows, FIELD_COUNT, 3, 'sharpe', 30), [2, 1]);
  assert.deepEqual(rankTrials(rows, FIELD_COUNT, 3, 'net', 30), [0, 1, 2]);
  // a trial that reached ruin on the window never ranks
  rows[1 * FIELD_COUNT + F.ruin_date] = 20240105;
  assert.deepEqual(rankTrials(rows, FIELD_COUNT, 3, 'net', 30), [0, 2]);
});

test('the score distribution flags a gate below the 1st percentile', () => {
  const sorted = Float64Array.from({ length: 101 }, (_, i) => 0.2 + i * 0.003); // 0.200 .. 0.500
  const d = scoreDistribution(sorted, [0.18, 0.2, 0.25, 0.18]);
  assert.equal(d.candidates, 101);
  assert.deepEqual(d.quantiles.find((q) => q.q === 0.5), { q: 0.5, score: 0.35 });
  assert.deepEqual(d.quantiles.find((q) => q.q === 0.01), { q: 0.01, score: 0.203 });
  assert.deepEqual(d.gates_below_floor, [0.18, 0.2]);
  assert.equal(d.note, FLOOR_NOTE);
  assert.equal(scoreDistribution(sorted, [0.25]).note, null);
});

test('the default grid spans the score range, the gate included, and builds ordered sets', () => {
  const sorted = Float64Array.from({ length: 1001 }, (_, i) => 0.25 + i * 0.0002); // 0.25 .. 0.45
  const g = defaultGridSpecs(sorted);
  // WEAK at the min, p10, p25, p50, p75 floored to 0.01
  assert.equal(g.weak, '0.25,0.27,0.3,0.35,0.4');
  assert.equal(g.premium, '0.34:0.46:0.02');
  const sets = buildGrid(g, DEFAULT_THRESHOLDS);
  const weaks = new Set(Array.from({ length: sets.n }, (_, i) => sets.values[i * 4 + 3]));
  assert.deepEqual([...weaks].sort(), [0.25, 0.27, 0.3, 0.35, 0.4]);
  assert.ok(sets.n > 100);
});
