// Profit factor = Σ winning pnl / |Σ losing pnl| (after costs).
// No losing trade -> undefined: null (tables print "∞" when there were wins, "n/a" when there were none).
export function profitFactor(pnl: ArrayLike<number>): number | null {
  let win = 0;
  let loss = 0;
  for (let i = 0; i < pnl.length; i++) {
    const x = pnl[i]!;
    if (x > 0) win += x;
    else if (x < 0) loss -= x;
  }
  return loss > 0 ? win / loss : null;
}
