// The traded-side score distribution: the confluence score of every candidate bar (a bar with a direction inside
// the session filter). A WEAK gate below its 1st percentile lets (almost) every directional bar through, so the
// thresholds then change only position size, never which bars are traded: every run says so.
export const SCORE_QUANTILES = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1] as const;
export const FLOOR_NOTE = 'the gate is below the score floor: every directional bar is a candidate';

export interface ScoreDistribution {
  candidates: number;
  /** q → score (linear interpolation, type 7), rounded to 1e-4 */
  quantiles: { q: number; score: number }[];
  /** the WEAK values tried that sit below the 1st percentile */
  gates_below_floor: number[];
  /** FLOOR_NOTE when some gate is below the floor, else null */
  note: string | null;
}

/** Type-7 quantile of ascending values (NaN when empty). */
export function quantileOf(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

export function scoreDistribution(sorted: Float64Array, weakValues: number[]): ScoreDistribution {
  const quantiles = SCORE_QUANTILES.map((q) => ({ q, score: Math.round(quantileOf(sorted, q) * 1e4) / 1e4 }));
  const floor = quantileOf(sorted, 0.01);
  const below = [...new Set(weakValues)].filter((w) => w < floor).sort((a, b) => a - b);
  return { candidates: sorted.length, quantiles, gates_below_floor: below, note: below.length ? FLOOR_NOTE : null };
}

/** "candidate scores (12,000): min 0.23 · p1 0.29 · p5 0.30 · ... · max 0.53" */
export function scoreDistributionText(d: ScoreDistribution): string {
  const name = (q: number) => (q === 0 ? 'min' : q === 1 ? 'max' : `p${Math.round(q * 100)}`);
  const parts = d.quantiles.map((x) => `${name(x.q)} ${x.score.toFixed(3)}`);
  const head = `traded-side scores (${d.candidates.toLocaleString('en-US')} candidate bars): ${parts.join(' · ')}`;
  return d.note ? `${head}\n${d.note} (WEAK ${d.gates_below_floor.join(', ')} < p1)` : head;
}
