// One threshold set per regime bucket, chosen on the training sessions of that bucket with the weights already
// chosen, then applied per test session by the bucket known before its open. Sessions are independent in the
// simulator (flat at every session end, the loss limit per trade date), so a session's P&L under a set is the
// same whichever sets the other sessions use: the regime run is read off one scan per ladder set.
import type { Thresholds } from '../engine/types.ts';
import type { Trade } from '../simulate/types.ts';
import { compareTrials, type Objective } from '../sweep/objective.ts';
import type { Book } from './book.ts';
import { scanOne, type EvalContext } from './evaluate.ts';
import { seriesFigures, type SeriesFigures } from './oos.ts';
import { bucketOf, cutPoints, type RegimeSpec } from './regime.ts';

export interface RegimeChoice {
  cuts: number[];
  /** per bucket: the chosen ladder index, or −1 (no eligible set: the single-set choice is used) */
  pick: number[];
}

interface Scanned {
  daily: Float64Array;
  /** trades per book session */
  bySession: Trade[][];
  /** the set reached ruin (equity at --min-equity) on the book: it never wins, as in the recommender */
  ruined: boolean;
}

function scanLadder(books: Book[], exit: number, ctx: EvalContext, w: Float64Array, which: number[]): Map<number, Scanned> {
  const book = books[exit]!;
  const out = new Map<number, Scanned>();
  const idx = new Map<number, number>();
  book.plan.sessionDates.forEach((d, i) => idx.set(d, i));
  for (const g of which) {
    if (out.has(g)) continue;
    const sim = scanOne(books, ctx, w, { exit, thresholds: ctx.ladder[g]! }, true);
    const bySession: Trade[][] = Array.from({ length: sim.dailyPnlCents.length }, () => []);
    for (const t of sim.trades) bySession[idx.get(t.tradeDate)!]!.push(t);
    out.set(g, { daily: sim.dailyPnlCents, bySession, ruined: sim.ruin !== null });
  }
  return out;
}

function objectiveValue(f: SeriesFigures, objective: Objective): number {
  const v = objective === 'net' ? f.net_pnl_usd : objective === 'sharpe' ? f.sharpe : objective === 'sortino' ? f.sortino : objective === 'profit-factor' ? f.profit_factor : f.trades > 0 ? f.net_pnl_usd / f.trades : null;
  return v === null ? NaN : v;
}

function subset(s: Scanned, sessions: number[], capital: number): SeriesFigures {
  const daily = sessions.map((i) => s.daily[i]!);
  const pnl = sessions.flatMap((i) => s.bySession[i]!.map((t) => t.pnlCents));
  return seriesFigures(daily, pnl, capital);
}

/** With the chosen weights and exit. `values` is indexed by full-plan session; the book's session s is full session book.from + s. */
export function chooseRegime(books: Book[], exit: number, ctx: EvalContext, w: Float64Array, spec: RegimeSpec, values: Float64Array, buckets: number): RegimeChoice {
  const book = books[exit]!;
  const T = book.to - book.from;
  const cuts = cutPoints(spec, values, book.from, book.to);
  const members: number[][] = Array.from({ length: buckets }, () => []);
  for (let s = 0; s < T; s++) {
    const b = bucketOf(values[book.from + s]!, cuts);
    if (b >= 0) members[b]!.push(s);
  }
  const scans = scanLadder(books, exit, ctx, w, ctx.ladder.map((_, g) => g));
  const pick = members.map((sessions) => {
    if (sessions.length === 0) return -1;
    const need = Math.ceil((ctx.minTrades * sessions.length) / T);
    // the recommender's rule on the bucket's sessions: eligible = defined objective, enough trades, no ruin
    let best = -1;
    let bestV = NaN;
    let bestN = NaN;
    for (let g = 0; g < ctx.ladder.length; g++) {
      const sc = scans.get(g)!;
      const f = subset(sc, sessions, ctx.capital);
      const v = objectiveValue(f, ctx.objective);
      if (f.trades < need || Number.isNaN(v) || sc.ruined) continue;
      if (best < 0 || compareTrials(v, f.net_pnl_usd, g, bestV, bestN, best) < 0) (best = g), (bestV = v), (bestN = f.net_pnl_usd);
    }
    return best;
  });
  return { cuts, pick };
}

/** The regime configuration on a test book: per session the bucket's set (unknown bucket or no pick: `fallback`). */
export function testRegime(books: Book[], exit: number, ctx: EvalContext, w: Float64Array, choice: RegimeChoice, values: Float64Array, fallback: number): { daily: number[]; trades: Trade[] } {
  const book = books[exit]!;
  const T = book.to - book.from;
  const gOf = (s: number): number => {
    const b = bucketOf(values[book.from + s]!, choice.cuts);
    const g = b >= 0 ? choice.pick[b] ?? -1 : -1;
    return g >= 0 ? g : fallback;
  };
  const need = [...new Set(Array.from({ length: T }, (_, s) => gOf(s)))];
  const scans = scanLadder(books, exit, ctx, w, need);
  const daily: number[] = [];
  const trades: Trade[] = [];
  for (let s = 0; s < T; s++) {
    const sc = scans.get(gOf(s))!;
    daily.push(sc.daily[s]!);
    for (const t of sc.bySession[s]!) trades.push(t);
  }
  return { daily, trades };
}
