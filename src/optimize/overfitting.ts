// DSR and PBO of a search, from its trace: every weight set × exit combination × ladder set tried is one trial
// (the number actually tried, not the budget), and, as in `mia sweep`, trials with identical per-session P&L
// (same pnl_hash) count once: a weight set that moves no entry has not tried a new idea. The distinct trials,
// the PBO by CSCV and the trial rows are the sweep's own (src/sweep/overfitting.ts, src/sweep/trial.ts).
import { deflatedSharpe } from '../sweep/deflated-sharpe.ts';
import { returnMoments, sampleVariance } from '../sweep/moments.ts';
import { distinctTrials, pboOf as sweepPbo, MIN_SHARPE_DAYS, type PboFigures } from '../sweep/overfitting.ts';
import { F, PERIODS_PER_YEAR } from '../sweep/trial.ts';
import type { Objective } from '../sweep/objective.ts';
import type { SearchTrace } from './search.ts';
import { r6 } from './oos.ts';

export type { PboFigures };

export interface DsrFigures {
  value: number | null;
  psr: number | null;
  sharpe_annualised: number | null;
  sr0_annualised: number | null;
  /** distinct trials (identical per-session P&L counted once): the N of the formula */
  trials: number;
  /** every trial tried, duplicates included */
  all_trials: number;
  observations: number;
}

/** The trace's trial rows as one matrix (weight sets in the order tried, each exit-major then ladder order). */
export interface TrialMatrix {
  rows: Float64Array;
  width: number;
  n: number;
  /** indices of the first trial of each distinct per-session P&L vector */
  distinct: number[];
}

export function trialMatrix(trace: SearchTrace): TrialMatrix {
  const width = trace.evals[0]?.width ?? 0;
  const n = trace.evals.reduce((s, e) => s + e.rows.length / e.width, 0);
  const rows = new Float64Array(n * width);
  let at = 0;
  for (const e of trace.evals) {
    rows.set(e.rows, at);
    at += e.rows.length;
  }
  return { rows, width, n, distinct: distinctTrials(rows, width, n) };
}

/** Per-observation Sharpe of every distinct trial (undefined counts as 0, as in the sweep). */
export function trialSharpes(m: TrialMatrix): Float64Array {
  return Float64Array.from(m.distinct, (i) => {
    const s = m.rows[i * m.width + F.sharpe]!;
    return Number.isFinite(s) ? s / Math.sqrt(PERIODS_PER_YEAR) : 0;
  });
}

/** DSR of the chosen daily P&L against `trials` trials whose Sharpe ratios are `sharpes` (distinct trials). */
export function dsrOf(chosenDailyCents: ArrayLike<number>, trials: number, allTrials: number, sharpes: Float64Array): DsrFigures {
  const m = returnMoments(chosenDailyCents);
  const variance = sampleVariance(sharpes);
  const d = deflatedSharpe({ sharpe: m.sharpe, nObs: m.n, skew: m.skew, kurtosis: m.kurtosis, nTrials: Math.max(1, trials), trialSharpeVariance: variance });
  const ann = Math.sqrt(PERIODS_PER_YEAR);
  // as in the sweep: a Sharpe of too few sessions or of a flat series is undefined, and so are its PSR and DSR
  const defined = m.n >= MIN_SHARPE_DAYS && m.std > 0;
  return {
    value: defined ? r6(d.dsr) : null,
    psr: defined ? r6(d.psr) : null,
    sharpe_annualised: defined ? r6(m.sharpe * ann) : null,
    sr0_annualised: r6(d.sr0 * ann),
    trials,
    all_trials: allTrials,
    observations: m.n,
  };
}

/** CSCV over the distinct trials' per-block P&L sums (S blocks over T sessions); null below 2 blocks or 2 distinct trials. */
export function pboOf(m: TrialMatrix, T: number, S: number, objective: Objective): PboFigures | null {
  if (S < 2 || m.distinct.length < 2) return null;
  return sweepPbo(m.rows, m.width, m.distinct, S, T, objective);
}
