import type { Bars } from '../../data/types.ts';
import type { DayContext, Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';

// ENGINE_SPEC §2.10's detector fed by D6 instead of 50 random trades: the last 50 bars, each bucketed at its
// close (one tick), ask volume as buys and bid volume as sells, bars of >= 2x the median volume as
// "institutional" (block = 500 lots), 1000-lot thresholds = 4x median, 100 lots = 0.4x median.
// Feature = min(0.5 strength + 0.3 |sentiment| + 0.2 confidence, 1); 0 with no level. Unsigned.

const WINDOW = 50;

export class VolumeImbalanceSignal implements Feature {
  readonly name = 'volume_imbalance_signal' as const;
  readonly directional = false;
  available = false;
  private readonly tick: number;
  private readonly gapTicks = 5; // 1.25 points on ES
  // per-slot bar data
  private readonly tk = new Float64Array(WINDOW);
  private readonly vol = new Float64Array(WINDOW);
  private readonly buy = new Float64Array(WINDOW);
  private readonly sell = new Float64Array(WINDOW);
  /** slots sorted by tick (ties in arrival order) */
  private readonly order = new Int32Array(WINDOW);
  private n = 0;
  private head = 0;
  // per-bar scratch: zone strengths and institutional levels (at most one per bar in the window)
  private readonly zoneAcc = new Float64Array(WINDOW);
  private readonly zoneDist = new Float64Array(WINDOW);
  private readonly instVal = new Float64Array(WINDOW);
  private readonly instVolume = new Float64Array(WINDOW);
  private readonly instSign = new Float64Array(WINDOW);

  constructor(tick: number) {
    this.tick = tick;
  }

  reset(): void {
    this.n = 0;
    this.head = 0;
    this.available = false;
  }

  private push(tick: number, v: number, buy: number, sell: number): void {
    const slot = this.head;
    const order = this.order;
    const tk = this.tk;
    const n = this.n;
    this.head = slot + 1 === WINDOW ? 0 : slot + 1;
    if (n < WINDOW) {
      tk[slot] = tick;
      this.setSlot(slot, v, buy, sell);
      // insert after equal ticks, so ties stay in arrival order
      let j = n;
      while (j > 0 && tk[order[j - 1]!]! > tick) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = slot;
      this.n = n + 1;
      return;
    }
    // full: the evicted slot is the oldest bar, hence the first of its tick among equals (lower bound)
    const old = tk[slot]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tk[order[mid]!]! < old) lo = mid + 1;
      else hi = mid;
    }
    let p = lo;
    if (tick >= old) {
      while (p + 1 < n && tk[order[p + 1]!]! <= tick) {
        order[p] = order[p + 1]!;
        p++;
      }
    } else {
      while (p > 0 && tk[order[p - 1]!]! > tick) {
        order[p] = order[p - 1]!;
        p--;
      }
    }
    order[p] = slot;
    tk[slot] = tick;
    this.setSlot(slot, v, buy, sell);
  }

  private setSlot(slot: number, v: number, buy: number, sell: number): void {
    this.vol[slot] = v;
    this.buy[slot] = buy;
    this.sell[slot] = sell;
  }

  update(b: Bars, i: number, s: SessionState): number {
    const bid = b.bidVolume[i]!;
    const ask = b.askVolume[i]!;
    const hasFlow = bid === bid && ask === ask;
    this.push(roundHalfEven(b.close[i]! / this.tick), b.volume[i]!, hasFlow ? ask : 0, hasFlow ? bid : 0);
    this.available = hasFlow;
    if (!hasFlow) return 0;

    const lot = s.lot;
    const block = 500 * lot;
    const big = 1000 * lot;
    const minLevel = 100 * lot;
    const gapTicks = this.gapTicks;
    const tk = this.tk;
    const vols = this.vol;
    const buys = this.buy;
    const sells = this.sell;
    const order = this.order;
    const n = this.n;
    let levels = 0;
    let gaps = 0;
    let prevLevelTick = NaN;
    let nAcc = 0;
    let nDist = 0;
    let nInst = 0;
    let nZoneAcc = 0;
    let nZoneDist = 0;

    // one pass over the window in price order; a level is flushed when the tick changes
    let t = NaN;
    let vol = 0;
    let buy = 0;
    let sell = 0;
    let inst = 0;
    for (let j = 0; j <= n; j++) {
      let slot = 0;
      let tj = NaN;
      if (j < n) {
        slot = order[j]!;
        tj = tk[slot]!;
        if (tj === t) {
          const v = vols[slot]!;
          vol += v;
          buy += buys[slot]!;
          sell += sells[slot]!;
          if (v >= block) inst += v;
          continue;
        }
      }
      if (vol >= minLevel && vol > 0) {
        levels++;
        if (t - prevLevelTick > gapTicks) gaps++;
        prevLevelTick = t;
        if (inst >= big) {
          // only levels with >= 1000 (scaled) institutional lots can be zones or institutional levels
          const retail = vol - inst;
          const bs = buy + sell;
          const br = bs > 0 ? buy / bs : 0.5;
          const acc = br > 0.65 && inst > retail;
          const dist = br < 0.35 && inst > retail;
          const strength = (1.5 * inst) / vol;
          if (acc) this.zoneAcc[nZoneAcc++] = strength < 1 ? strength : 1;
          else if (dist) this.zoneDist[nZoneDist++] = strength < 1 ? strength : 1;
          if (inst > 0.6 * vol) {
            this.instVal[nInst] = inst;
            this.instVolume[nInst] = vol;
            this.instSign[nInst] = acc ? 1 : dist ? -1 : 0;
            nInst++;
          }
        }
      }
      if (j === n) break;
      t = tj;
      const v = vols[slot]!;
      vol = v;
      buy = buys[slot]!;
      sell = sells[slot]!;
      inst = v >= block ? v : 0;
    }
    if (levels === 0) return 0;
    if (levels < 3) gaps = 0;
    nAcc = nZoneAcc;
    nDist = nZoneDist;
    const accSum = sumTop(this.zoneAcc, nZoneAcc, 5);
    const distSum = sumTop(this.zoneDist, nZoneDist, 5);
    const strength = Math.min(Math.max(accSum, distSum) + Math.min(0.1 * Math.min(gaps, 3), 0.3), 1);
    const sentiment = nInst > 0 ? this.topSentiment(nInst) : 0;
    const instLevels = nInst < 10 ? nInst : 10;
    const oneSided = (nAcc > 0) !== (nDist > 0) ? 1 : 0.5;
    const confidence = (Math.min(levels / 20, 1) + Math.min(instLevels / 5, 1) + oneSided) / 3;
    return Math.min(0.5 * strength + 0.3 * Math.abs(sentiment) + 0.2 * confidence, 1);
  }

  /** Sentiment over the 10 largest institutional levels (ties: larger level volume first). */
  private topSentiment(m: number): number {
    const inst = this.instVal;
    const vol = this.instVolume;
    const sign = this.instSign;
    if (m > 10) {
      // partial selection sort of the 10 largest into the front (m <= 50, rare)
      for (let a = 0; a < 10; a++) {
        let best = a;
        for (let c = a + 1; c < m; c++) if (inst[c]! > inst[best]! || (inst[c] === inst[best] && vol[c]! > vol[best]!)) best = c;
        if (best !== a) {
          swap(inst, a, best);
          swap(vol, a, best);
          swap(sign, a, best);
        }
      }
      m = 10;
    }
    let total = 0;
    let signed = 0;
    for (let k = 0; k < m; k++) {
      total += inst[k]!;
      signed += inst[k]! * sign[k]!;
    }
    return total > 0 ? signed / total : 0;
  }
}

function swap(a: Float64Array, x: number, y: number): void {
  const t = a[x]!;
  a[x] = a[y]!;
  a[y] = t;
}

/** Sum of the k largest of the first m values (m <= 50; selection only when m > k). */
function sumTop(a: Float64Array, m: number, k: number): number {
  let s = 0;
  if (m <= k) {
    for (let j = 0; j < m; j++) s += a[j]!;
    return s;
  }
  for (let r = 0; r < k; r++) {
    let best = r;
    for (let c = r + 1; c < m; c++) if (a[c]! > a[best]!) best = c;
    const t = a[r]!;
    a[r] = a[best]!;
    a[best] = t;
    s += a[r]!;
  }
  return s;
}

/** Python's round(): half to even (matters only on half-tick prices). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
