// Largest loss = min pnl over trades with pnl < 0 (a negative number).
// No losing trade -> null.
export function largestLoss(pnl: ArrayLike<number>): number | null {
  let m: number | null = null;
  for (let i = 0; i < pnl.length; i++) if (pnl[i]! < 0 && (m === null || pnl[i]! < m)) m = pnl[i]!;
  return m;
}
