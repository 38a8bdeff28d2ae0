// A window of sessions ready for thousands of weight sets: the dual plan (side-plans.ts) restricted to the
// window, with its weight-independent jump indexes built once, the window's feature rows and reusable buffers.
// `compose` turns one weight set into a TradePlan the backtest's own scanPlan reads.
import type { TradePlan } from '../simulate/types.ts';
import { planWindow } from '../sweep/plan-window.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { lazyScores, primeEligible, type Listed } from '../simulate/trade-chain.ts';
import { rescoreRows, rowMajor } from './rescore.ts';

export interface Book {
  /** sessions [from, to) of the full plan */
  from: number;
  to: number;
  /** the dual plan of the window: rows 2r (long) and 2r + 1 (short) for feature row r */
  plan: TradePlan;
  /** the window's feature columns (views) */
  cols: Float64Array[];
  /** the same values row-major (a view of the matrix's one row-major copy): what the rescoring reads */
  feat: Float64Array;
  /** feature rows in the window */
  n: number;
  /** reusable dual score column */
  dual: Float64Array;
  /** per feature row: its bar may open a position (both sides agree), or null when some row's sides disagree */
  trad: Uint8Array | null;
  /** reusable list of the dual rows the last compose found eligible (tradable, score >= its floor); `listed` long */
  list: Int32Array;
  listed: number;
  /** per session: one past its last feature row (plan.sessionEnd / 2: each bar is two dual rows) */
  rowEnd: Int32Array;
  /** the weights of the last lazy compose (its plan rescores from them on demand) */
  w: Float64Array;
  /** bumped by every compose into the book's buffers: a lazy plan refuses to rescore once it is stale */
  gen: number;
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

/** One row-major copy per matrix, shared by every book (window × exit combination) over it. */
const rowMajorOf = new WeakMap<FeatureMatrix, Float64Array>();

export function makeBook(dual: TradePlan, m: FeatureMatrix, from: number, to: number): Book {
  const lo = firstRow(dual, from) / 2;
  const hi = firstRow(dual, to) / 2;
  const plan = planWindow(dual, from, to);
  const n = hi - lo;
  let all = rowMajorOf.get(m);
  if (!all) rowMajorOf.set(m, (all = rowMajor(m.cols)));
  const rowEnd = plan.sessionEnd.map((e) => e / 2);
  return { from, to, plan, cols: m.cols.map((c) => c.subarray(lo, hi)), feat: all.subarray(10 * lo, 10 * hi), n, dual: new Float64Array(2 * n), trad: barTradable(plan, n), list: new Int32Array(2 * n), listed: 0, rowEnd, w: new Float64Array(10), gen: 0 };
}

/** Tradability per feature row. planTrades decides it from the bar alone, so both sides agree; if not, null (no listing). */
function barTradable(plan: TradePlan, n: number): Uint8Array | null {
  const t = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (plan.tradable[2 * r] !== plan.tradable[2 * r + 1]) return null;
    t[r] = plan.tradable[2 * r]!;
  }
  return t;
}

/**
 * The plan of one weight set. `fresh` allocates its arrays (a plan that outlives the next call); otherwise
 * the plan is valid until the next compose on this book. A new plan object each call: scanPlan caches trade
 * chains per plan object, and the scores change with the weights. The rescoring also lists the rows eligible
 * at `floor` and hands them to the trade chain (primeEligible), so a scan at any WEAK >= `floor` chains from
 * that short list instead of passing over the whole plan again. A plan that is not `fresh` is rescored lazily,
 * session by session as the scan reads it (lazyScores in src/simulate/trade-chain.ts): most weight sets reach ruin long before the
 * window ends, and the rows after ruin are then never rescored.
 */
export function compose(book: Book, w: ArrayLike<number>, deadBand: number, fresh = false, floor = -Infinity): TradePlan {
  if (!fresh && book.trad) return lazyPlan(book, w, deadBand, floor).plan;
  return eagerPlan(book, w, deadBand, fresh, floor);
}

