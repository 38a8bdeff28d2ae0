// The threshold sets of a sweep share their trade chains. Positions never cross a session end and the daily loss
// limit stops trading only for the rest of that trade date, so each session is independent; ignoring the limit,
// which candidates become trades depends only on which candidates may open a position (tradable, tier >= WEAK,
// tier sized > 0) — never on the size itself. With ordered thresholds and every tier sized, that is `score >= WEAK`,
// so every set with the same WEAK walks the same chain; the limit can only end a session's chain early.
import { tierOf } from '../engine/config.ts';
import type { Thresholds } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { lowerBound } from '../util/lower-bound.ts';
import type { TradePlan } from './types.ts';

/** The candidates taken one position at a time, ignoring the daily loss limit, grouped by session. */
export interface TradeChain {
  /** candidate rows in signal order (the first dayStart[ready] are filled) */
  rows: Int32Array;
  /** per session s (plan.sessionDates index): its chain is rows[dayStart[s] .. dayStart[s + 1]) */
  dayStart: Int32Array;
  /** the rows' score, pnlTicks and maeTicks, packed in chain order: all a set's walk reads unless the limit fires */
  score: Float64Array;
  pnlTicks: Float64Array;
  maeTicks: Float64Array;
  /** sessions [0, ready) are chained; chainThrough walks further on demand */
  ready: number;
  /** the walk's state while sessions remain (null once complete) */
  walk: Walk | null;
}

/** Where a lazily built gated chain's walk stands: the next eligible index, the next free row, entries so far. */
interface Walk {
  plan: TradePlan;
  el: Int32Array;
  /** a list still growing (a lazily scored plan's): its current length; null when `el` is complete */
  live: Listed | null;
  after: Int32Array;
  j: number;
  next: number;
  m: number;
}

/**
 * Makes sessions [0, s] of the chain ready. A scan stops at ruin, and a random weight set is often ruined long
 * before the end, so the optimiser's one-use chains are walked only as far as a scan reads them.
 */
export function chainThrough(chain: TradeChain, s: number): void {
  if (s >= chain.ready && chain.walk) walkTo(chain, chain.walk, s);
}

/** Chains kept per plan: a sweep's distinct keys are few (one per WEAK value); bounded for odd set files. */
const MAX_CACHED = 32;
const cache = new WeakMap<TradePlan, Map<number | string, TradeChain>>();

/**
 * The chain for these thresholds and per-tier contract counts (`sizes[1..4]`), built once per plan and key.
 * Ordered thresholds with every tier sized share one chain per WEAK; anything else keys on all four
 * thresholds and the sized tiers (exact, merely not shared).
 */
export function tradeChain(plan: TradePlan, th: Thresholds, sizes: Int32Array): TradeChain {
  const ordered = th.premium > th.strong && th.strong > th.good && th.good > th.weak;
  const allSized = sizes[1]! > 0 && sizes[2]! > 0 && sizes[3]! > 0 && sizes[4]! > 0;
  const key: number | string =
    ordered && allSized ? th.weak : `${th.premium},${th.strong},${th.good},${th.weak}|${+(sizes[1]! > 0)}${+(sizes[2]! > 0)}${+(sizes[3]! > 0)}${+(sizes[4]! > 0)}`;
  let byKey = cache.get(plan);
  if (!byKey) {
    byKey = new Map();
    cache.set(plan, byKey);
  }
  let chain = byKey.get(key);
  if (!chain) {
    chain = buildChain(plan, th, sizes);
    if (byKey.size >= MAX_CACHED) byKey.clear();
    byKey.set(key, chain);
  }
  return chain;
}

/**
 * The jumping walk without the limit: after a trade, the next candidate at or after its exit bar. A gated chain
 * comes back unwalked: call chainThrough(chain, s) before reading session s (scanPlan does).
 */
export function buildChain(plan: TradePlan, th: Thresholds, sizes: Int32Array): TradeChain {
  const ordered = th.premium > th.strong && th.strong > th.good && th.good > th.weak;
  if (ordered && sizes[1]! > 0 && sizes[2]! > 0 && sizes[3]! > 0 && sizes[4]! > 0) return gatedChain(plan, th.weak);
  preparers.get(plan)?.(Infinity); // the walk below reads every score
  const { n, signalBar, sessionIdx, nextCandidate, sessionEnd, tradable, score, exitBar } = plan;
  const S = plan.sessionDates.length;
  const rows = new Int32Array(n);
  const dayStart = new Int32Array(S + 1);
  let m = 0;
  let s = 0;
  let k = 0;
  while (k < n) {
    const row = k++;
    const tier = tierOf(score[row]!, th);
    if (tier === 0 || tradable[row] !== 1 || sizes[tier] === 0) continue;
    const rs = sessionIdx[row]!;
    while (s < rs) dayStart[++s] = m;
    rows[m++] = row;
    const exit = exitBar[row]!;
    k = nextCandidate[exit]!;
    // A position held past its session's last candidate into the next session would make sessions dependent.
    if (k > sessionEnd[rs]!) throw new MiaError(`trade chain: the trade from bar ${signalBar[row]} ends after its session (bar ${exit})`);
  }
  while (s < S) dayStart[++s] = m;
  return packed(plan, rows.slice(0, m), dayStart);
}

