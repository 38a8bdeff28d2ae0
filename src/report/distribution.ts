// Tier counts over the engine's scored bars: how often each tier fires per session, against the seed's targets.
import { tierOf } from '../engine/config.ts';
import type { EngineOutput, Thresholds } from '../engine/types.ts';
import type { TierDistributionRow, TierName } from './weekend-model.ts';

/** The seed's live expectations: PREMIUM 2–4 and STRONG 5–10 signals per session. */
export const TARGETS: Partial<Record<TierName, { lo: number; hi: number }>> = {
  PREMIUM: { lo: 2, hi: 4 },
  STRONG: { lo: 5, hi: 10 },
};
const ORDER: [TierName, number][] = [['PREMIUM', 4], ['STRONG', 3], ['GOOD', 2], ['WEAK', 1], ['NO_TRADE', 0]];

export interface Distribution {
  rows: TierDistributionRow[];
  scoredBars: number;
  sessions: number;
  /** scores of the scored bars, in bar order */
  scores: Float64Array;
}

/** A bar is scored when the engine processed it and its score is finite; sessions are the trade dates with one. */
export function tierDistribution(out: EngineOutput, tradeDate: Int32Array, t: Thresholds): Distribution {
  const count = new Float64Array(5);
  const sessionsWith = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
  const dates = new Set<number>();
  const scores: number[] = [];
  for (let i = 0; i < out.n; i++) {
    const s = out.score[i]!;
    if (!out.active[i] || !Number.isFinite(s)) continue;
    const tier = tierOf(s, t);
    count[tier]!++;
    sessionsWith[tier]!.add(tradeDate[i]!);
    dates.add(tradeDate[i]!);
    scores.push(s);
  }
  const scored = scores.length;
  const sessions = dates.size;
  const rows = ORDER.map(([tier, code]): TierDistributionRow => ({
    tier,
    count: count[code]!,
    share: scored ? count[code]! / scored : 0,
    perSession: sessions ? count[code]! / sessions : 0,
    sessions: sessionsWith[code]!.size,
    target: TARGETS[tier] ?? null,
  }));
  return { rows, scoredBars: scored, sessions, scores: Float64Array.from(scores) };
}
