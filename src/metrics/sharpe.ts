// Annualised Sharpe = mean(r) / sd(r) · √periodsPerYear, r = daily pnl / capital on every session day
// (zero days included), sd the sample deviation (n-1), no risk-free rate. Fewer than 2 days or sd = 0 -> null.
export function sharpeRatio(daily: ArrayLike<number>, periodsPerYear = 252): number | null {
  const n = daily.length;
  if (n < 2) return null;
  let s = 0;
  for (let i = 0; i < n; i++) s += daily[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (daily[i]! - mean) ** 2;
  const sd = Math.sqrt(v / (n - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : null;
}