/**
 * Per plan, the eligible rows (tradable, score >= weak) of the lowest WEAK chained so far: a higher WEAK on the
 * same plan (the optimiser's gate ladder, ascending) filters that list instead of the whole plan.
 */
const eligibleCache = new WeakMap<TradePlan, { weak: number; rows: Int32Array; live: Listed | null }>();

/** How many rows a growing eligible list holds so far (the optimiser's lazy rescoring appends session by session). */
export interface Listed {
  n: number;
}
/**
 * Hands the chain a plan's eligible rows computed elsewhere: `rows` must be exactly the rows with tradable = 1 and
 * score >= `weak`, ascending, and stay unchanged while the plan is scanned. The optimiser lists them in its
 * rescoring pass, which then spares every gate at or above `weak` the pass over the whole plan. With `live`, the
 * list is still growing: rows[0, live.n) are listed, and the plan's preparer (lazyScores) called with s lists every row of sessions <= s.
 */
export function primeEligible(plan: TradePlan, weak: number, rows: Int32Array, live: Listed | null = null): void {
  eligibleCache.set(plan, { weak, rows, live });
}

/**
 * Lazily scored plans (the optimiser's per-weight-set plans): after prepare(s), the scores of sessions [0, s] are
 * final (s >= the last session: all of them). Kept here rather than as a plan field: one more property on the plan
 * objects made every scan of them ~15 % slower (measured on the optimiser's ladder).
 */
const preparers = new WeakMap<TradePlan, (s: number) => void>();

/** Marks `plan` as lazily scored: scanPlan calls prepare(s) before reading session s, or prepare(Infinity) before reading every score. */
export function lazyScores(plan: TradePlan, prepare: (s: number) => void): void {
  preparers.set(plan, prepare);
}

/** The plan's preparer, or undefined when every score is final. */
export function preparerOf(plan: TradePlan): ((s: number) => void) | undefined {
  return preparers.get(plan);
}

/** Reused across calls (the walk is synchronous): the eligible rows of the plan being chained. */
let eligible = new Int32Array(0);

/**
 * The same walk when the opening rule is just `tradable and score >= WEAK` (ordered thresholds, every tier sized):
 * first a branch-free pass lists the eligible rows, then the walk jumps over that list only. The plan-wide pass
 * is where the time went: whether a row is eligible is close to random (a mispredicted branch per row), and the
 * optimiser chains a fresh plan per weight set and gate.
 */
function gatedChain(plan: TradePlan, weak: number): TradeChain {
  const { n, tradable, score } = plan;
  if (eligible.length < n) eligible = new Int32Array(n);
  const el = eligible;
  let e = 0;
  const known = eligibleCache.get(plan);
  if (known && weak === known.weak) {
    // exactly the listed gate (the optimiser's single scan, or the lowest of its ladder): walk the list itself
    return lazyChain(plan, known.rows, known.live);
  }
  preparers.get(plan)?.(Infinity); // the passes below read the whole list or every score
  if (known && weak > known.weak) {
    const kr = known.live ? known.rows.subarray(0, known.live.n) : known.rows;
    for (let j = 0; j < kr.length; j++) {
      const k = kr[j]!;
      el[e] = k;
      e += +(score[k]! >= weak);
    }
  } else {
    // NaN scores compare false: never eligible, as in tierOf
    for (let k = 0; k < n; k++) {
      el[e] = k;
      e += +(score[k]! >= weak) & tradable[k]!;
    }
    const rows = el.slice(0, e);
    eligibleCache.set(plan, { weak, rows, live: null });
    return lazyChain(plan, rows);
  }
  // the walk resumes later (chainThrough): it needs its own copy of the reused list
  return lazyChain(plan, el.slice(0, e));
}

/** Per exitBar column (shared by every plan spread from one, e.g. the optimiser's per-weight-set plans): nextAfterExit. */
const afterCache = new WeakMap<Int32Array, { nextCandidate: Int32Array; after: Int32Array }>();

/**
 * Per row, the first row a position opened there lets open next (nextCandidate[exitBar[row]]): independent of the
 * scores, so computed once per plan's columns rather than as two dependent loads per eligible row per walk.
 */
