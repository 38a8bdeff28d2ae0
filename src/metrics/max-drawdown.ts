// Max drawdown = max over i of (peak equity before i − equity at i), equity = capital + cumulative pnl after each
// step; % = that drop / the peak. Duration = steps from the peak to recovery (equity back at the peak) or to the end.
export interface Drawdown {
  /** money, >= 0 */
  amount: number;
  /** fraction of the peak equity, >= 0 */
  pct: number;
  /** step index of the peak (-1 = the starting capital, before any step) */
  peakIndex: number;
  troughIndex: number;
  /** first step at or above the peak after the trough, or null if never recovered */
  recoveryIndex: number | null;
}

export function maxDrawdown(pnl: ArrayLike<number>, capital: number): Drawdown {
  let equity = capital;
  let peak = capital;
  let peakIdx = -1;
  const best: Drawdown = { amount: 0, pct: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: null };
  for (let i = 0; i < pnl.length; i++) {
    equity += pnl[i]!;
    if (equity >= peak) {
      if (best.amount > 0 && best.recoveryIndex === null && best.peakIndex === peakIdx) best.recoveryIndex = i;
      peak = equity;
      peakIdx = i;
    } else if (peak - equity > best.amount) {
      best.amount = peak - equity;
      best.pct = peak > 0 ? best.amount / peak : 0;
      best.peakIndex = peakIdx;
      best.troughIndex = i;
      best.recoveryIndex = null;
    }
  }
  return best;
}
