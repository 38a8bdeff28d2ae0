import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';
import { TickTable } from '../state/tick-table.ts';

// ENGINE_SPEC §2.10's detector fed by D6 instead of 50 random trades: the last 50 bars, each bucketed at its
// close (one tick), ask volume as buys and bid volume as sells, bars of >= 2x the median volume as
// "institutional" (block = 500 lots), 1000-lot thresholds = 4x median, 100 lots = 0.4x median.
// Feature = min(0.5 strength + 0.3 |sentiment| + 0.2 confidence, 1); 0 with no level. Unsigned.
//
// Speed (this is the engine's costliest feature): the price buckets are kept incrementally in a table addressed
// by tick (state/tick-table.ts): a bar in or out is one slot, and the buckets are walked in tick order through
// the table's occupancy bitmap. The walk over the levels stops once the capped terms (levels/20, 3 gaps)
// saturate, and the big ("institutional") bars come from a short walk down the session state's sorted volumes.
// The big buckets are put in tick order only when that order can change a float sum or a ranking tie; every
// other sum is of whole numbers. The values are bit-identical to the direct formula (test/engine-vi-oracle).

const WINDOW = 50;

export class VolumeImbalanceSignal implements Feature {
  readonly name = 'volume_imbalance_signal' as const;
  readonly directional = false;
  available = false;
  private readonly tick: number;
  private readonly gapTicks = 5; // 1.25 points on ES
  // the window, one slot per bar (ring): tick, volume, buys, sells
  private readonly tk = new Float64Array(WINDOW);
  private readonly vol = new Float64Array(WINDOW);
  private readonly buy = new Float64Array(WINDOW);
  private readonly sell = new Float64Array(WINDOW);
  private n = 0;
  /** the window's buckets by tick */
  private readonly table = new TickTable();
  // per-bar scratch: the buckets holding big bars, zone strengths and institutional levels (the institutional lots
  // by bucket go in the table's own per-slot scratch, `table.mark`)
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
    this.table.clear(this.tk, this.n);
    this.n = 0;
    this.available = false;
  }

  /** `slot`: the bar's slot in the shared 50-bar volume ring (SessionState.volumes), so both windows agree. */
  private push(slot: number, t: number, v: number, buy: number, sell: number): void {
    if (this.n === WINDOW) this.table.remove(this.tk[slot]!, this.vol[slot]!, this.buy[slot]!, this.sell[slot]!);
    else this.n++;
    this.tk[slot] = t;
    this.vol[slot] = v;
    this.buy[slot] = buy;
    this.sell[slot] = sell;
    this.table.add(t, v, buy, sell);
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
    const table = this.table;
    const bits = table.bits;
    const tv = table.vol;
    const tt = table.tick;
    const mask = table.mask;
    let levels = 0;
    let gaps = 0;
    let prevLevelTick = NaN;
    // The buckets in tick order: the table's slots from the lowest tick's, circularly, one bitmap word at a time,
    // each set bit a bucket (lowest first). The counts are added as 0/1 numbers rather than behind `if`s: the
    // gap test is a coin flip the CPU cannot predict. (minLevel >= 0.4 > 0 since lot >= 1/250, so "vol > 0" is
    // implied by vol >= minLevel.)
    let left = table.n;
    let p = table.lo & mask;
    let word = bits[p >> 5]! >>> (p & 31);
    for (;;) {
      while (word !== 0) {
        const q = p + 31 - Math.clz32(word & -word);
        word &= word - 1;
        const isLevel = +(tv[q]! >= minLevel);
        const t = tt[q]!;
        levels += isLevel;
        // prevLevelTick starts NaN: the first level never counts as a gap (NaN compares false)
        gaps += isLevel & +(t - prevLevelTick > gapTicks);
        if (isLevel) prevLevelTick = t;
        // a window spanning nearly the whole table comes back round to the lowest tick's word: stop at the last
        if (--left === 0) break;
      }
      if (left === 0 || (levels >= 20 && gaps >= 3)) break;
      p = ((p | 31) + 1) & mask;
      word = bits[p >> 5]!;
    }
    if (levels === 0) return 0;
    if (levels < 3) gaps = 0;

    // 2. zones and institutional levels need >= 1000 (scaled) institutional lots, made of bars of >= 500.
    //    The big bars come from the session state, which keeps the same 50 volumes sorted with their ring slots
    //    (VI's window uses the same slots): they are its top suffix, walked down from the largest until a volume
    //    is < block (about 6 bars: cheaper than a binary search, whose branches the CPU cannot predict). The
    //    threshold moves with the median every bar, so no per-bar flag can be kept. Institutional lots are
    //    summed per bucket (table slot) in volume order: bar volumes are whole numbers (the importer rejects
    //    others), so the per-bucket sums are exact in any order.
    const pInst = table.mark;
    const bigPool = this.bigPool;
    const bigTick = this.bigTick;
    const wv = this.vol;
    const wt = this.tk;
    const vols = s.volumes;
    const sortedVols = vols.sorted;
    const sortedSlots = vols.slots;
    let nBig = 0;
    for (let j = vols.count - 1; j >= 0 && sortedVols[j]! >= block; j--) {
      const slot = sortedSlots[j]!;
      const p = wt[slot]! & mask;
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
    const table = this.table;
    const pInst = table.mark;
    const bigPool = this.bigPool;
    let nAcc = 0;
    let nDist = 0;
    let nInst = 0;
    for (let a = 0; a < nBig; a++) {
      const p = bigPool[a]!;
      const inst = pInst[p]!;
      const vol = table.vol[p]!;
      if (inst < big || !(vol >= minLevel)) continue;
      const buy = table.buy[p]!;
      const sell = table.sell[p]!;
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
