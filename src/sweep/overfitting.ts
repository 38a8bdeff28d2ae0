// The sweep's overfitting statistics over the selection window's trial rows: the Deflated Sharpe Ratio of the
// chosen trial and the PBO by CSCV. Trials whose per-session P&L is identical (same pnl_hash) are one trial for
// both: a grid where half the sets trade exactly alike has not tried twice as many ideas.
import { scanPlan } from '../simulate/scan-plan.ts';
import { blockBounds, newBlockStats, probabilityOfBacktestOverfitting, type PboMetric } from './pbo.ts';
import { deflatedSharpe } from './deflated-sharpe.ts';
import { returnMoments, sampleVariance } from './moments.ts';
import type { Objective } from './objective.ts';
import { F, FIELD_COUNT, PERIODS_PER_YEAR } from './trial.ts';
import type { TrialRef } from './trial-space.ts';
import type { TradePlan } from '../simulate/types.ts';

/** Sessions below which a Sharpe ratio (and so the DSR) is undefined, as in src/metrics/sharpe.ts. */
export const MIN_SHARPE_DAYS = 20;

const r6 = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);

export interface DsrFigures {
  value: number | null;
  psr: number | null;
  sr0_annualised: number | null;
  sharpe_annualised: number | null;
  /** distinct trials (the N of the formula) */
  trials: number;
  /** every trial of the grid, duplicates included */
  grid_trials: number;
  trial_sharpe_variance_annualised: number;
  observations: number;
  skew: number | null;
  kurtosis: number | null;
}

export interface PboFigures {
  value: number;
  blocks: number;
  combinations: number;
  metric: PboMetric;
  /** distinct trials in the matrix */
  trials: number;
  degradation_slope: number | null;
  probability_of_loss: number;
  median_logit: number;
}

/** Indices of the first trial of each distinct per-session P&L vector, ascending. */
export function distinctTrials(rows: Float64Array, width: number, n: number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = rows[i * width + F.pnl_hash] as number;
    if (seen.has(h)) continue;
    seen.add(h);
    out.push(i);
  }
  return out;
}

/** DSR of `chosen` (scanned on the selection window) against the distinct trials' Sharpe ratios. */
export function dsrOf(rows: Float64Array, width: number, n: number, distinct: number[], chosen: TrialRef, selPlan: TradePlan): DsrFigures {
  const trialSharpes = Float64Array.from(distinct, (i) => {
    const s = rows[i * width + F.sharpe] as number;
    // an undefined Sharpe (too few days, no variance) counts as no skill
    return Number.isFinite(s) ? s / Math.sqrt(PERIODS_PER_YEAR) : 0;
  });
  const variance = sampleVariance(trialSharpes);
  const sim = scanPlan(selPlan, chosen.thresholds, chosen.params.multipliers, chosen.params, { summaryOnly: true, tierDetail: false });
  const m = returnMoments(sim.dailyPnlCents);
  // a Sharpe of fewer than MIN_SHARPE_DAYS sessions or of a flat series is undefined: so are its PSR and DSR
  const defined = m.n >= MIN_SHARPE_DAYS && m.std > 0;
  const d = deflatedSharpe({ sharpe: m.sharpe, nObs: m.n, skew: m.skew, kurtosis: m.kurtosis, nTrials: distinct.length, trialSharpeVariance: variance });
  const ann = Math.sqrt(PERIODS_PER_YEAR);
  return {
    value: defined ? r6(d.dsr) : null,
    psr: defined ? r6(d.psr) : null,
    sr0_annualised: r6(d.sr0 * ann),
    sharpe_annualised: defined ? r6(m.sharpe * ann) : null,
    trials: distinct.length,
    grid_trials: n,
    trial_sharpe_variance_annualised: r6(variance * PERIODS_PER_YEAR) ?? 0,
    observations: m.n,
    skew: r6(m.skew),
    kurtosis: r6(m.kurtosis),
  };
}

/** PBO by CSCV over the distinct trials' per-block P&L sums (S blocks of the selection window's selT sessions). */
export function pboOf(rows: Float64Array, width: number, distinct: number[], S: number, selT: number, objective: Objective): PboFigures {
  const N = distinct.length;
  const blocks = newBlockStats(S, N);
  const bb = blockBounds(selT, S);
  for (let b = 0; b < S; b++) blocks.count[b] = (bb[b + 1] as number) - (bb[b] as number);
  distinct.forEach((i, j) => {
    const o = i * width + FIELD_COUNT;
    for (let b = 0; b < S; b++) {
      blocks.sum[b * N + j] = rows[o + b] as number;
      blocks.sumSq[b * N + j] = rows[o + S + b] as number;
    }
  });
  const metric: PboMetric = objective === 'sharpe' || objective === 'sortino' ? 'sharpe' : 'mean';
  const r = probabilityOfBacktestOverfitting(blocks, { metric });
  const sorted = [...r.logits].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    value: r6(r.pbo) as number,
    blocks: S,
    combinations: r.combinations,
    metric,
    trials: N,
    degradation_slope: r6(r.degradation.slope),
    probability_of_loss: r6(r.probLoss) as number,
    median_logit: r6(sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2) as number,
  };
}