/** compose with every score written up front. */
function eagerPlan(book: Book, w: ArrayLike<number>, deadBand: number, fresh: boolean, floor: number): TradePlan {
  if (!fresh) book.gen++;
  const dual = fresh ? new Float64Array(2 * book.n) : book.dual;
  const list = fresh ? new Int32Array(2 * book.n) : book.list;
  book.listed = rescoreRows(book.feat, w, deadBand, dual, book.trad ? { trad: book.trad, floor, list } : undefined, 0, book.n, 0);
  const plan = withScores(book, dual);
  if (book.trad) primeEligible(plan, floor, list.subarray(0, book.listed));
  return plan;
}

/**
 * A plan of the book whose scores (and eligible list at `floor`) are written on demand: prepareThrough(s) rescores
 * the feature rows up to the end of session s, appending to the list the chain walks (primeEligible with `live`).
 * Valid until the next compose on this book (it rescores into the book's buffers from the book's weight copy).
 */
function lazyPlan(book: Book, w: ArrayLike<number>, deadBand: number, floor: number): { plan: TradePlan; live: Listed; prepare: (s: number) => void } {
  const trad = book.trad!;
  const { feat, dual, list, rowEnd, n } = book;
  for (let k = 0; k < 10; k++) book.w[k] = w[k] as number;
  const wk = book.w;
  const sel = { trad, floor, list };
  const live: Listed = { n: 0 };
  const last = rowEnd.length - 1;
  let done = 0; // feature rows [0, done) are rescored
  const gen = ++book.gen;
  const prepareThrough = (s: number): void => {
    const to = s >= last ? n : rowEnd[s]!;
    if (to <= done) return;
    // rescoring now would overwrite the newer plan's scores with these weights (e.g. a ruin count read late)
    if (book.gen !== gen) throw new Error('optimize: a lazily scored plan was read after the next compose on its book');
    live.n = rescoreRows(feat, wk, deadBand, dual, sel, done, to, live.n);
    done = to;
  };
  const plan = withScores(book, dual);
  lazyScores(plan, prepareThrough);
  primeEligible(plan, floor, list, live);
  return { plan, live, prepare: prepareThrough };
}

/** Books already checked to share the first book's tradable rows (so its eligible list serves them too). */
const sameRows = new WeakMap<Book, WeakSet<Book>>();

function sameTradable(a: Book, b: Book): boolean {
  let known = sameRows.get(a);
  if (known?.has(b)) return true;
  const ta = a.plan.tradable;
  const tb = b.plan.tradable;
  if (a.trad === null || ta.length !== tb.length) return false;
  for (let k = 0; k < ta.length; k++) if (ta[k] !== tb[k]) return false;
  if (!known) sameRows.set(a, (known = new WeakSet()));
  known.add(b);
  return true;
}

/**
 * One weight set's plans on books that share their rows and sessions (one per exit combination): one rescoring
 * serves them all, and its eligible list every book with the same tradable rows. Valid until the next compose
 * on books[0].
 */
export function composeAll(books: Book[], w: ArrayLike<number>, deadBand: number, floor: number): TradePlan[] {
  const first = books[0]!;
  if (!first.trad) {
    // no listing (some row's sides disagree on tradability): scored up front
    const p0 = eagerPlan(first, w, deadBand, false, floor);
    return books.map((b, i) => (i === 0 ? p0 : withScores(b, first.dual)));
  }
  // lazily scored: the lowest gate's scan rescores only as far as it reads (a higher gate rescores the rest)
  const { plan: p0, live, prepare } = lazyPlan(first, w, deadBand, floor);
  return books.map((b, i) => {
    if (i === 0) return p0;
    const p = withScores(b, first.dual);
    lazyScores(p, prepare);
    if (sameTradable(first, b)) primeEligible(p, floor, first.list, live);
    return p;
  });
}

/** A plan of the book with these dual-row scores (NaN rows are never traded). */
export function withScores(book: Book, dual: Float64Array): TradePlan {
  return { ...book.plan, score: dual };
}
