// Quantile q of a sample = linear interpolation between the order statistics at (n−1)·q (Hyndman–Fan type 7,
// numpy's default). Sorts a copy; NaN values are dropped; an empty sample -> null.
export function quantile(values: ArrayLike<number>, q: number): number | null {
  return quantiles(values, [q])[0]!;
}

/** Several quantiles with one sort. */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): (number | null)[] {
  const v = Float64Array.from(values).filter((x) => !Number.isNaN(x)).sort();
  return qs.map((q) => quantileSorted(v, q));
}

/** Type-7 quantile of an ascending array with no NaN. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  const lo = sorted[i]!;
  const hi = sorted[Math.min(i + 1, n - 1)]!;
  return h === i || lo === hi ? lo : lo + (h - i) * (hi - lo);
}
