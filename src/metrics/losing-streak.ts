// Longest losing streak = the most consecutive trades with pnl < 0, in trade order.
// A break-even trade (pnl = 0) ends a streak; no trades -> 0.
export function longestLosingStreak(pnl: ArrayLike<number>): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < pnl.length; i++) {
    run = pnl[i]! < 0 ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
