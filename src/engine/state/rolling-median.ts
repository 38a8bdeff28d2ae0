import { Ring } from './ring.ts';

// Median of the last `capacity` values: a ring for eviction order plus a sorted copy. An eviction and an
// insertion become one binary search each and one shift of the elements between the two positions.
export class RollingMedian {
  private readonly ring: Ring;
  private readonly sorted: Float64Array;
  private n = 0;

  constructor(readonly capacity: number) {
    this.ring = new Ring(capacity);
    this.sorted = new Float64Array(capacity);
  }

  clear(): void {
    this.ring.clear();
    this.n = 0;
  }

  get count(): number {
    return this.n;
  }

  push(x: number): void {
    const s = this.sorted;
    const out = this.ring.push(x);
    const n = this.n;
    if (out !== out) {
      // not full: insert x keeping order
      let j = n;
      while (j > 0 && s[j - 1]! > x) {
        s[j] = s[j - 1]!;
        j--;
      }
      s[j] = x;
      this.n = n + 1;
      return;
    }
    // full: replace one copy of `out` by x, shifting the values between the two positions
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < out) lo = mid + 1;
      else hi = mid;
    }
    let p = lo;
    if (x > out) {
      while (p + 1 < n && s[p + 1]! < x) {
        s[p] = s[p + 1]!;
        p++;
      }
    } else {
      while (p > 0 && s[p - 1]! > x) {
        s[p] = s[p - 1]!;
        p--;
      }
    }
    s[p] = x;
  }

  /** NaN when empty. */
  median(): number {
    const n = this.n;
    if (n === 0) return NaN;
    const h = n >> 1;
    return n & 1 ? this.sorted[h]! : (this.sorted[h - 1]! + this.sorted[h]!) / 2;
  }
}
