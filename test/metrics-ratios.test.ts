// Sharpe/Sortino guards (too few days, zero variance), bootstrap intervals, quantiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharpeRatio, sharpeDetail } from '../src/metrics/sharpe.ts';
import { sortinoRatio, sortinoDetail } from '../src/metrics/sortino.ts';
import { dailyRatios } from '../src/metrics/daily-ratios.ts';
import { quantile, quantiles } from '../src/metrics/quantile.ts';
import { headlineOf } from '../src/simulate/run-backtest.ts';
import type { Summary } from '../src/simulate/run-backtest.ts';
import { lcg } from '../src/util/prng.ts';

test('constant daily P&L: Sharpe and Sortino are null with "zero variance", never ~1e16', () => {
  // -$2,000 every day on $250k: the case that printed -2.9e16 (the mean rounds, leaving ~1e-20 variance)
  const daily = new Float64Array(249).fill(-2000 / 250000);
  assert.equal(sharpeRatio(daily), null);
  assert.match(sharpeDetail(daily).reason!, /zero variance/);
  assert.equal(sortinoRatio(daily), null);
  assert.match(sortinoDetail(daily).reason!, /zero variance/);
  const third = new Float64Array(60).fill(0.1 / 3);
  assert.equal(sharpeRatio(third), null);
});

test('fewer than 20 trading days: null with the count in the reason; 20 days computes', () => {
  const rnd = lcg(7);
  const d19 = Float64Array.from({ length: 19 }, () => rnd() - 0.4);
  assert.equal(sharpeRatio(d19), null);
  assert.equal(sharpeDetail(d19).reason, '19 trading days (fewer than 20)');
  assert.equal(sortinoDetail(d19).reason, '19 trading days (fewer than 20)');
  const d20 = Float64Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.01 : -0.005));
  // mean 0.0025, sample sd = 0.0075·sqrt(20/19)
  const want = (0.0025 / (0.0075 * Math.sqrt(20 / 19))) * Math.sqrt(252);
  assert.ok(Math.abs(sharpeRatio(d20)! - want) < 1e-9);
  // Sortino: downside dev = sqrt(10·0.005²/20)
  const wantS = (0.0025 / Math.sqrt((10 * 0.005 ** 2) / 20)) * Math.sqrt(252);
  assert.ok(Math.abs(sortinoRatio(d20)! - wantS) < 1e-9);
});

test('no losing day: Sortino null with its reason, Sharpe defined', () => {
  const d = Float64Array.from({ length: 30 }, (_, i) => 0.001 * (1 + (i % 3)));
  assert.equal(sortinoDetail(d).reason, 'no losing day: downside deviation is 0');
  assert.ok(sharpeRatio(d)! > 0);
});

test('bootstrap interval: brackets the ratio, records its days, same seed -> same interval, other seed differs', () => {
  const rnd = lcg(11);
  const daily = Float64Array.from({ length: 250 }, () => (rnd() - 0.45) * 0.01);
  const a = dailyRatios(daily, { seed: 3 });
  const b = dailyRatios(daily, { seed: 3 });
  const c = dailyRatios(daily, { seed: 4 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.sharpe.ci95, c.sharpe.ci95);
  const s = a.sharpe;
  assert.equal(s.days, 250);
  assert.ok(s.ci95!.lo < s.value! && s.value! < s.ci95!.hi);
  // the Sharpe's standard error is about sqrt((1 + SR²/2)/n) per day: the interval is near ±1.96·that, annualised
  const daySr = s.value! / Math.sqrt(252);
  const se = Math.sqrt((1 + daySr ** 2 / 2) / 250) * Math.sqrt(252);
  const width = s.ci95!.hi - s.ci95!.lo;
  assert.ok(width > 0.7 * 2 * 1.96 * se && width < 1.3 * 2 * 1.96 * se, `width ${width} vs ${2 * 1.96 * se}`);
  assert.equal(dailyRatios(new Float64Array(10).fill(0.01)).sharpe.ci95, null);
});

test('quantile: type 7 on known samples', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.deepEqual(quantiles([10, 0, 5], [0, 0.25, 1]), [0, 2.5, 10]);
  assert.equal(quantile([], 0.5), null);
});

test('headline: the daily loss limit ending more than half the sessions is said first, with the count', () => {
  const s = { sessions: 249, halted_days: 215 } as Summary;
  assert.deepEqual(headlineOf(s).length, 1);
  assert.match(headlineOf(s)[0]!, /^215 of 249 sessions \(86%\) ended on the daily loss limit/);
  assert.deepEqual(headlineOf({ sessions: 10, halted_days: 5 } as Summary), []);
});
