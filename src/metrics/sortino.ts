// Annualised Sortino = mean(r) / downside deviation · √periodsPerYear, downside deviation = √(Σ min(r,0)² / n)
// over all n session days (target 0). Null with the reason under MIN_RATIO_DAYS days, for a constant series
// (zero variance), or with no losing day (undefined, not infinite).
import { isConstant, tooFewDays, type RatioValue } from './ratio-guard.ts';

export function sortinoDetail(daily: ArrayLike<number>, periodsPerYear = 252): RatioValue {
  const few = tooFewDays(daily.length);
  if (few) return { value: null, reason: few };
  if (isConstant(daily)) return { value: null, reason: 'zero variance: every day has the same return' };
  const v = sortinoKernel(daily, periodsPerYear);
  return v === null ? { value: null, reason: 'no losing day: downside deviation is 0' } : { value: v, reason: null };
}

export function sortinoRatio(daily: ArrayLike<number>, periodsPerYear = 252): number | null {
  return sortinoDetail(daily, periodsPerYear).value;
}

/** The formula alone; null only when no day lost. */
export function sortinoKernel(daily: ArrayLike<number>, periodsPerYear = 252): number | null {
  const n = daily.length;
  let s = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const x = daily[i]!;
    s += x;
    if (x < 0) d += x * x;
  }
  const dd = Math.sqrt(d / n);
  return dd > 0 ? (s / n / dd) * Math.sqrt(periodsPerYear) : null;
}
