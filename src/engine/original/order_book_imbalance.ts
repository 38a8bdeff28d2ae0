import { Ring } from '../state/ring.ts';
import type { OriginalInputs } from './inputs.ts';
import { BOOK_LEVELS } from './inputs.ts';

// ENGINE_SPEC §2.7 as the original runs it: the L2 book when given, else the fixed mock book around the close
// (sizes 150..60 / 140..50, one ES tick apart); smoothing over the last 10 raw imbalances, liquidity from the
// previous 50 five-level totals, the spread penalty above 50 bps. The output is the normalised signal.

const MOCK_BID = [150, 120, 100, 80, 60] as const;
const MOCK_ASK = [140, 110, 90, 70, 50] as const;

export class OrderBookImbalanceOriginal {
  private readonly raw = new Ring(10);
  private readonly totals = new Ring(50);
  private totalsSum = 0;
  private readonly bidPx = new Float64Array(BOOK_LEVELS);
  private readonly bidSz = new Float64Array(BOOK_LEVELS);
  private readonly askPx = new Float64Array(BOOK_LEVELS);
  private readonly askSz = new Float64Array(BOOK_LEVELS);
  /** exp(linspace(0, 1, n)) for n = 3..10, as numpy builds them */
  private readonly weights: Float64Array[] = [];

  constructor() {
    for (let n = 0; n <= 10; n++) {
      const w = new Float64Array(n);
      for (let k = 0; k < n; k++) w[k] = Math.exp(n === 1 ? 0 : k === n - 1 ? 1 : k * (1 / (n - 1)));
      this.weights.push(w);
    }
  }

  update(x: OriginalInputs): number {
    let nb = x.nBids;
    let na = x.nAsks;
    let bp = x.bidPx;
    let bs = x.bidSz;
    let ap = x.askPx;
    let as = x.askSz;
    if (!x.hasBook) {
      bp = this.bidPx;
      bs = this.bidSz;
      ap = this.askPx;
      as = this.askSz;
      for (let k = 0; k < BOOK_LEVELS; k++) {
        bp[k] = x.c - 0.25 * (k + 1);
        ap[k] = x.c + 0.25 * (k + 1);
        bs[k] = MOCK_BID[k]!;
        as[k] = MOCK_ASK[k]!;
      }
      nb = BOOK_LEVELS;
      na = BOOK_LEVELS;
    }
    // an empty side: signal 0, and no history is updated
    if (nb === 0 || na === 0) return 0.5;
    const b1 = bs[0]!;
    const a1 = as[0]!;
    const l1 = b1 + a1 === 0 ? 0 : Math.max(-1, Math.min(1, (b1 - a1) / (b1 + a1)));
    const depth = depthImbalance(bs, as, Math.min(BOOK_LEVELS, nb, na));
    let total = 0;
    let active = 0;
    for (let k = 0; k < nb; k++) {
      total += bs[k]!;
      if (bs[k]! > 0) active++;
    }
    for (let k = 0; k < na; k++) {
      total += as[k]!;
      if (as[k]! > 0) active++;
    }
    const spreadBps = bp[0]! <= 0 ? 0 : Math.max(0, ((ap[0]! - bp[0]!) / bp[0]!) * 10000);
    let volScore = 0.5;
    const tc = this.totals.count;
    if (tc > 0) {
      const avg = this.totalsSum / tc;
      if (avg > 0) volScore = Math.min(1, total / (avg * 2));
    }
    const liq = Math.max(0, Math.min(1, volScore * 0.7 + (active / 10) * 0.3));
    const weighted = l1 * 0.6 + depth * 0.4;
    let signal = this.smooth(weighted) * liq;
    if (spreadBps > 50) signal *= Math.max(0.5, 1 - (spreadBps - 50) / 100);
    signal = Math.max(-1, Math.min(1, signal));
    const out = this.totals.push(total);
    this.totalsSum += total - (out === out ? out : 0);
    return Math.max(0, Math.min(1, (signal + 1) / 2));
  }

  private smooth(raw: number): number {
    this.raw.push(raw);
    const n = this.raw.count;
    if (n < 3) return raw;
    const w = this.weights[n]!;
    let sw = 0;
    let s = 0;
    for (let k = 0; k < n; k++) sw += w[k]!;
    for (let k = 0; k < n; k++) s += this.raw.fromOldest(n, k) * (w[k]! / sw);
    let sn = 0;
    for (let k = 0; k < n; k++) sn += w[k]! / sw;
    return s / sn;
  }
}

function depthImbalance(bs: Float64Array, as: Float64Array, m: number): number {
  if (m === 0) return 0;
  let wb = 0;
  let wa = 0;
  let tw = 0;
  for (let k = 0; k < m; k++) {
    const w = 0.8 ** k;
    wb += bs[k]! * w;
    wa += as[k]! * w;
    tw += w;
  }
  wb /= tw;
  wa /= tw;
  const tot = wb + wa;
  return tot === 0 ? 0 : Math.max(-1, Math.min(1, (wb - wa) / tot));
}
