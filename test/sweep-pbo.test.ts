import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockBounds, blockStatsFromMatrix, chooseBlocks, choose, probabilityOfBacktestOverfitting } from '../src/sweep/pbo.ts';

/** Row-major T×N from columns. */
function matrix(cols: number[][]): { values: Float64Array; T: number; N: number } {
  const N = cols.length;
  const T = (cols[0] as number[]).length;
  const values = new Float64Array(T * N);
  for (let t = 0; t < T; t++) for (let j = 0; j < N; j++) values[t * N + j] = (cols[j] as number[])[t] as number;
  return { values, T, N };
}

test('PBO hand case: 2 trials, S = 4, one row per block, metric mean', () => {
  // A = [1,2,3,10], B = [2,2,2,2]. The six IS block pairs and the IS winner's OOS fate:
  // {0,1}: IS A 1.5 < B 2 → B; OOS A 6.5, B 2 → B worst (λ = ln ½)
  // {0,2}: tie 2 = 2 → A (first); OOS A 6 > 2 → best (λ = ln 2)
  // {0,3}: A 5.5 → A; OOS A 2.5 > 2 → best      {1,2}: A 2.5 → A; OOS A 5.5 → best
  // {1,3}: A 6 → A; OOS A 2 = B 2 → mid rank 1.5, ω = ½, λ = 0 (counts as overfit)
  // {2,3}: A 6.5 → A; OOS A 1.5 < 2 → worst
  const { values, T, N } = matrix([[1, 2, 3, 10], [2, 2, 2, 2]]);
  const r = probabilityOfBacktestOverfitting(blockStatsFromMatrix(values, T, N, 4), { metric: 'mean' });
  assert.equal(r.combinations, 6);
  const l2 = Math.log(2);
  assert.deepEqual(r.logits.map((x) => Math.round(x * 1e12) / 1e12), [-l2, l2, l2, l2, 0, -l2].map((x) => Math.round(x * 1e12) / 1e12));
  assert.equal(r.pbo, 0.5);
  assert.deepEqual(r.isPerf, [2, 2, 5.5, 2.5, 6, 6.5]);
  assert.deepEqual(r.oosPerf, [2, 6, 2.5, 5.5, 2, 1.5]);
  // OLS slope by hand: Sxy = −115/8, Sxx = 545/24 → −69/109
  assert.ok(Math.abs((r.degradation.slope as number) + 69 / 109) < 1e-12);
  assert.equal(r.probLoss, 0);
});

test('PBO = 1 when the IS winner is always the OOS loser (equal column totals)', () => {
  // every trial has the same total, so the best IS half is the worst OOS half
  const cols = [
    [5, 1, 3, 1, 2, 0],
    [1, 4, 1, 2, 1, 3],
    [2, 2, 2, 2, 2, 2],
  ];
  for (const c of cols) assert.equal(c.reduce((a, b) => a + b), 12);
  const { values, T, N } = matrix(cols);
  const r = probabilityOfBacktestOverfitting(blockStatsFromMatrix(values, T, N, 6), { metric: 'mean' });
  assert.equal(r.combinations, 20);
  assert.equal(r.pbo, 1);
  assert.ok((r.degradation.slope as number) < 0);
});

test('PBO = 0 when one trial dominates in every block (Sharpe metric)', () => {
  const T = 64;
  const base: number[] = [];
  for (let t = 0; t < T; t++) base.push(Math.sin(t * 1.7) * 3 + (t % 5) - 2);
  // trial 2 = trial 0 shifted up: higher mean, same spread in every block
  const cols = [base, base.map((v, t) => v * 0.5 + Math.cos(t)), base.map((v) => v + 2)];
  const { values, N } = matrix(cols);
  const r = probabilityOfBacktestOverfitting(blockStatsFromMatrix(values, T, N, 8));
  assert.equal(r.combinations, choose(8, 4));
  assert.equal(r.pbo, 0);
  assert.ok(r.logits.every((l) => Math.abs(l - Math.log(3)) < 1e-12));
});

test('block statistics agree with brute-force CSCV on a random matrix (Sharpe metric, uneven blocks)', () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const T = 53; // not a multiple of S: the first T mod S blocks get one more row
  const N = 7;
  const S = 6;
  const values = new Float64Array(T * N);
  for (let i = 0; i < values.length; i++) values[i] = rnd() + (i % N) * 0.01;
  const r = probabilityOfBacktestOverfitting(blockStatsFromMatrix(values, T, N, S));
  const bounds = blockBounds(T, S);
  assert.equal(bounds[S], T);
  // brute force: recompute every combination from the raw rows
  const sharpe = (rows: number[], j: number) => {
    const x = rows.map((t) => values[t * N + j] as number);
    const m = x.reduce((a, b) => a + b) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    return m / sd;
  };
  let k = 0;
  let overfit = 0;
  for (let a = 0; a < S; a++)
    for (let b = a + 1; b < S; b++)
      for (let c = b + 1; c < S; c++) {
        const isB = [a, b, c];
        const isRows: number[] = [];
        const oosRows: number[] = [];
        for (let blk = 0; blk < S; blk++)
          for (let t = bounds[blk] as number; t < (bounds[blk + 1] as number); t++) (isB.includes(blk) ? isRows : oosRows).push(t);
        const isP = Array.from({ length: N }, (_, j) => sharpe(isRows, j));
        const oosP = Array.from({ length: N }, (_, j) => sharpe(oosRows, j));
        const best = isP.indexOf(Math.max(...isP));
        const rank = oosP.filter((v) => v < (oosP[best] as number)).length + 1;
        const lambda = Math.log(rank / (N + 1) / (1 - rank / (N + 1)));
        assert.ok(Math.abs((r.logits[k] as number) - lambda) < 1e-9, `combination ${k}`);
        assert.ok(Math.abs((r.oosPerf[k] as number) - (oosP[best] as number)) < 1e-9);
        if (lambda <= 0) overfit++;
        k++;
      }
  assert.equal(k, r.combinations);
  assert.equal(r.pbo, overfit / k);
});

test('chooseBlocks keeps the work bounded and refuses too-short series', () => {
  assert.equal(chooseBlocks(1000, 10), 16);
  assert.ok(chooseBlocks(1000, 200_000) < 16);
  assert.equal(chooseBlocks(10, 3), 4);
  assert.throws(() => chooseBlocks(3, 3), /at least 4 periods/);
  assert.throws(() => blockStatsFromMatrix(new Float64Array(8), 8, 1, 4), /at least 2 trials/);
  assert.throws(() => blockStatsFromMatrix(new Float64Array(8), 4, 2, 3), /even/);
});
