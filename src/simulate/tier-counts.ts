// Per-tier signal counters of a scan (src/simulate/scan-plan.ts): every candidate's tier, or, in the sweep's mode,
// binary searches in the plan's sorted scores; and the candidates a trade chain steps over.
import { tierOf } from '../engine/config.ts';
import type { Thresholds } from '../engine/types.ts';
import type { TierCounts, TradePlan } from './types.ts';

const tierFor = tierOf;

export function newTierCounts(): TierCounts {
  return {
    signals: new Int32Array(5),
    taken: new Int32Array(5),
    inPosition: new Int32Array(5),
    halted: new Int32Array(5),
    untradable: new Int32Array(5),
    sessions: new Int32Array(5),
    wins: new Int32Array(5),
    netCents: new Float64Array(5),
    sumR: new Float64Array(5),
  };
}

/** Signals and sessions-with-signal per tier: one pass over every candidate (tier 0 = below WEAK). */
export function countSignals(plan: TradePlan, th: Thresholds, tiers: TierCounts): void {
  const last = [-1, -1, -1, -1, -1];
  for (let k = 0; k < plan.n; k++) {
    const tier = tierFor(plan.score[k]!, th);
    tiers.signals[tier]!++;
    const s = plan.sessionIdx[k]!;
    if (last[tier] !== s) {
      last[tier] = s;
      tiers.sessions[tier]!++;
    }
  }
}

/**
 * Per tier, the candidates of rows [from, to) that opened no position: before `busyUntil` (the open trade's exit
 * bar) "in position", else "halted" once the limit stopped the day, else "untradable" (no trade can follow the
 * bar, or its tier is sized 0). Below WEAK is only a signal. Only the backtest's detail mode counts them.
 */
export function countSkipped(plan: TradePlan, th: Thresholds, from: number, to: number, busyUntil: number, halted: boolean, tiers: TierCounts): void {
  const { signalBar, score } = plan;
  for (let k = from; k < to; k++) {
    const tier = tierFor(score[k]!, th);
    if (tier === 0) continue;
    if (signalBar[k]! < busyUntil) tiers.inPosition[tier]!++;
    else if (halted) tiers.halted[tier]!++;
    else tiers.untradable[tier]!++;
  }
}

/** Candidates with score >= x, from the ascending scores (x NaN: none, as `score >= NaN` is false). */
function countAtOrAbove(sorted: Float64Array, x: number): number {
  if (Number.isNaN(x)) return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * Signals per tier without visiting the candidates: with PREMIUM > STRONG > GOOD > WEAK, tierOf's tier is
 * the number of thresholds at or below the score, so each tier is a difference of two counts. Unordered
 * thresholds (which validation rejects) fall back to the counting pass.
 */
export function signalsFromSortedScores(plan: TradePlan, th: Thresholds, tiers: TierCounts): void {
  if (!(th.premium > th.strong && th.strong > th.good && th.good > th.weak)) {
    countSignals(plan, th, tiers);
    tiers.sessions.fill(0);
    return;
  }
  const sorted = plan.sortedScores;
  const p = countAtOrAbove(sorted, th.premium);
  const s = countAtOrAbove(sorted, th.strong);
  const g = countAtOrAbove(sorted, th.good);
  const w = countAtOrAbove(sorted, th.weak);
  tiers.signals[4] = p;
  tiers.signals[3] = s - p;
  tiers.signals[2] = g - s;
  tiers.signals[1] = w - g;
  tiers.signals[0] = plan.n - w;
}
