// mia's Arrow bar tables carry derived columns (trade_date, rth, roll_week, flags). They are never trusted: the
// importer recomputes them from `ts` and the calendar (a trade_date shifted by a day would let the engine read the
// next day's context: look-ahead). This names how many stored values disagreed, so the user knows the file was off.
import type { Bars } from '../types.ts';
import type { StoredDerived } from './columnar.ts';

export function compareDerived(bars: Bars, sel: Int32Array, file: Int32Array, line: Int32Array, stored: (StoredDerived | undefined)[], files: string[]): string | undefined {
  if (stored.every((s) => s === undefined)) return undefined;
  const bad = new Map<string, number>();
  let first = '';
  for (let q = 0; q < bars.n; q++) {
    const i = sel[q]!;
    const s = stored[file[i]!];
    if (!s) continue;
    const r = line[i]! - 1;
    for (const [k, got] of [['trade_date', s.tradeDate?.[r]], ['rth', s.rth?.[r]], ['roll_week', s.rollWeek?.[r]]] as const) {
      if (got === undefined) continue;
      const want = k === 'trade_date' ? bars.tradeDate[q]! : k === 'rth' ? bars.rth[q]! : bars.rollWeek[q]!;
      if (got !== want) {
        bad.set(k, (bad.get(k) ?? 0) + 1);
        if (first === '') first = `${files[file[i]!]}:row ${r + 1}: ${k} ${got}, recomputed ${want}`;
      }
    }
  }
  if (bad.size === 0) return undefined;
  const counts = [...bad].map(([k, c]) => `${c} ${k}`).join(', ');
  return `stored calendar columns disagree with ts (${counts}; first: ${first}); recomputed from ts and the CME calendar`;
}
