// A seeded random-entry null through the same simulator: per session the same number of entries as the
// engine took, on random tradable bars with a random side, carrying the engine's scores (so the same tiers,
// sizes, exits, costs and loss limit). A stand-in until the shared random-entry benchmark (issue 9, src/risk/)
// lands; swap `randomEntryDraws` for it.
import { scanPlan } from '../simulate/scan-plan.ts';
import type { Trade } from '../simulate/types.ts';
import { withScores, type Book } from './book.ts';
import type { EvalContext, Pick } from './evaluate.ts';
import { Rng } from './rng.ts';

/** Adds each draw's net P&L (cents) to `net[d]` and appends its daily P&L (cents) over the book's sessions to `daily[d]`. */
export function randomEntryDraws(books: Book[], ctx: EvalContext, pick: Pick, engineTrades: Trade[], draws: number, rng: Rng, net: Float64Array, daily: number[][]): void {
  const book = books[pick.exit]!;
  const t = pick.thresholds;
  const P = book.plan;
  const S = P.sessionDates.length;
  const perSession: number[][] = Array.from({ length: S }, () => []);
  const dateIdx = new Map<number, number>();
  P.sessionDates.forEach((d, i) => dateIdx.set(d, i));
  for (const tr of engineTrades) perSession[dateIdx.get(tr.tradeDate)!]!.push(tr.score);
  // feature row r owns dual rows 2r (long) and 2r + 1 (short); tradability is the bar's, the same for both
  const tradableRows: number[][] = Array.from({ length: S }, () => []);
  for (let r = 0; r < book.n; r++) if (P.tradable[2 * r] === 1) tradableRows[P.sessionIdx[2 * r]!]!.push(r);
  const dual = new Float64Array(2 * book.n);
  for (let d = 0; d < draws; d++) {
    dual.fill(NaN);
    for (let s = 0; s < S; s++) {
      const rows = tradableRows[s]!;
      for (const score of perSession[s]!) {
        if (rows.length === 0) break;
        const r = rows[rng.int(rows.length)]!;
        dual[2 * r + (rng.next() < 0.5 ? 0 : 1)] = score;
      }
    }
    const sim = scanPlan(withScores(book, dual), t, ctx.multipliers, { ...ctx.exits[pick.exit]!, thresholds: t }, { summaryOnly: true, tierDetail: false });
    net[d] = net[d]! + sim.netCents;
    for (const c of sim.dailyPnlCents) daily[d]!.push(c);
  }
}
