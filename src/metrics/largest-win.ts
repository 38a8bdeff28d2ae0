// Largest win = max pnl over trades with pnl > 0.
// No winning trade -> null.
export function largestWin(pnl: ArrayLike<number>): number | null {
  let m: number | null = null;
  for (let i = 0; i < pnl.length; i++) if (pnl[i]! > 0 && (m === null || pnl[i]! > m)) m = pnl[i]!;
  return m;
}
