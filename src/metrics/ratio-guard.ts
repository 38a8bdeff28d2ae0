// When an annualised daily ratio (Sharpe, Sortino) means nothing: too few days, or no spread. Shared by both so
// they refuse the same inputs with the same words.
export const MIN_RATIO_DAYS = 20;

/** An annualised ratio, or null with the reason it is undefined. */
export interface RatioValue {
  value: number | null;
  reason: string | null;
}

/** The reason a ratio over these daily returns is undefined (too few days), or null when it may be computed. */
export function tooFewDays(n: number): string | null {
  return n < MIN_RATIO_DAYS ? `${n} trading day${n === 1 ? '' : 's'} (fewer than ${MIN_RATIO_DAYS})` : null;
}

/**
 * True when every value is the same up to float rounding. The sample variance of a constant series is left at
 * ~1e-20 by rounding the mean, not 0, so a "sd > 0" test lets through ratios of 1e16; the spread (max − min)
 * against the values' magnitude is exact for equal inputs and scale-free for near-equal ones.
 */
export function isConstant(x: ArrayLike<number>): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
}
