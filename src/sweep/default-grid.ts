// The default threshold grid of `sweep`, `calibrate` and `report weekend`: every tier, the entry gate (WEAK)
// included, spans the observed traded-side score range of the data, so the gate is a decision the sweep makes
// rather than a constant below every score. Derived from quantiles of the candidates' scores, on a 0.02 grid
// (WEAK on a handful of quantiles), so the same data always gives the same grid.
import type { TierKey } from './grid.ts';
import { quantileOf } from './score-distribution.ts';

/** Quantile span [lo, hi] of each tier above WEAK, stepped by STEP. */
const SPANS: Record<Exclude<TierKey, 'weak'>, [number, number]> = {
  premium: [0.5, 0.99],
  strong: [0.25, 0.95],
  good: [0.1, 0.9],
};
/** WEAK candidates: from "every directional bar" (the minimum) to the upper quartile. */
const WEAK_QUANTILES = [0, 0.1, 0.25, 0.5, 0.75];
const STEP = 0.02;

const fix = (x: number) => Number(x.toFixed(4));

/** Range specs (`start:stop:step`, or a list for WEAK) per tier from the ascending candidate scores. */
export function defaultGridSpecs(sortedScores: Float64Array): Record<TierKey, string> {
  if (sortedScores.length === 0) return { premium: '0.38', strong: '0.32', good: '0.28', weak: '0.18' };
  const span = ([lo, hi]: [number, number]) => {
    const a = Math.max(0, Math.floor(quantileOf(sortedScores, lo) / STEP) * STEP);
    const b = Math.min(1, Math.ceil(quantileOf(sortedScores, hi) / STEP) * STEP);
    return `${fix(a)}:${fix(Math.max(a, b))}:${STEP}`;
  };
  // floored to 0.01 so the gate sits at or below the quantile's own score (that bar stays a candidate)
  const weak = [...new Set(WEAK_QUANTILES.map((q) => fix(Math.floor(quantileOf(sortedScores, q) * 100) / 100)))];
  return { premium: span(SPANS.premium), strong: span(SPANS.strong), good: span(SPANS.good), weak: weak.join(',') };
}
