// Fixed-capacity ring buffer over a preallocated Float64Array: the rolling windows of every feature.
//
// Speed: every value is written twice, at slot h and h + capacity, so the newest `capacity` values always sit
// contiguously in `buf` ending at `end` (the copy of the newest value). `back(k)` is then one read with no
// wrap-around test; the features call it ~50 times per bar (Pearson r, the order-book smoothing,
// persistence), and the unpredictable wrap branch used to cost more than the reads.
export class Ring {
  private readonly buf: Float64Array;
  private head = 0; // next write slot, in [0, capacity)
  /** index in buf of the newest value's upper copy (head - 1 + capacity) */
  private end: number;
  count = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(2 * capacity);
    this.end = capacity - 1;
  }

  clear(): void {
    this.head = 0;
    this.end = this.capacity - 1;
    this.count = 0;
  }

  /** Appends x; returns the value pushed out when full (NaN when nothing was evicted). */
  push(x: number): number {
    const cap = this.capacity;
    const h = this.head;
    let out = NaN;
    if (this.count === cap) out = this.buf[h]!;
    else this.count++;
    this.buf[h] = x;
    this.buf[h + cap] = x;
    this.end = h + cap;
    this.head = h + 1 === cap ? 0 : h + 1;
    return out;
  }

  /** k-th most recent value: 0 = newest. Caller guarantees k < count. */
  back(k: number): number {
    return this.buf[this.end - k]!;
  }

  /** k-th value in chronological order over the last n (0 = oldest of those n). */
  fromOldest(n: number, k: number): number {
    return this.back(n - 1 - k);
  }
}
