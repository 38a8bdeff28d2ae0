// DSR and PBO of a search, from its trace: every weight set × ladder set is one trial (the number actually
// tried, not the budget). Same formulas and conventions as `mia sweep` (src/sweep/run-sweep.ts).
import { deflatedSharpe } from '../sweep/deflated-sharpe.ts';
import { returnMoments, sampleVariance } from '../sweep/moments.ts';
import { blockBounds, newBlockStats, probabilityOfBacktestOverfitting, type PboMetric } from '../sweep/pbo.ts';
import { F, FIELD_COUNT, PERIODS_PER_YEAR } from '../sweep/trial.ts';
import type { Objective } from '../sweep/objective.ts';
import type { SearchTrace } from './search.ts';
import { r6 } from './oos.ts';

export interface DsrFigures {
  value: number | null;
  psr: number | null;
  sharpe_annualised: number | null;
  sr0_annualised: number | null;
  trials: number;
  observations: number;
}

/** Per-observation Sharpe of every trial in the trace (undefined counts as 0, as in the sweep). */
export function trialSharpes(trace: SearchTrace): Float64Array {
  const out: number[] = [];
  for (const e of trace.evals) {
    for (let g = 0; g < e.rows.length / e.width; g++) {
      const s = e.rows[g * e.width + F.sharpe]!;
      out.push(Number.isFinite(s) ? s / Math.sqrt(PERIODS_PER_YEAR) : 0);
    }
  }
  return Float64Array.from(out);
}

export function dsrOf(chosenDailyCents: ArrayLike<number>, nTrials: number, sharpes: Float64Array): DsrFigures {
  const m = returnMoments(chosenDailyCents);
  const variance = sampleVariance(sharpes);
  const d = deflatedSharpe({ sharpe: m.sharpe, nObs: m.n, skew: m.skew, kurtosis: m.kurtosis, nTrials: Math.max(1, nTrials), trialSharpeVariance: variance });
  const ann = Math.sqrt(PERIODS_PER_YEAR);
  return { value: r6(d.dsr), psr: r6(d.psr), sharpe_annualised: r6(m.sharpe * ann), sr0_annualised: r6(d.sr0 * ann), trials: nTrials, observations: m.n };
}

export interface PboFigures {
  value: number;
  blocks: number;
  combinations: number;
  trials: number;
  metric: PboMetric;
}

/**
 * CSCV over the per-block P&L sums the trace's rows carry (S blocks over T sessions), over the eligible trials
 * (≥ minTrades trades): a gate so high it never trades is a flat zero series, and hundreds of such ties at the
 * median would make any winner look robust.
 */
export function pboOf(trace: SearchTrace, T: number, S: number, objective: Objective, minTrades: number): PboFigures | null {
  const keep: [Float64Array, number][] = [];
  for (const e of trace.evals) for (let g = 0; g < e.rows.length / e.width; g++) if (e.rows[g * e.width + F.trades]! >= Math.max(1, minTrades)) keep.push([e.rows, g * e.width]);
  const N = keep.length;
  if (S < 2 || N < 2) return null;
  const blocks = newBlockStats(S, N);
  const bb = blockBounds(T, S);
  for (let b = 0; b < S; b++) blocks.count[b] = bb[b + 1]! - bb[b]!;
  keep.forEach(([rows, at], j) => {
    const o = at + FIELD_COUNT;
    for (let b = 0; b < S; b++) {
      blocks.sum[b * N + j] = rows[o + b]!;
      blocks.sumSq[b * N + j] = rows[o + S + b]!;
    }
  });
  const metric: PboMetric = objective === 'sharpe' || objective === 'sortino' ? 'sharpe' : 'mean';
  const r = probabilityOfBacktestOverfitting(blocks, { metric });
  return { value: r6(r.pbo) ?? 0, blocks: S, combinations: r.combinations, trials: N, metric };
}
