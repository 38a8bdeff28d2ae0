// Average win = Σ pnl over trades with pnl > 0 / their count.
// No winning trade -> null.
export function averageWin(pnl: ArrayLike<number>): number | null {
  let s = 0;
  let n = 0;
  for (let i = 0; i < pnl.length; i++) if (pnl[i]! > 0) (s += pnl[i]!), n++;
  return n ? s / n : null;
}
