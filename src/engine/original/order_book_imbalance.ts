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
  /** exp(linspace(0, 1, n)) / its sum, for n = 0..10, as numpy builds them, and the sum of those (np.average's divisor) */
  private readonly weights: Float64Array[] = [];
  private readonly weightSums = new Float64Array(11);
  /** the mock book is the same every bar (sizes, one tick apart): its imbalances are computed once */
  private readonly mockL1: number;
  private readonly mockDepth: number;
  private readonly mockTotal: number;

  constructor() {
    for (let n = 0; n <= 10; n++) {
      const w = new Float64Array(n);
      let sw = 0;
      for (let k = 0; k < n; k++) {
        w[k] = Math.exp(n === 1 ? 0 : k === n - 1 ? 1 : k * (1 / (n - 1)));
        sw += w[k]!;
      }
      let sn = 0;
      for (let k = 0; k < n; k++) {
        w[k] = w[k]! / sw;
        sn += w[k]!;
      }
      this.weights.push(w);
      this.weightSums[n] = sn;
    }
    const bs = Float64Array.from(MOCK_BID);
    const as = Float64Array.from(MOCK_ASK);
    this.mockL1 = (bs[0]! - as[0]!) / (bs[0]! + as[0]!);
    this.mockDepth = depthImbalance(bs, as, BOOK_LEVELS);
    this.mockTotal = MOCK_BID.reduce((a, b) => a + b, 0) + MOCK_ASK.reduce((a, b) => a + b, 0);
  }

  /** The mock book (no L2 given): 970 lots on 10 non-zero levels, spread 2 ticks (< 50 bps at any ES price). */
  private updateMock(): number {
    const total = this.mockTotal;
    let volScore = 0.5;
    const tc = this.totals.count;
    if (tc > 0) {
      const avg = this.totalsSum / tc;
      if (avg > 0) volScore = Math.min(1, total / (avg * 2));
    }
    const liq = Math.max(0, Math.min(1, volScore * 0.7 + (10 / 10) * 0.3));
    const signal = Math.max(-1, Math.min(1, this.smooth(this.mockL1 * 0.6 + this.mockDepth * 0.4) * liq));
    const out = this.totals.push(total);
    this.totalsSum += total - (out === out ? out : 0);
    return Math.max(0, Math.min(1, (signal + 1) / 2));
  }

  update(x: OriginalInputs): number {
    if (!x.hasBook) return this.updateMock();
    const nb = x.nBids;
    const na = x.nAsks;
    const bp = x.bidPx;
    const bs = x.bidSz;
    const ap = x.askPx;
    const as = x.askSz;
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
    let s = 0;
    for (let k = 0; k < n; k++) s += this.raw.fromOldest(n, k) * w[k]!;
    return s / this.weightSums[n]!;
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
