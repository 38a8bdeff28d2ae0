// Expectancy = P(win)·avg win + P(loss)·avg loss = Σ pnl / #trades, money per trade after costs.
// No trades -> null.
export function expectancy(pnl: ArrayLike<number>): number | null {
  if (pnl.length === 0) return null;
  let s = 0;
  for (let i = 0; i < pnl.length; i++) s += pnl[i]!;
  return s / pnl.length;
}
