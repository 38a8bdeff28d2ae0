import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, normalInv, normalPdf } from '../src/sweep/normal.ts';
import { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe, EULER_GAMMA } from '../src/sweep/deflated-sharpe.ts';
import { returnMoments, sampleVariance } from '../src/sweep/moments.ts';

// Φ by Simpson integration of the pdf from 0: an independent reference for the rational approximation.
function simpsonCdf(x: number): number {
  const n = 20000;
  const h = x / n;
  let s = normalPdf(0) + normalPdf(x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * normalPdf(i * h);
  return 0.5 + (s * h) / 3;
}

test('normalCdf matches independent integration and known values', () => {
  for (const x of [-6, -3.3, -1.96, -1, -0.2, 0, 0.5, 1, 1.6449, 2.5, 4, 6]) {
    assert.ok(Math.abs(normalCdf(x) - simpsonCdf(x)) < 1e-13, `x=${x}: ${normalCdf(x)} vs ${simpsonCdf(x)}`);
  }
  assert.equal(normalCdf(0), 0.5);
  assert.ok(Math.abs(normalCdf(1) - 0.8413447460685429) < 1e-15);
  assert.ok(Math.abs(normalCdf(-1.959963984540054) - 0.025) < 1e-15);
  // deep tail: relative accuracy (Φ(−8) = 6.22096057427178e-16)
  assert.ok(Math.abs(normalCdf(-8) / 6.220960574271784e-16 - 1) < 2e-8);
  assert.ok(Math.abs(normalCdf(-5) / 2.866515718791939e-7 - 1) < 1e-9);
  assert.equal(normalCdf(-40), 0);
  assert.equal(normalCdf(40), 1);
  assert.ok(Number.isNaN(normalCdf(NaN)));
});

test('normalInv: known quantiles, round trip, tails and edges', () => {
  assert.ok(Math.abs(normalInv(0.975) - 1.959963984540054) < 1e-12);
  assert.ok(Math.abs(normalInv(0.99) - 2.3263478740408408) < 1e-12);
  assert.ok(Math.abs(normalInv(0.025) + 1.959963984540054) < 1e-12);
  assert.equal(normalInv(0.5), 0);
  for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.0243, 0.0245, 0.3, 0.7, 0.9756, 0.999, 1 - 1e-9]) {
    const x = normalInv(p);
    const back = p > 0.5 ? 1 - normalCdf(-x) : normalCdf(x);
    assert.ok(Math.abs(back - p) <= 1e-14 * Math.max(1, 1 / Math.min(p, 1 - p)) * Math.min(p, 1 - p) + 1e-16, `p=${p}`);
    assert.ok(Math.abs(normalInv(1 - p) + x) < 1e-7 || p < 1e-10, `symmetry at ${p}`);
  }
  assert.equal(normalInv(0), -Infinity);
  assert.equal(normalInv(1), Infinity);
  assert.ok(Number.isNaN(normalInv(1.5)));
  assert.ok(Number.isNaN(normalInv(-0.1)));
});

test('DSR: the numerical example of Bailey & López de Prado (2014) gives 0.9004', () => {
  // Annualised SR 2.5 of the best of N = 100 trials, V[SR] = 0.5 (annual), T = 1250 daily returns,
  // skew −3, kurtosis 10. The formulas work per observation: divide SR by √250 and V by 250.
  const periods = 250;
  const sharpe = 2.5 / Math.sqrt(periods);
  const r = deflatedSharpe({ sharpe, nObs: 1250, skew: -3, kurtosis: 10, nTrials: 100, trialSharpeVariance: 0.5 / periods });
  // the paper: SR0 ≈ 0.1132 per day (≈ 1.79 annualised), DSR ≈ 0.9004
  assert.ok(Math.abs(r.sr0 - 0.1132) < 5e-4, `sr0 ${r.sr0}`);
  assert.ok(Math.abs(r.dsr - 0.9004) < 5e-4, `dsr ${r.dsr}`);
  // hand computation of the same: z = (0.158114 − 0.113172)·35.3412 / √(1 + 0.474342 + 0.056250) = 1.58830 / 1.237171 = 1.28382
  const z = ((sharpe - r.sr0) * Math.sqrt(1249)) / Math.sqrt(1 + 3 * sharpe + 2.25 * sharpe * sharpe);
  assert.ok(Math.abs(z - 1.28382) < 1e-4, `z ${z}`);
  assert.ok(Math.abs(r.dsr - normalCdf(1.28382)) < 1e-4);
});

test('expected max Sharpe: hand values, one trial, monotone in N', () => {
  assert.equal(expectedMaxSharpe(1, 4), 0);
  // N = 2, V = 1: (1 − γ)·Φ⁻¹(0.5) + γ·Φ⁻¹(1 − 1/(2e)) = γ·Φ⁻¹(0.816060) = γ·0.900662
  const e2 = expectedMaxSharpe(2, 1);
  assert.ok(Math.abs(e2 - EULER_GAMMA * normalInv(1 - 1 / (2 * Math.E))) < 1e-15);
  assert.ok(Math.abs(e2 - 0.5772156649 * 0.9006) < 2e-4);
  // scales with √V
  assert.ok(Math.abs(expectedMaxSharpe(50, 4) - 2 * expectedMaxSharpe(50, 1)) < 1e-12);
  let prev = 0;
  for (const n of [2, 10, 100, 1000, 1e5]) {
    const v = expectedMaxSharpe(n, 1);
    assert.ok(v > prev);
    prev = v;
  }
  assert.throws(() => expectedMaxSharpe(0, 1), RangeError);
});

test('PSR: normal returns reduce to Φ(SR·√(T−1)/√(1 + SR²/2)); invalid moments give NaN', () => {
  const sr = 0.1;
  const T = 101;
  const expect = normalCdf((sr * 10) / Math.sqrt(1 + sr * sr / 2));
  assert.ok(Math.abs(probabilisticSharpe(sr, 0, T, 0, 3) - expect) < 1e-15);
  assert.equal(probabilisticSharpe(0, 0, 100, 0, 3), 0.5);
  assert.ok(Number.isNaN(probabilisticSharpe(0.1, 0, 1, 0, 3)));
  assert.ok(Number.isNaN(probabilisticSharpe(1, 0, 100, 5, 1)));
});

test('returnMoments: hand-computed skew and kurtosis', () => {
  // x = 1,2,3,10: mean 4, deviations −3,−2,−1,6; m2 = 50/4 = 12.5, m3 = (−27−8−1+216)/4 = 45, m4 = (81+16+1+1296)/4 = 348.5
  const m = returnMoments([1, 2, 3, 10]);
  assert.equal(m.mean, 4);
  assert.ok(Math.abs(m.std - Math.sqrt(50 / 3)) < 1e-14);
  assert.ok(Math.abs(m.skew - 45 / Math.pow(12.5, 1.5)) < 1e-14);
  assert.ok(Math.abs(m.kurtosis - 348.5 / 156.25) < 1e-14);
  assert.ok(Math.abs(m.sharpe - 4 / Math.sqrt(50 / 3)) < 1e-14);
  const flat = returnMoments([2, 2, 2]);
  assert.equal(flat.sharpe, 0);
  assert.equal(flat.kurtosis, 3);
  assert.equal(sampleVariance([1, 2, 3, 4]), 5 / 3);
  assert.equal(sampleVariance([7]), 0);
});
