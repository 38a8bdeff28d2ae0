// Fixed-capacity ring buffer over a preallocated Float64Array: the rolling windows of every feature.
export class Ring {
  readonly buf: Float64Array;
  private head = 0; // next write slot
  count = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(capacity);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Appends x; returns the value pushed out when full (NaN when nothing was evicted). */
  push(x: number): number {
    const cap = this.capacity;
    let out = NaN;
    if (this.count === cap) out = this.buf[this.head]!;
    else this.count++;
    this.buf[this.head] = x;
    this.head = this.head + 1 === cap ? 0 : this.head + 1;
    return out;
  }

  /** k-th most recent value: 0 = newest. Caller guarantees k < count. */
  back(k: number): number {
    let j = this.head - 1 - k;
    if (j < 0) j += this.capacity;
    return this.buf[j]!;
  }

  /** k-th value in chronological order over the last n (0 = oldest of those n). */
  fromOldest(n: number, k: number): number {
    return this.back(n - 1 - k);
  }
}
