// CMA-ES, the simplex mapping and the seeded sampling on problems with known answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CmaEs, jacobiEigen } from '../src/optimize/cmaes.ts';
import { dirichlet, Rng } from '../src/optimize/rng.ts';
import { fromShares, toWeights, weightSpace } from '../src/optimize/simplex.ts';
import { roundedWeights } from '../src/optimize/weights-record.ts';

function minimise(f: (x: Float64Array) => number, start: number[], sigma: number, gens: number, seed = 1): { x: Float64Array; f: number } {
  const es = new CmaEs({ mean: start, sigma, seed });
  let best: { x: Float64Array; f: number } = { x: Float64Array.from(start), f: f(Float64Array.from(start)) };
  for (let g = 0; g < gens; g++) {
    const xs = es.ask();
    const fs = xs.map(f);
    fs.forEach((v, i) => {
      if (v < best.f) best = { x: xs[i]!, f: v };
    });
    es.tell(xs, fs);
  }
  return best;
}

test('CMA-ES: sphere in 8 dimensions converges to 0', () => {
  const r = minimise((x) => x.reduce((s, v) => s + v * v, 0), [3, -2, 1, 4, -1, 2, 0.5, -3], 1, 300);
  assert.ok(r.f < 1e-10, `f = ${r.f}`);
});

test('CMA-ES: Rosenbrock in 4 dimensions finds (1,1,1,1)', () => {
  const rosen = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
    return s;
  };
  const r = minimise(rosen, [-1, 0, 0.5, -0.5], 0.5, 2000);
  assert.ok(r.f < 1e-8, `f = ${r.f}`);
  for (const v of r.x) assert.ok(Math.abs(v - 1) < 1e-3, `x = ${Array.from(r.x)}`);
});

test('CMA-ES on the simplex: nearest point to a target with a pinned feature and a bound', () => {
  // target (0.5, 0.3, 0.2, 0, 0) with feature 3 pinned at 0 and feature 0 capped at 0.4:
  // the constrained optimum is the Euclidean projection: w0 at its cap 0.4, the 0.1 excess spread equally over
  // features 1, 2 and 4 → (0.4, 1/3, 7/30, 0, 1/30)
  const space = weightSpace(5, new Map([[3, 0]]), new Map([[0, [0, 0.4]]]));
  const target = [0.5, 0.3, 0.2, 0, 0];
  const f = (z: Float64Array) => toWeights(space, z).reduce((s, w, k) => s + (w - target[k]!) ** 2, 0);
  const r = minimise(f, [0, 0, 0, 0], 1, 400, 5);
  const w = toWeights(space, r.x);
  assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.equal(w[3], 0);
  assert.ok(w[0]! <= 0.4 + 1e-12);
  assert.ok(Math.abs(w[0]! - 0.4) < 1e-3 && Math.abs(w[1]! - 1 / 3) < 1e-4 && Math.abs(w[2]! - 7 / 30) < 1e-4 && Math.abs(w[4]! - 1 / 30) < 1e-4, `w = ${Array.from(w)}`);
});

test('simplex mapping: pins, bounds and sums', () => {
  const space = weightSpace(4, new Map([[1, 0.2]]), new Map([[0, [0.1, 0.3]]]));
  const w = fromShares(space, [0.9, 0.05, 0.05]);
  assert.deepEqual(Array.from(w, (x) => Math.round(x * 1e12) / 1e12), [0.3, 0.2, 0.25, 0.25]);
  assert.throws(() => weightSpace(3, new Map([[0, 0.7], [1, 0.5]]), new Map()), /pinned weights sum/);
  const r = roundedWeights([0.1234567, 0.3333333, 0.5432100]);
  assert.ok(Math.abs(r.reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test('Jacobi eigen decomposition reconstructs a symmetric matrix', () => {
  const m = [Float64Array.from([4, 1, 2]), Float64Array.from([1, 3, 0]), Float64Array.from([2, 0, 5])];
  const { values, vectors } = jacobiEigen(m);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += vectors[i]![k]! * values[k]! * vectors[j]![k]!;
      assert.ok(Math.abs(s - m[i]![j]!) < 1e-10);
    }
  }
});

test('seeded: Dirichlet draws repeat under a seed, sum to 1, and have the right mean', () => {
  const a = dirichlet(new Rng(3), [1, 2, 3]);
  const b = dirichlet(new Rng(3), [1, 2, 3]);
  assert.deepEqual(a, b);
  const rng = new Rng(9);
  const mean = new Float64Array(3);
  for (let i = 0; i < 20000; i++) {
    const d = dirichlet(rng, [1, 2, 3]);
    assert.ok(Math.abs(d[0]! + d[1]! + d[2]! - 1) < 1e-12);
    for (let k = 0; k < 3; k++) mean[k] = mean[k]! + d[k]! / 20000;
  }
  [1 / 6, 2 / 6, 3 / 6].forEach((m, k) => assert.ok(Math.abs(mean[k]! - m) < 0.01, `mean ${k} = ${mean[k]}`));
});
