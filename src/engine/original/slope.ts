import type { Ring } from '../state/ring.ts';

/**
 * Least-squares slope of the last n ring values against 0..n-1 (numpy polyfit degree 1), written as
 * sum over symmetric pairs (x_k - mean)(y_hi - y_lo) / sum (x - mean)^2, so that equal values give exactly 0.
 * numpy's polyfit can return about ±1e-13 there; the golden fixture lists those bars (excluded.json).
 */
export function ringSlope(r: Ring, n: number): number {
  const m = (n - 1) / 2;
  let num = 0;
  for (let k = 0; k < n >> 1; k++) {
    // oldest-first index k pairs with n-1-k; its x offset from the mean is m - k
    num += (m - k) * (r.fromOldest(n, n - 1 - k) - r.fromOldest(n, k));
  }
  return num / ((n * (n * n - 1)) / 12);
}
