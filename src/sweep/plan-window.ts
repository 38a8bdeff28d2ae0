// A session window of a TradePlan without re-planning: the candidate arrays are sorted by signal bar, so a
// range of sessions is a contiguous slice. Every trade is flat by its session's end (session_end / roll),
// so a window's trades are exactly the full plan's trades on those sessions; the engine ran on the full
// series, so no window starts with cold indicators.
import { indexCandidates } from '../simulate/plan-trades.ts';
import type { TradePlan } from '../simulate/types.ts';

/** First candidate whose session index is >= s. */
function firstCandidate(plan: TradePlan, s: number): number {
  let lo = 0;
  let hi = plan.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((plan.sessionIdx[mid] as number) < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The plan restricted to sessions [from, to) (indices into plan.sessionDates), session indices rebased to 0. */
export function planWindow(plan: TradePlan, from: number, to: number): TradePlan {
  if (from === 0 && to === plan.sessionDates.length) return plan;
  const lo = firstCandidate(plan, from);
  const hi = firstCandidate(plan, to);
  const sessionIdx = new Int32Array(hi - lo);
  for (let k = lo; k < hi; k++) sessionIdx[k - lo] = (plan.sessionIdx[k] as number) - from;
  let eligibleBars = 0;
  // eligible bars are not stored per session; count them from the bars (a window's "share of bars")
  const { tradeDate, rth } = plan.bars;
  const d0 = plan.sessionDates[from] ?? Infinity;
  const d1 = to > from ? (plan.sessionDates[to - 1] as number) : -Infinity;
  const rthOnly = plan.session === 'rth';
  for (let t = 0; t < plan.bars.n; t++) {
    const d = tradeDate[t] as number;
    if (d >= d0 && d <= d1 && (!rthOnly || rth[t] === 1)) eligibleBars++;
  }
  const window: TradePlan = {
    ...plan,
    n: hi - lo,
    eligibleBars,
    sessionDates: plan.sessionDates.subarray(from, to),
    signalBar: plan.signalBar.subarray(lo, hi),
    score: plan.score.subarray(lo, hi),
    direction: plan.direction.subarray(lo, hi),
    sessionIdx,
    tradable: plan.tradable.subarray(lo, hi),
    entryBar: plan.entryBar.subarray(lo, hi),
    exitBar: plan.exitBar.subarray(lo, hi),
    exitReason: plan.exitReason.subarray(lo, hi),
    entryPrice: plan.entryPrice.subarray(lo, hi),
    exitPrice: plan.exitPrice.subarray(lo, hi),
    pnlTicks: plan.pnlTicks.subarray(lo, hi),
    maeTicks: plan.maeTicks.subarray(lo, hi),
    mfeTicks: plan.mfeTicks.subarray(lo, hi),
    fillRes: plan.fillRes.subarray(lo, hi),
    nextCandidate: new Int32Array(plan.nextCandidate.length),
    sessionEnd: new Int32Array(to - from),
    sortedScores: plan.sortedScores,
  };
  indexCandidates(window);
  return window;
}

/** Session index range [from, to) of the plan whose dates lie in [fromDate, toDate] (yyyymmdd, inclusive). */
export function sessionRange(plan: TradePlan, fromDate: number, toDate: number): { from: number; to: number } {
  const d = plan.sessionDates;
  let from = 0;
  while (from < d.length && (d[from] as number) < fromDate) from++;
  let to = from;
  while (to < d.length && (d[to] as number) <= toDate) to++;
  return { from, to };
}
