import { Ring } from './ring.ts';

/**
 * Least-squares slope of the last `capacity` values against x = 0..m-1 in O(1) per push, from running
 * sums of y and x*y. Values are taken relative to the first value after a reset: prices on a binary
 * tick grid (0.25) then make every sum exact, so the slope equals the direct formula (a flat window is
 * exactly 0, never 1e-13).
 */
export class SlidingSlope {
  private readonly ring: Ring;
  private ref = NaN;
  private sy = 0;
  private sxy = 0;

  constructor(readonly capacity: number) {
    this.ring = new Ring(capacity);
  }

  get count(): number {
    return this.ring.count;
  }

  clear(): void {
    this.ring.clear();
    this.ref = NaN;
    this.sy = 0;
    this.sxy = 0;
  }

  push(value: number): void {
    if (this.ref !== this.ref) this.ref = value;
    const y = value - this.ref;
    const m = this.ring.count;
    const out = this.ring.push(y);
    if (out === out) {
      // full: drop the oldest (x = 0), shift every x down by one, append at x = m - 1
      this.sxy = this.sxy - (this.sy - out) + (m - 1) * y;
      this.sy = this.sy - out + y;
    } else {
      this.sxy += m * y;
      this.sy += y;
    }
  }

  /** Slope over all held values (0 with fewer than 2). */
  slope(): number {
    const m = this.ring.count;
    if (m < 2) return 0;
    const xbar = (m - 1) / 2;
    const sxx = ((m - 1) * m * (m + 1)) / 12;
    return (this.sxy - xbar * this.sy) / sxx;
  }
}
