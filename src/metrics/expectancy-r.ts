// Expectancy in R = mean over trades of pnl / initial risk, where risk = what the trade loses at its stop
// (stop ticks x tick value x contracts + costs). No trades -> null.
export function expectancyR(pnl: ArrayLike<number>, risk: ArrayLike<number>): number | null {
  if (pnl.length === 0) return null;
  let s = 0;
  for (let i = 0; i < pnl.length; i++) s += pnl[i]! / risk[i]!;
  return s / pnl.length;
}
