// Per-tick buckets of a sliding window of bars (volume_imbalance_signal's 50-bar profile), addressed directly by
// tick: bucket of tick t at slot t & mask, an occupancy bitmap for walking the buckets in tick order, and the
// window's lowest and highest tick. Distinct ticks cannot share a slot while the window spans fewer ticks than the
// table has slots; a wider window doubles the table, moving every bucket's sums as they are (never re-adding them,
// so each sum keeps exactly the additions and subtractions it has had).
//
// Why not a sorted list of ticks: adding and evicting a bar shifted ~15-30 entries of two arrays per bar, and
// finding an existing tick took a binary search; here both are one slot, and the ordered walk reads the bitmap.

import { MiaError } from '../../util/errors.ts';

const MIN_SIZE = 1024;
/** 4 M ticks: a 50-bar window that wide is a wrong tick size or a corrupt price, not a market (ES: 1 M points) */
const MAX_SIZE = 1 << 22;

export class TickTable {
  size = MIN_SIZE;
  mask = MIN_SIZE - 1;
  /** per slot: volume, buys, sells, bars and the bucket's tick (valid where count > 0) */
  vol = new Float64Array(MIN_SIZE);
  buy = new Float64Array(MIN_SIZE);
  sell = new Float64Array(MIN_SIZE);
  count = new Int32Array(MIN_SIZE);
  tick = new Float64Array(MIN_SIZE);
  /**
   * Per-slot scratch for a caller summing something per bucket within one call (volume_imbalance_signal's
   * institutional lots): all zeros between uses, so the caller zeroes the slots it touched. It grows with the table.
   */
  mark = new Float64Array(MIN_SIZE);
  /** bit (slot & 31) of word (slot >> 5) is set while the slot holds a bucket */
  bits = new Int32Array(MIN_SIZE >> 5);
  /** buckets held */
  n = 0;
  /** lowest and highest tick held (valid while n > 0) */
  lo = 0;
  hi = 0;

  /** Empties the table; `ticks[0..m)` are the ticks of the bars it holds (only their slots are cleared). */
  clear(ticks: Float64Array, m: number): void {
    const mask = this.mask;
    for (let k = 0; k < m; k++) {
      const p = ticks[k]! & mask;
      this.count[p] = 0;
      this.bits[p >> 5] = 0;
    }
    this.n = 0;
  }

  /** Adds a bar at tick t (an integer); returns its slot. */
  add(t: number, v: number, buy: number, sell: number): number {
    if (this.n === 0) this.lo = this.hi = t;
    else if (t < this.lo) {
      if (this.hi - t >= this.size) this.grow(this.hi - t + 1);
      this.lo = t;
    } else if (t > this.hi) {
      if (t - this.lo >= this.size) this.grow(t - this.lo + 1);
      this.hi = t;
    }
    // ToInt32 then the mask: t mod size for any integer t below 2^53, negative ones included
    const p = t & this.mask;
    const c = this.count[p]!;
    if (c > 0) {
      this.vol[p] = this.vol[p]! + v;
      this.buy[p] = this.buy[p]! + buy;
      this.sell[p] = this.sell[p]! + sell;
      this.count[p] = c + 1;
      return p;
    }
    this.vol[p] = v;
    this.buy[p] = buy;
    this.sell[p] = sell;
    this.count[p] = 1;
    this.tick[p] = t;
    this.bits[p >> 5] = this.bits[p >> 5]! | (1 << (p & 31));
    this.n++;
    return p;
  }

  /** Takes out a bar added at tick t with these amounts. */
  remove(t: number, v: number, buy: number, sell: number): void {
    const p = t & this.mask;
    const c = this.count[p]!;
    if (c > 1) {
      this.vol[p] = this.vol[p]! - v;
      this.buy[p] = this.buy[p]! - buy;
      this.sell[p] = this.sell[p]! - sell;
      this.count[p] = c - 1;
      return;
    }
    this.count[p] = 0;
    this.bits[p >> 5] = this.bits[p >> 5]! & ~(1 << (p & 31));
    if (--this.n === 0) return;
    if (t === this.lo) this.lo = this.nextAbove(t);
    else if (t === this.hi) this.hi = this.nextBelow(t);
  }

  /** The lowest held tick above t (one exists: t was not the highest). */
  private nextAbove(t: number): number {
    const mask = this.mask;
    const bits = this.bits;
    let p = (t + 1) & mask;
    let word = bits[p >> 5]! >>> (p & 31);
    while (word === 0) {
      p = ((p | 31) + 1) & mask;
      word = bits[p >> 5]!;
    }
    // lowest set bit: 31 - clz32(word & -word)
    return this.tick[p + 31 - Math.clz32(word & -word)]!;
  }

  /** The highest held tick below t (one exists: t was not the lowest). */
  private nextBelow(t: number): number {
    const mask = this.mask;
    const bits = this.bits;
    let p = (t - 1) & mask;
    let word = bits[p >> 5]! << (31 - (p & 31));
    while (word === 0) {
      p = ((p & ~31) - 1) & mask;
      word = bits[p >> 5]!;
    }
    return this.tick[p - Math.clz32(word)]!;
  }

  /** Doubles the table until `span` ticks fit, moving every bucket with its sums unchanged. */
  private grow(span: number): void {
    let size = this.size * 2;
    while (size < span) size *= 2;
    if (size > MAX_SIZE) throw new MiaError(`volume_imbalance_signal: 50 bars span ${span} ticks (more than ${MAX_SIZE}): is the instrument's tick size right?`);
    const old = { vol: this.vol, buy: this.buy, sell: this.sell, count: this.count, tick: this.tick, bits: this.bits, size: this.size };
    this.size = size;
    this.mask = size - 1;
    this.vol = new Float64Array(size);
    this.buy = new Float64Array(size);
    this.sell = new Float64Array(size);
    this.count = new Int32Array(size);
    this.tick = new Float64Array(size);
    this.bits = new Int32Array(size >> 5);
    this.mark = new Float64Array(size);
    for (let q = 0; q < old.size; q++) {
      if (old.count[q] === 0) continue;
      const t = old.tick[q]!;
      const p = t & this.mask;
      this.vol[p] = old.vol[q]!;
      this.buy[p] = old.buy[q]!;
      this.sell[p] = old.sell[q]!;
      this.count[p] = old.count[q]!;
      this.tick[p] = t;
      this.bits[p >> 5] = this.bits[p >> 5]! | (1 << (p & 31));
    }
  }
}
