import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import { Ring } from '../state/ring.ts';

// D5: without an L2 book, the bar's own aggressor imbalance (ask - bid)/(ask + bid), exp-weighted over the
// last 10 bars (weights e^linspace(0,1,n), oldest first, n >= 3, else the raw value). Directional; no
// liquidity or spread multipliers (they need L2). No bid/ask volume -> 0.5, never the mock book's 0.5128.

const WEIGHTS: Float64Array[] = [];
for (let n = 0; n <= 10; n++) {
  const w = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    w[k] = Math.exp(n === 1 ? 0 : k / (n - 1));
    sum += w[k]!;
  }
  for (let k = 0; k < n; k++) w[k] = w[k]! / sum;
  WEIGHTS.push(w);
}

export class OrderBookImbalance implements Feature {
  readonly name = 'order_book_imbalance' as const;
  readonly directional = true;
  available = false;
  private readonly raws = new Ring(10);

  reset(): void {
    this.raws.clear();
    this.available = false;
  }

  update(b: Bars, i: number): number {
    const bid = b.bidVolume[i]!;
    const ask = b.askVolume[i]!;
    if (!(bid === bid && ask === ask)) {
      this.available = false;
      return 0.5;
    }
    const tot = ask + bid;
    const raw = tot > 0 ? (ask - bid) / tot : 0;
    const r = this.raws;
    r.push(raw);
    let smoothed = raw;
    const n = r.count;
    if (n >= 3) {
      const w = WEIGHTS[n]!;
      smoothed = 0;
      for (let k = 0; k < n; k++) smoothed += w[k]! * r.back(n - 1 - k);
    }
    this.available = true;
    const f = (smoothed + 1) / 2;
    return f < 0 ? 0 : f > 1 ? 1 : f;
  }
}
