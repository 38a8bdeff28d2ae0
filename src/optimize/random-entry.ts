// A seeded random-entry null through the same simulator: per session the same number of entries as the
// engine took, on random tradable bars with a random side, carrying the engine's scores (so the same tiers,
// sizes, exits, costs and loss limit). A stand-in until the shared random-entry benchmark (issue 9, src/risk/)
// lands; swap `randomEntryDraws` for it.
import type { Thresholds } from '../engine/types.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import type { Trade } from '../simulate/types.ts';
import { buffers, composeSides, type Book } from './book.ts';
import type { EvalContext } from './evaluate.ts';
import { Rng } from './rng.ts';

/** Per draw: net P&L (cents) and the daily P&L (cents) over the book's sessions, appended to `daily[d]`. */
export function randomEntryDraws(book: Book, ctx: EvalContext, t: Thresholds, engineTrades: Trade[], draws: number, rng: Rng, net: Float64Array, daily: number[][]): void {
  const L = book.long;
  const S = L.sessionDates.length;
  const perSession: number[][] = Array.from({ length: S }, () => []);
  const dateIdx = new Map<number, number>();
  L.sessionDates.forEach((d, i) => dateIdx.set(d, i));
  for (const tr of engineTrades) perSession[dateIdx.get(tr.tradeDate)!]!.push(tr.score);
  const b = buffers(book.n);
  const tradableRows: number[][] = Array.from({ length: S }, () => []);
  for (let r = 0; r < book.n; r++) if (L.tradable[r] === 1) tradableRows[L.sessionIdx[r]!]!.push(r);
  for (let d = 0; d < draws; d++) {
    b.score.fill(NaN);
    b.direction.fill(0);
    for (let s = 0; s < S; s++) {
      const rows = tradableRows[s]!;
      for (const score of perSession[s]!) {
        if (rows.length === 0) break;
        const r = rows[rng.int(rows.length)]!;
        b.score[r] = score;
        b.direction[r] = rng.next() < 0.5 ? 1 : -1;
      }
    }
    const sim = scanPlan(composeSides(book, b), t, ctx.multipliers, { ...ctx.params, thresholds: t }, { summaryOnly: true, tierDetail: false });
    net[d] = net[d]! + sim.netCents;
    for (const c of sim.dailyPnlCents) daily[d]!.push(c);
  }
}
