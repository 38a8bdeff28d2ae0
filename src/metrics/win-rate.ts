// Win rate = #(pnl > 0) / #trades. A break-even trade (pnl = 0) counts as a trade but not as a win.
// No trades -> null (undefined, not 0%).
export function winRate(pnl: ArrayLike<number>): number | null {
  if (pnl.length === 0) return null;
  let wins = 0;
  for (let i = 0; i < pnl.length; i++) if (pnl[i]! > 0) wins++;
  return wins / pnl.length;
}
