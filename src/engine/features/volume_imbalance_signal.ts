import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';

// ENGINE_SPEC §2.10's detector fed by D6 instead of 50 random trades: the last 50 bars, each bucketed at its
// close (one tick), ask volume as buys and bid volume as sells, bars of >= 2x the median volume as
// "institutional" (block = 500 lots), 1000-lot thresholds = 4x median, 100 lots = 0.4x median.
// Feature = min(0.5 strength + 0.3 |sentiment| + 0.2 confidence, 1); 0 with no level. Unsigned.
//
// Speed (this is the engine's costliest feature): the price buckets are kept incrementally. Their sums
// (volume, buys, sells, bar count) live in a fixed pool of slots that never move; only the sorted list of
// distinct ticks and each one's pool slot is shifted when a tick appears or disappears (2 arrays, not 5).
// Each window slot remembers its bucket's pool slot, so an evicted bar is subtracted without a search.
// A bar then costs a walk over the distinct levels, which stops once the capped terms (levels/20, 3 gaps)
// saturate, and a short walk down the session state's sorted volumes for the big ("institutional") bars. The
// big buckets are put in tick order only when that order can change a float sum or a ranking tie; every
// other sum is of whole numbers. The values are bit-identical to the direct formula.

const WINDOW = 50;

export class VolumeImbalanceSignal implements Feature {
  readonly name = 'volume_imbalance_signal' as const;
  readonly directional = false;
  available = false;
  private readonly tick: number;
  private readonly gapTicks = 5; // 1.25 points on ES
  // the window, one slot per bar (ring): tick, volume, and the pool slot of the bar's bucket
  private readonly tk = new Float64Array(WINDOW);
  private readonly vol = new Float64Array(WINDOW);
  private readonly buy = new Float64Array(WINDOW);
  private readonly sell = new Float64Array(WINDOW);
  private readonly slotPool = new Int32Array(WINDOW);
  private n = 0;
  // buckets in ascending tick order: the tick and its pool slot
  private readonly bt = new Float64Array(WINDOW);
  private readonly bp = new Int32Array(WINDOW);
  private nb = 0;
  // bucket sums by pool slot (at most 50 buckets at once), and the stack of free pool slots
  private readonly pv = new Float64Array(WINDOW);
  private readonly pb = new Float64Array(WINDOW);
  private readonly ps = new Float64Array(WINDOW);
  private readonly pc = new Int32Array(WINDOW);
  private readonly free = new Int32Array(WINDOW);
  private nFree = WINDOW;
  // per-bar scratch: institutional lots by pool slot (0 = untouched), the buckets holding big bars, zone
  // strengths and institutional levels
  private readonly pInst = new Float64Array(WINDOW);
  private readonly bigPool = new Int32Array(WINDOW);
  private readonly bigTick = new Float64Array(WINDOW);
  private readonly zoneAcc = new Float64Array(WINDOW);
  private readonly zoneDist = new Float64Array(WINDOW);
  private readonly instVal = new Float64Array(WINDOW);
  private readonly instVolume = new Float64Array(WINDOW);
  private readonly instSign = new Float64Array(WINDOW);
  // counts set by classify()
  private nAcc = 0;
  private nDist = 0;
  private nInst = 0;

  constructor(tick: number) {
    this.tick = tick;
    this.reset();
  }

  reset(): void {
    this.n = 0;
    this.nb = 0;
    for (let p = 0; p < WINDOW; p++) this.free[p] = WINDOW - 1 - p;
    this.nFree = WINDOW;
    this.available = false;
  }

  /** Index of the first bucket with tick >= t (nb when none). */
  private lowerBound(t: number): number {
    // branch-free halving: the loop count depends on nb only, so the CPU predicts it
    const bt = this.bt;
    let base = 0;
    let len = this.nb;
    if (len === 0) return 0;
    while (len > 1) {
      const half = len >> 1;
      base = bt[base + half - 1]! < t ? base + half : base;
      len -= half;
    }
    return bt[base]! < t ? base + 1 : base;
  }

