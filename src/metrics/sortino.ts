// Annualised Sortino = mean(r) / downside deviation · √periodsPerYear, downside deviation = √(Σ min(r,0)² / n)
// over all n session days (target 0). Fewer than 2 days or no losing day -> null (undefined, not infinite).
export function sortinoRatio(daily: ArrayLike<number>, periodsPerYear = 252): number | null {
  const n = daily.length;
  if (n < 2) return null;
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