function nextAfterExit(plan: TradePlan): Int32Array {
  const { exitBar, nextCandidate, n } = plan;
  const known = afterCache.get(exitBar);
  if (known && known.nextCandidate === nextCandidate && known.after.length === n) return known.after;
  const after = new Int32Array(n);
  // untradable rows (exit -1) are never eligible; their entry stays 0
  for (let k = 0; k < n; k++) if (exitBar[k]! >= 0) after[k] = nextCandidate[exitBar[k]!]!;
  afterCache.set(exitBar, { nextCandidate, after });
  return after;
}

/** A gated chain over the eligible rows `el` (ascending; with `live`, only the first live.n so far), no session walked yet. */
function lazyChain(plan: TradePlan, el: Int32Array, live: Listed | null = null): TradeChain {
  // a growing list's final length is unknown: start small, walkTo grows the columns (no more than n/2 + 1 trades:
  // one position at a time, at most one per bar, and each bar is two dual rows)
  const e = live ? Math.min(el.length, 1024) : el.length;
  const chain: TradeChain = {
    rows: new Int32Array(e),
    dayStart: new Int32Array(plan.sessionDates.length + 1),
    score: new Float64Array(e),
    pnlTicks: new Float64Array(e),
    maeTicks: new Float64Array(e),
    ready: 0,
    walk: { plan, el, live, after: nextAfterExit(plan), j: 0, next: 0, m: 0 },
  };
  if (plan.sessionDates.length === 0) chain.walk = null;
  return chain;
}

/**
 * The jumping walk over the eligible rows of sessions chain.ready .. s, without a branch per row: whether a row is
 * taken (at or after the open position's exit) is close to random, so each row is written and the count and the
 * next free row advance arithmetically. The sessions' starts, the no-position-crosses-a-session check and the
 * packed columns follow in a pass over the taken rows only.
 */
function walkTo(chain: TradeChain, w: Walk, s: number): void {
  const { plan, el, after } = w;
  const { signalBar, sessionIdx, sessionEnd, exitBar } = plan;
  const S = plan.sessionDates.length;
  const last = Math.min(s, S - 1);
  const jEnd = lowerBound(el, sessionEnd[last]!, w.live ? w.live.n : el.length);
  const m0 = w.m;
  // each row of the range is written at rows[m] with m <= m0 + (j - w.j)
  if (m0 + jEnd - w.j > chain.rows.length) grow(chain, m0, Math.max(2 * chain.rows.length, m0 + jEnd - w.j));
  const rows = chain.rows;
  let m = m0;
  let next = w.next; // first row a new position may open from
  for (let j = w.j; j < jEnd; j++) {
    const row = el[j]!;
    const take = +(row >= next);
    rows[m] = row;
    m += take;
    next += take * (after[row]! - next);
  }
  const { dayStart, score, pnlTicks, maeTicks } = chain;
  let d = chain.ready;
  for (let i = m0; i < m; i++) {
    const row = rows[i]!;
    const rs = sessionIdx[row]!;
    while (d < rs) dayStart[++d] = i;
    // A position held past its session's last candidate into the next session would make sessions dependent.
    if (after[row]! > sessionEnd[rs]!) throw new MiaError(`trade chain: the trade from bar ${signalBar[row]} ends after its session (bar ${exitBar[row]})`);
    score[i] = plan.score[row]!;
    pnlTicks[i] = plan.pnlTicks[row]!;
    maeTicks[i] = plan.maeTicks[row]!;
  }
  while (d <= last) dayStart[++d] = m;
  chain.ready = last + 1;
  w.j = jEnd;
  w.next = next;
  w.m = m;
  if (chain.ready >= S) chain.walk = null;
}

/** Larger chain columns (capacity `cap`), keeping the first m entries. */
function grow(chain: TradeChain, m: number, cap: number): void {
  const rows = new Int32Array(cap);
  rows.set(chain.rows.subarray(0, m));
  chain.rows = rows;
  const more = (a: Float64Array): Float64Array => {
    const b = new Float64Array(cap);
    b.set(a.subarray(0, m));
    return b;
  };
  chain.score = more(chain.score);
  chain.pnlTicks = more(chain.pnlTicks);
  chain.maeTicks = more(chain.maeTicks);
}

function packed(plan: TradePlan, taken: Int32Array, dayStart: Int32Array): TradeChain {
  const m = taken.length;
  // a plain loop: Float64Array.from with a map function costs ~3x the whole chain walk (the optimiser builds a chain per weight set)
  const pick = (col: Float64Array): Float64Array => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = col[taken[i]!]!;
    return out;
  };
  return { rows: taken, dayStart, score: pick(plan.score), pnlTicks: pick(plan.pnlTicks), maeTicks: pick(plan.maeTicks), ready: dayStart.length - 1, walk: null };
}
