// A window of sessions ready for thousands of weight sets: the dual plan (side-plans.ts) restricted to the
// window, with its weight-independent jump indexes built once, the window's feature rows and reusable buffers.
// `compose` turns one weight set into a TradePlan the backtest's own scanPlan reads.
import type { TradePlan } from '../simulate/types.ts';
import { planWindow } from '../sweep/plan-window.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { rescoreInto } from './rescore.ts';

export interface Book {
  /** sessions [from, to) of the full plan */
  from: number;
  to: number;
  /** the dual plan of the window: rows 2r (long) and 2r + 1 (short) for feature row r */
  plan: TradePlan;
  /** the window's feature columns (views) */
  cols: Float64Array[];
  /** feature rows in the window */
  n: number;
  /** reusable dual score column */
  dual: Float64Array;
}

/** First candidate row whose session index is >= s. */
function firstRow(plan: TradePlan, s: number): number {
  let lo = 0;
  let hi = plan.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (plan.sessionIdx[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function makeBook(dual: TradePlan, m: FeatureMatrix, from: number, to: number): Book {
  const lo = firstRow(dual, from) / 2;
  const hi = firstRow(dual, to) / 2;
  const plan = planWindow(dual, from, to);
  return { from, to, plan, cols: m.cols.map((c) => c.subarray(lo, hi)), n: hi - lo, dual: new Float64Array(2 * (hi - lo)) };
}

/**
 * The plan of one weight set. `fresh` allocates its score array (a plan that outlives the next call); otherwise
 * the plan is valid until the next compose on this book. A new plan object each call: scanPlan caches trade
 * chains per plan object, and the scores change with the weights.
 */
export function compose(book: Book, w: ArrayLike<number>, deadBand: number, fresh = false): TradePlan {
  const dual = fresh ? new Float64Array(2 * book.n) : book.dual;
  rescoreInto(book.cols, w, deadBand, dual);
  return withScores(book, dual);
}

/** A plan of the book with these dual-row scores (NaN rows are never traded). */
export function withScores(book: Book, dual: Float64Array): TradePlan {
  return { ...book.plan, score: dual };
}
