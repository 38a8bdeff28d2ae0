// Section 4's figures: the backtest's own per-tier signal counts (what `mia backtest --json` prints), with
// the seed's target rates beside them, and the scores of the signal bars for the histogram.
import type { TierRow } from '../simulate/run-backtest.ts';
import type { Signals } from '../simulate/types.ts';
import type { TierDistributionRow, TierName } from './weekend-model.ts';

/** The seed's live expectations: PREMIUM 2–4 and STRONG 5–10 signals per session. */
export const TARGETS: Partial<Record<TierName, { lo: number; hi: number }>> = {
  PREMIUM: { lo: 2, hi: 4 },
  STRONG: { lo: 5, hi: 10 },
};

/** One row per tier (PREMIUM first), from the backtest's tier table. */
export function distributionRows(tiers: TierRow[]): TierDistributionRow[] {
  return tiers.map((r) => {
    const tier = r.tier as TierName;
    return {
      tier,
      count: r.signals,
      share: r.share_of_bars ?? 0,
      perSession: r.signals_per_session ?? 0,
      sessions: r.sessions_with_signal,
      target: TARGETS[tier] ?? null,
    };
  });
}

/** Scores of the bars that carry a signal (engine active, a direction, a finite score): the simulator's candidates. */
export function signalScores(s: Signals): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < s.score.length; i++) {
    const v = s.score[i]!;
    if (s.active[i] === 1 && s.direction[i] !== 0 && Number.isFinite(v)) out.push(v);
  }
  return Float64Array.from(out);
}
