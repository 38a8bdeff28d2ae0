// Probabilistic and Deflated Sharpe Ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio", 2014).
// All Sharpe ratios here are per observation (e.g. daily, NOT annualised): the formulas use the sample
// length T in those same units. Annualise only for display.
import { normalCdf, normalInv } from './normal.ts';

/** Euler–Mascheroni constant γ. */
export const EULER_GAMMA = 0.5772156649015329;

/**
 * Expected maximum of N independent Sharpe estimates with true Sharpe 0 and cross-trial variance V:
 *   E[max SR] ≈ √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))
 * This is SR₀, the bar the chosen Sharpe has to clear. One trial: no selection, SR₀ = 0.
 */
export function expectedMaxSharpe(nTrials: number, trialSharpeVariance: number): number {
  if (!(nTrials >= 1) || !Number.isFinite(nTrials)) throw new RangeError(`expectedMaxSharpe: nTrials must be >= 1, got ${nTrials}`);
  if (!(trialSharpeVariance >= 0)) throw new RangeError(`expectedMaxSharpe: variance must be >= 0, got ${trialSharpeVariance}`);
  if (nTrials === 1) return 0;
  const z1 = normalInv(1 - 1 / nTrials);
  const z2 = normalInv(1 - 1 / (nTrials * Math.E));
  return Math.sqrt(trialSharpeVariance) * ((1 - EULER_GAMMA) * z1 + EULER_GAMMA * z2);
}

/**
 * PSR(SR*) = Φ( (SR − SR*)·√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²) )
 * with γ3 the skewness and γ4 the non-excess kurtosis of the returns, T the number of returns.
 * NaN when T < 2 or when the moments make the variance term non-positive (no valid estimate).
 */
export function probabilisticSharpe(sharpe: number, benchmark: number, nObs: number, skew: number, kurtosis: number): number {
  if (!(nObs >= 2)) return NaN;
  const v = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(v > 0)) return NaN;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(nObs - 1)) / Math.sqrt(v));
}

export interface DeflatedSharpeInput {
  /** per-observation Sharpe of the chosen trial */
  sharpe: number;
  /** number of returns T behind that Sharpe */
  nObs: number;
  skew: number;
  /** non-excess (normal = 3) */
  kurtosis: number;
  /** trials actually run */
  nTrials: number;
  /** variance across trials of their per-observation Sharpe ratios */
  trialSharpeVariance: number;
}

export interface DeflatedSharpeResult {
  /** SR₀: expected maximum Sharpe under the null, per observation */
  sr0: number;
  /** DSR = PSR(SR₀) */
  dsr: number;
  /** PSR against 0: the probability the Sharpe is positive ignoring selection */
  psr: number;
}

/** DSR = PSR(SR₀): the probability the chosen Sharpe beats the best a set of N null trials would show. */
export function deflatedSharpe(input: DeflatedSharpeInput): DeflatedSharpeResult {
  const sr0 = expectedMaxSharpe(input.nTrials, input.trialSharpeVariance);
  return {
    sr0,
    dsr: probabilisticSharpe(input.sharpe, sr0, input.nObs, input.skew, input.kurtosis),
    psr: probabilisticSharpe(input.sharpe, 0, input.nObs, input.skew, input.kurtosis),
  };
}
