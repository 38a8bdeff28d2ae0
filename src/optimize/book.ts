// A window of sessions ready for thousands of weight sets: the two side plans restricted to the window (their
// weight-independent jump indexes built once), the matrix rows of the window, and reusable buffers. `compose`
// turns one weight set into a TradePlan the backtest's own scanPlan reads: per row the side-aligned score and
// the side's planned exit; rows with no side (|vote| under the dead band) get a NaN score and are never traded.
import type { TradePlan } from '../simulate/types.ts';
import { planWindow } from '../sweep/plan-window.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import type { SidePlans } from './side-plans.ts';
import { rescoreInto } from './rescore.ts';

export interface Book {
  /** sessions [from, to) of the full plans */
  from: number;
  to: number;
  long: TradePlan;
  short: TradePlan;
  /** the window's feature columns (views) */
  cols: Float64Array[];
  n: number;
  /** reusable per-weight-set buffers */
  buf: ComposeBuffers;
}

export interface ComposeBuffers {
  score: Float64Array;
  direction: Int8Array;
  exitBar: Int32Array;
  exitReason: Uint8Array;
  exitPrice: Float64Array;
  pnlTicks: Float64Array;
  maeTicks: Float64Array;
  mfeTicks: Float64Array;
}

export function buffers(n: number): ComposeBuffers {
  return {
    score: new Float64Array(n),
    direction: new Int8Array(n),
    exitBar: new Int32Array(n),
    exitReason: new Uint8Array(n),
    exitPrice: new Float64Array(n),
    pnlTicks: new Float64Array(n),
    maeTicks: new Float64Array(n),
    mfeTicks: new Float64Array(n),
  };
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

export function makeBook(sides: SidePlans, m: FeatureMatrix, from: number, to: number): Book {
  const lo = firstRow(sides.long, from);
  const hi = firstRow(sides.long, to);
  const long = planWindow(sides.long, from, to);
  const short = planWindow(sides.short, from, to);
  return { from, to, long, short, cols: m.cols.map((c) => c.subarray(lo, hi)), n: hi - lo, buf: buffers(hi - lo) };
}

/**
 * The plan of one weight set. `fresh` allocates new arrays (a plan that outlives the next call); otherwise the
 * book's buffers are reused, so the plan is valid until the next compose on this book. A new plan object each
 * call: scanPlan caches trade chains per plan object, and the rows change with the weights.
 */
export function compose(book: Book, w: Float64Array, deadBand: number, fresh = false): TradePlan {
  const b = fresh ? buffers(book.n) : book.buf;
  rescoreInto(book.cols, w, deadBand, b.score, b.direction);
  return composeSides(book, b);
}

/** A plan from per-row score and side already in `b` (side 0 / NaN score: never traded). */
export function composeSides(book: Book, b: ComposeBuffers): TradePlan {
  const L = book.long;
  const S = book.short;
  const { direction, exitBar, exitReason, exitPrice, pnlTicks, maeTicks, mfeTicks } = b;
  for (let i = 0; i < book.n; i++) {
    const p = direction[i] === -1 ? S : L;
    exitBar[i] = p.exitBar[i]!;
    exitReason[i] = p.exitReason[i]!;
    exitPrice[i] = p.exitPrice[i]!;
    pnlTicks[i] = p.pnlTicks[i]!;
    maeTicks[i] = p.maeTicks[i]!;
    mfeTicks[i] = p.mfeTicks[i]!;
  }
  // sortedScores only serves the sweep's per-tier signal counts, which the optimiser does not read
  return { ...L, score: b.score, direction: b.direction, exitBar, exitReason, exitPrice, pnlTicks, maeTicks, mfeTicks, sortedScores: EMPTY };
}

const EMPTY = new Float64Array(0);
