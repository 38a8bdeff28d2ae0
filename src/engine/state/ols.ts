import type { Ring } from './ring.ts';

// Least-squares slope of y against x = 0..n-1 (numpy.polyfit degree 1): sum((x - xbar) * y) / sum((x - xbar)^2).
// The x-weights depend on n only, so they are computed once per window length.
const COEF_CACHE: Float64Array[] = [];

export function slopeCoefficients(n: number): Float64Array {
  let c = COEF_CACHE[n];
  if (c) return c;
  c = new Float64Array(n);
  const xbar = (n - 1) / 2;
  let sxx = 0;
  for (let x = 0; x < n; x++) sxx += (x - xbar) * (x - xbar);
  for (let x = 0; x < n; x++) c[x] = sxx > 0 ? (x - xbar) / sxx : 0;
  COEF_CACHE[n] = c;
  return c;
}

/** Slope over the last n values of a ring (oldest first). Caller guarantees n <= ring.count; 0 when n < 2. */
export function ringSlope(r: Ring, n: number): number {
  if (n < 2) return 0;
  const c = slopeCoefficients(n);
  // x = 0 is the oldest of the n; the sum of the coefficients is 0, so subtracting the newest value
  // keeps the sum exact on large price levels without changing the slope
  const ref = r.back(0);
  let s = 0;
  for (let x = 0; x < n; x++) s += c[x]! * (r.back(n - 1 - x) - ref);
  return s;
}
