import { test } from 'node:test';
import assert from 'node:assert/strict';
import { winRate } from '../src/metrics/win-rate.ts';
import { profitFactor } from '../src/metrics/profit-factor.ts';
import { expectancy } from '../src/metrics/expectancy.ts';
import { expectancyR } from '../src/metrics/expectancy-r.ts';
import { averageWin } from '../src/metrics/average-win.ts';
import { averageLoss } from '../src/metrics/average-loss.ts';
import { largestWin } from '../src/metrics/largest-win.ts';
import { largestLoss } from '../src/metrics/largest-loss.ts';
import { maxDrawdown } from '../src/metrics/max-drawdown.ts';
import { sharpeRatio, sharpeKernel } from '../src/metrics/sharpe.ts';
import { sortinoRatio, sortinoKernel } from '../src/metrics/sortino.ts';
import { returnOnCapital } from '../src/metrics/return-on-capital.ts';
import { longestLosingStreak } from '../src/metrics/losing-streak.ts';
import { pf } from '../src/simulate/backtest-tables.ts';

const mixed = [100, -50, 0, 200, -150, -25];

test('trade metrics on a mixed list', () => {
  assert.equal(winRate(mixed), 2 / 6);
  assert.equal(profitFactor(mixed), 300 / 225);
  assert.equal(expectancy(mixed), 75 / 6);
  // expectancy = P(win)·avg win + P(loss)·avg loss
  assert.ok(Math.abs(expectancy(mixed)! - ((2 / 6) * averageWin(mixed)! + (3 / 6) * averageLoss(mixed)!)) < 1e-12);
  assert.equal(averageWin(mixed), 150);
  assert.equal(averageLoss(mixed), -75);
  assert.equal(largestWin(mixed), 200);
  assert.equal(largestLoss(mixed), -150);
  assert.equal(longestLosingStreak([-1, -1, 0, -1, -1, -1, 2, -1]), 3);
  assert.equal(expectancyR([100, -50], [50, 50]), 0.5);
  assert.equal(returnOnCapital(2500, 250000), 0.01);
});

test('edge cases: no trades, all winners, all losers', () => {
  for (const f of [winRate, profitFactor, expectancy, averageWin, averageLoss, largestWin, largestLoss]) assert.equal(f([]), null, f.name);
  assert.equal(longestLosingStreak([]), 0);
  assert.equal(expectancyR([], []), null);
  const winners = [10, 20];
  assert.equal(profitFactor(winners), null, 'no losses: undefined, not a number');
  assert.equal(pf(profitFactor(winners), 2), '∞');
  assert.equal(pf(profitFactor([]), 0), 'n/a');
  assert.equal(averageLoss(winners), null);
  assert.equal(largestLoss(winners), null);
  assert.equal(winRate(winners), 1);
  assert.equal(profitFactor([-5, -5]), 0);
  assert.equal(returnOnCapital(1, 0), null);
});

test('max drawdown: amount, percent of the peak, peak/trough/recovery indices', () => {
  const dd = maxDrawdown([100, -30, -50, 40, 60, -10], 1000);
  assert.equal(dd.amount, 80);
  assert.equal(dd.pct, 80 / 1100);
  assert.equal(dd.peakIndex, 0);
  assert.equal(dd.troughIndex, 2);
  assert.equal(dd.recoveryIndex, 4);
  const never = maxDrawdown([-10, -20, 5], 100);
  assert.equal(never.amount, 30);
  assert.equal(never.peakIndex, -1, 'peak = the starting capital');
  assert.equal(never.recoveryIndex, null);
  assert.deepEqual(maxDrawdown([], 100), { amount: 0, pct: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: null });
  assert.equal(maxDrawdown([5, 5], 100).amount, 0);
});

test('Sharpe and Sortino: sample sd, downside over all days, sqrt(252); undefined cases are null', () => {
  const d = [0.01, -0.005, 0, 0.002];
  const mean = 0.007 / 4;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
  assert.ok(Math.abs(sharpeKernel(d) - (mean / sd) * Math.sqrt(252)) < 1e-12);
  assert.ok(Math.abs(sortinoKernel(d)! - (mean / Math.sqrt(0.005 ** 2 / 4)) * Math.sqrt(252)) < 1e-12);
  // four days are too few for a ratio (fewer than 20): null; five copies of them (20 days) compute
  assert.equal(sharpeRatio(d), null);
  const d20 = [...d, ...d, ...d, ...d, ...d];
  const sd20 = Math.sqrt(d20.reduce((s, x) => s + (x - mean) ** 2, 0) / 19);
  assert.ok(Math.abs(sharpeRatio(d20)! - (mean / sd20) * Math.sqrt(252)) < 1e-12);
  assert.ok(Math.abs(sortinoRatio(d20)! - (mean / Math.sqrt(0.005 ** 2 / 4)) * Math.sqrt(252)) < 1e-12);
  assert.equal(sharpeRatio([0.01]), null);
  assert.equal(sharpeRatio(new Array(25).fill(0.01)), null, 'zero variance');
  assert.equal(sortinoRatio(new Array(25).fill(0).map((_, i) => 0.01 * (1 + (i % 2)))), null, 'no losing day');
  assert.equal(sharpeRatio([]), null);
});
