// Median of the last `capacity` values: a ring (slot = arrival position modulo capacity) plus a sorted copy.
// An eviction and an insertion become one binary search and one shift of the elements between the two
// positions. Each sorted entry also carries its ring slot (`slots`), so a caller can walk the window in
// value order and still reach per-slot data: volume_imbalance_signal finds its "big" bars (>= a threshold)
// as the sorted suffix instead of scanning all 50 bars every bar.
export class RollingMedian {
  /** the window's values in ascending order (first `count` entries) */
  readonly sorted: Float64Array;
  /** sorted[j]'s ring slot */
  readonly slots: Int32Array;
  private readonly ring: Float64Array;
  private head = 0; // next write slot
  private n = 0;
  /** ring slot of the last pushed value */
  lastSlot = -1;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  clear(): void {
    this.head = 0;
    this.n = 0;
    this.lastSlot = -1;
  }

  get count(): number {
    return this.n;
  }

  push(x: number): void {
    const s = this.sorted;
    const lab = this.slots;
    const slot = this.head;
    this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    this.lastSlot = slot;
    const n = this.n;
    if (n < this.capacity) {
      // not full: insert x keeping order (after any equal values)
      this.ring[slot] = x;
      let j = n;
      while (j > 0 && s[j - 1]! > x) {
        s[j] = s[j - 1]!;
        lab[j] = lab[j - 1]!;
        j--;
      }
      s[j] = x;
      lab[j] = slot;
      this.n = n + 1;
      return;
    }
    const out = this.ring[slot]!;
    this.ring[slot] = x;
    // full: replace the evicted entry by x, shifting the values between the two positions. The binary search
    // (branch-free halving: its trip count depends on n only) finds the first copy of `out`.
    let base = 0;
    let len = n;
    while (len > 1) {
      const half = len >> 1;
      base = s[base + half - 1]! < out ? base + half : base;
      len -= half;
    }
    let p = s[base]! < out ? base + 1 : base;
    // equal values are interchangeable in `sorted`, but not their slots: give the first copy the evicted slot
    if (lab[p] !== slot) {
      let q = p + 1;
      while (q < n && lab[q] !== slot) q++;
      if (q < n && s[q] === out) lab[q] = lab[p]!;
      else {
        // only when the window holds a NaN (the search is then meaningless; the importer rejects NaN
        // volumes): replace the evicted entry wherever it is, never loop past the end
        q = 0;
        while (lab[q] !== slot) q++;
        p = q;
      }
    }
    if (x > out) {
      while (p + 1 < n && s[p + 1]! < x) {
        s[p] = s[p + 1]!;
        lab[p] = lab[p + 1]!;
        p++;
      }
    } else {
      while (p > 0 && s[p - 1]! > x) {
        s[p] = s[p - 1]!;
        lab[p] = lab[p - 1]!;
        p--;
      }
    }
    s[p] = x;
    lab[p] = slot;
  }

  /** NaN when empty. */
  median(): number {
    const n = this.n;
    if (n === 0) return NaN;
    const h = n >> 1;
    return n & 1 ? this.sorted[h]! : (this.sorted[h - 1]! + this.sorted[h]!) / 2;
  }

  /** Index of the first sorted value >= t (count when none). */
  lowerBound(t: number): number {
    const s = this.sorted;
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
