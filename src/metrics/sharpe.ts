// Annualised Sharpe = mean(r) / sd(r) · √periodsPerYear, r = daily pnl / capital on every session day
// (zero days included), sd the sample deviation (n-1), no risk-free rate. Undefined (null, with the reason)
// under MIN_RATIO_DAYS days or when every day has the same return (zero variance).
import { isConstant, tooFewDays, type RatioValue } from './ratio-guard.ts';

export function sharpeDetail(daily: ArrayLike<number>, periodsPerYear = 252): RatioValue {
  const n = daily.length;
  const few = tooFewDays(n);
  if (few) return { value: null, reason: few };
  if (isConstant(daily)) return { value: null, reason: 'zero variance: every day has the same return' };
  return { value: sharpeKernel(daily, periodsPerYear), reason: null };
}

export function sharpeRatio(daily: ArrayLike<number>, periodsPerYear = 252): number | null {
  return sharpeDetail(daily, periodsPerYear).value;
}

/** The formula alone, no guards: the bootstrap calls it on resamples of a series already checked. */
export function sharpeKernel(daily: ArrayLike<number>, periodsPerYear = 252): number {
  const n = daily.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += daily[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (daily[i]! - mean) ** 2;
  const sd = Math.sqrt(v / (n - 1));
  return (mean / sd) * Math.sqrt(periodsPerYear);
}