  /** Adds a bar to its tick's bucket (creating it) and returns the bucket's pool slot. */
  private addToBucket(t: number, v: number, buy: number, sell: number): number {
    const bt = this.bt;
    const bp = this.bp;
    const k = this.lowerBound(t);
    if (k < this.nb && bt[k] === t) {
      const p = bp[k]!;
      this.pv[p] = this.pv[p]! + v;
      this.pb[p] = this.pb[p]! + buy;
      this.ps[p] = this.ps[p]! + sell;
      this.pc[p] = this.pc[p]! + 1;
      return p;
    }
    for (let j = this.nb; j > k; j--) {
      bt[j] = bt[j - 1]!;
      bp[j] = bp[j - 1]!;
    }
    const p = this.free[--this.nFree]!;
    bt[k] = t;
    bp[k] = p;
    this.pv[p] = v;
    this.pb[p] = buy;
    this.ps[p] = sell;
    this.pc[p] = 1;
    this.nb++;
    return p;
  }

  private removeFromBucket(p: number, t: number, v: number, buy: number, sell: number): void {
    if (this.pc[p]! > 1) {
      this.pv[p] = this.pv[p]! - v;
      this.pb[p] = this.pb[p]! - buy;
      this.ps[p] = this.ps[p]! - sell;
      this.pc[p] = this.pc[p]! - 1;
      return;
    }
    // last bar of its tick: the bucket goes, its pool slot is freed
    const bt = this.bt;
    const bp = this.bp;
    const k = this.lowerBound(t);
    const nb = --this.nb;
    for (let j = k; j < nb; j++) {
      bt[j] = bt[j + 1]!;
      bp[j] = bp[j + 1]!;
    }
    this.free[this.nFree++] = p;
  }

  /** `slot`: the bar's slot in the shared 50-bar volume ring (SessionState.volumes), so both windows agree. */
  private push(slot: number, t: number, v: number, buy: number, sell: number): void {
    if (this.n === WINDOW) this.removeFromBucket(this.slotPool[slot]!, this.tk[slot]!, this.vol[slot]!, this.buy[slot]!, this.sell[slot]!);
    else this.n++;
    this.tk[slot] = t;
    this.vol[slot] = v;
    this.buy[slot] = buy;
    this.sell[slot] = sell;
    this.slotPool[slot] = this.addToBucket(t, v, buy, sell);
  }

  update(b: Bars, i: number, s: SessionState): number {
    const bid = b.bidVolume[i]!;
    const ask = b.askVolume[i]!;
    const v0 = b.volume[i]!;
    const hasFlow = bid === bid && ask === ask;
    // a missing volume counts as 0 lots so it cannot poison the running bucket sums
    this.push(s.volumes.lastSlot, roundHalfEven(b.close[i]! / this.tick), v0 === v0 ? v0 : 0, hasFlow ? ask : 0, hasFlow ? bid : 0);
    this.available = hasFlow;
    if (!hasFlow) return 0;

    const lot = s.lot;
    const block = 500 * lot;
    const big = 1000 * lot;
    const minLevel = 100 * lot;
    const gapTicks = this.gapTicks;

    // 1. levels (buckets of >= 100 lots) and gaps between adjacent levels; both terms are capped
    //    (levels/20, at most 3 gaps), so the walk stops once both saturate
    const bt = this.bt;
    const bp = this.bp;
    const pv = this.pv;
    const nb = this.nb;
    let levels = 0;
    let gaps = 0;
    let prevLevelTick = NaN;
    // The counts are added as 0/1 numbers rather than behind `if`s: the gap test is a coin flip the CPU
    // cannot predict. (minLevel >= 0.4 > 0 since lot >= 1/250, so "vol > 0" is implied by vol >= minLevel.)
    // (An arithmetic select for prevLevelTick was tried: slower than this branch.)
    for (let k = 0; k < nb && (levels < 20 || gaps < 3); k++) {
      const isLevel = +(pv[bp[k]!]! >= minLevel);
      const t = bt[k]!;
      levels += isLevel;
      // prevLevelTick starts NaN: the first level never counts as a gap (NaN compares false)
      gaps += isLevel & +(t - prevLevelTick > gapTicks);
      if (isLevel) prevLevelTick = t;
    }
    if (levels === 0) return 0;
    if (levels < 3) gaps = 0;

    // 2. zones and institutional levels need >= 1000 (scaled) institutional lots, made of bars of >= 500.
    //    The big bars come from the session state, which keeps the same 50 volumes sorted with their ring slots
    //    (VI's window uses the same slots): they are its top suffix, walked down from the largest until a volume
    //    is < block (about 6 bars: cheaper than a binary search, whose branches the CPU cannot predict). The
    //    threshold moves with the median every bar, so no per-bar flag can be kept. Institutional lots are
    //    summed per bucket (pool slot) in volume order: bar volumes are whole numbers (the importer rejects
    //    others), so the per-bucket sums are exact in any order.
    const pInst = this.pInst;
    const bigPool = this.bigPool;
    const bigTick = this.bigTick;
    const wv = this.vol;
    const wp = this.slotPool;
    const wt = this.tk;
    const vols = s.volumes;
    const sortedVols = vols.sorted;
    const sortedSlots = vols.slots;
    let nBig = 0;
    for (let j = vols.count - 1; j >= 0 && sortedVols[j]! >= block; j--) {
      const slot = sortedSlots[j]!;
      const p = wp[slot]!;
      // block > 0, so a touched bucket's sum is > 0: 0 marks a bucket not yet listed
      if (pInst[p] === 0) {
        bigTick[nBig] = wt[slot]!;
        bigPool[nBig++] = p;
      }
      pInst[p] = pInst[p]! + wv[slot]!;
    }
    // The direct formula visits the levels in tick order. That order only changes the result when two zones of
    // one side are summed (floats) or more than 10 institutional levels are ranked (ties): in those rare
    // cases the buckets are sorted by tick and classified again. Otherwise every sum is of whole numbers.
    this.classify(nBig, minLevel, big);
    if (this.nAcc > 1 || this.nDist > 1 || this.nInst > 10) {
      sortByTick(bigTick, bigPool, nBig);
      this.classify(nBig, minLevel, big);
    }
    for (let a = 0; a < nBig; a++) pInst[bigPool[a]!] = 0;
    const nAcc = this.nAcc;
    const nDist = this.nDist;
    const nInst = this.nInst;
    // 3. combine: top-5 zone strengths per side, gaps, sentiment of the 10 largest institutional levels
    const accSum = sumTop(this.zoneAcc, nAcc, 5);
    const distSum = sumTop(this.zoneDist, nDist, 5);
    const strength = Math.min(Math.max(accSum, distSum) + Math.min(0.1 * Math.min(gaps, 3), 0.3), 1);
    const sentiment = nInst > 0 ? this.topSentiment(nInst) : 0;
    const instLevels = nInst < 10 ? nInst : 10;
    const oneSided = (nAcc > 0) !== (nDist > 0) ? 1 : 0.5;
    const confidence = (Math.min(levels / 20, 1) + Math.min(instLevels / 5, 1) + oneSided) / 3;
    return Math.min(0.5 * strength + 0.3 * Math.abs(sentiment) + 0.2 * confidence, 1);
  }

