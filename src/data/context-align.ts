// D13: a bar may only see context published before its trade date's open — the latest row dated strictly before it.
import type { Bars, DailyContext } from './types.ts';

/** Per bar, the index of the latest context row with date < the bar's trade date, or -1. */
export function contextRowForBars(bars: Bars, ctx: DailyContext | null): Int32Array {
  const out = new Int32Array(bars.n).fill(-1);
  if (!ctx || ctx.n === 0) return out;
  let r = -1;
  let lastTd = -1;
  for (let i = 0; i < bars.n; i++) {
    const td = bars.tradeDate[i]!;
    if (td !== lastTd) {
      if (td < lastTd) r = -1; // not sorted: restart the scan
      while (r + 1 < ctx.n && ctx.date[r + 1]! < td) r++;
      lastTd = td;
    }
    out[i] = r;
  }
  return out;
}