  /** Zones and institutional levels of the first nBig listed buckets, in list order (sets nAcc, nDist, nInst). */
  private classify(nBig: number, minLevel: number, big: number): void {
    const pInst = this.pInst;
    const bigPool = this.bigPool;
    let nAcc = 0;
    let nDist = 0;
    let nInst = 0;
    for (let a = 0; a < nBig; a++) {
      const p = bigPool[a]!;
      const inst = pInst[p]!;
      const vol = this.pv[p]!;
      if (inst < big || !(vol >= minLevel)) continue;
      const buy = this.pb[p]!;
      const sell = this.ps[p]!;
      const retail = vol - inst;
      const bs = buy + sell;
      const br = bs > 0 ? buy / bs : 0.5;
      const acc = br > 0.65 && inst > retail;
      const dist = br < 0.35 && inst > retail;
      const strength = (1.5 * inst) / vol;
      if (acc) this.zoneAcc[nAcc++] = strength < 1 ? strength : 1;
      else if (dist) this.zoneDist[nDist++] = strength < 1 ? strength : 1;
      if (inst > 0.6 * vol) {
        this.instVal[nInst] = inst;
        this.instVolume[nInst] = vol;
        this.instSign[nInst] = acc ? 1 : dist ? -1 : 0;
        nInst++;
      }
    }
    this.nAcc = nAcc;
    this.nDist = nDist;
    this.nInst = nInst;
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

/** Insertion sort of the first n ticks, carrying their pool slots (n <= 50, usually a handful). */
function sortByTick(tick: Float64Array, pool: Int32Array, n: number): void {
  for (let a = 1; a < n; a++) {
    const t = tick[a]!;
    const p = pool[a]!;
    let k = a;
    while (k > 0 && tick[k - 1]! > t) {
      tick[k] = tick[k - 1]!;
      pool[k] = pool[k - 1]!;
      k--;
    }
    tick[k] = t;
    pool[k] = p;
  }
}

function swap(a: Float64Array, x: number, y: number): void {
  const t = a[x]!;
  a[x] = a[y]!;
  a[y] = t;
}

/** Sum of the k largest of the first m values (selection only when m > k). */
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
