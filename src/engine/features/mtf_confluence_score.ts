import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';
import { LOTS_PER_MEDIAN, MEDIAN_WINDOW } from '../session-state.ts';
import { RollingMedian } from '../state/rolling-median.ts';

// ENGINE_SPEC §2.5 as amended by D10: the per-timeframe formula on genuinely resampled *completed*
// 1/5/15/60-minute bars, dynamic TF weights from the current bar's volatility, a signed alignment bonus
// (each TF's vote weighted by w × confidence, the original's 0.2·s / 0.1·s / 0 steps; flat bars cast no
// vote), the quality bonus, and lot constants scaled to each TF's 50-bar median volume.
// A TF finer than the input bars (1m on 5m data) cannot be resampled: it is absent and the weights of the
// present TFs are renormalised (the original's base is a weighted mean).

const TF_MS = [60_000, 300_000, 900_000, 3_600_000] as const;
const W_HIGH = [0.7, 0.2, 0.1, 0] as const;
const W_MID = [0.5, 0.3, 0.15, 0.05] as const;
const W_LOW = [0.3, 0.3, 0.25, 0.15] as const;

/** One resampled timeframe: the bucket being built and the last completed bar. */
class Timeframe {
  /** the building bucket's bounds [start, end) in ms; empty after a reset */
  start = 0;
  end = 0;
  o = 0;
  h = 0;
  l = 0;
  c = 0;
  v = 0;
  /** the building bucket already published as complete */
  done = true;
  has = false;
  co = 0;
  ch = 0;
  cl = 0;
  cc = 0;
  cv = 0;
  readonly med = new RollingMedian(MEDIAN_WINDOW);
  /** per-TF terms of the last completed bar, computed once when it is published (lot = its median / 250) */
  raw = 0;
  q = 0;
  conf = 0;

  constructor(readonly ms: number, private readonly trackMedian: boolean, private readonly rangeUnit: number) {}

  /** The §2.5 per-timeframe quantities of the completed bar, with lot constants scaled by its median (D10). */
  score(median: number): void {
    const lot = (median > 1 ? median : 1) / LOTS_PER_MEDIAN;
    const tc = this.cc;
    const to = this.co;
    const range = this.ch - this.cl;
    const tv = this.cv;
    this.raw = Math.tanh((100 * (tc - to)) / to) * Math.min(tv / (1000 * lot), 2);
    const bq = Math.min((10 * range) / tc, 1);
    const vc = Math.min(tv / (1500 * lot), 2) / 2;
    const pc = (Math.min(range / this.rangeUnit, 1) + Math.min(tv / (2000 * lot), 1)) / 2;
    this.q = (bq + vc + pc) / 3;
    this.conf = tc > to ? this.q * 1.15 : this.q;
  }

  reset(): void {
    this.start = this.end = 0;
    this.done = true;
    this.has = false;
    this.fresh = false;
    this.med.clear();
  }

  private publish(): void {
    this.co = this.o;
    this.ch = this.h;
    this.cl = this.l;
    this.cc = this.c;
    this.cv = this.v;
    this.has = true;
    this.done = true;
    this.fresh = true;
    if (this.trackMedian) this.med.push(this.v);
  }
  /** published since the terms were last computed */
  fresh = false;

  /** Adds a bar [ts, ts + barMs); publishes every bucket whose end is <= the bar's end. */
  add(ts: number, barMs: number, o: number, h: number, l: number, c: number, v: number): void {
    // the bucket is floor(ts / ms); its bounds are kept so a bar inside it costs two compares, not a division
    // (timestamps are whole milliseconds: the bounds test and the division agree exactly)
    if (!(ts >= this.start && ts < this.end)) {
      // the previous bucket ended at or before this bar's start: it is complete even if its last bar is missing
      if (!this.done) this.publish();
      const k = Math.floor(ts / this.ms);
      this.start = k * this.ms;
      this.end = this.start + this.ms;
      this.o = o;
      this.h = h;
      this.l = l;
      this.c = c;
      this.v = v;
      this.done = false;
    } else {
      if (h > this.h) this.h = h;
      if (l < this.l) this.l = l;
      this.c = c;
      this.v += v;
    }
    if (ts + barMs >= this.end) this.publish();
  }
}

export class MtfConfluenceScore implements Feature {
  readonly name = 'mtf_confluence_score' as const;
  readonly directional = true;
  available = false;
  private readonly tfs: Timeframe[];
  /** which of the four TFs the input bar size can produce */
  private readonly usable: boolean[];
  private readonly rangeUnit: number;

  constructor(barMs: number, tick: number) {
    // the original's 5-point range constant, in ticks (D18)
    this.rangeUnit = 20 * tick;
    this.tfs = TF_MS.map((ms) => new Timeframe(ms, ms !== barMs, this.rangeUnit));
    this.usable = TF_MS.map((ms) => ms >= barMs && ms % barMs === 0);
  }

  reset(): void {
    for (const tf of this.tfs) tf.reset();
    this.available = false;
  }

  update(b: Bars, i: number, s: SessionState): number {
    const ts = b.ts[i]!;
    const o = b.open[i]!;
    const h = b.high[i]!;
    const l = b.low[i]!;
    const c = b.close[i]!;
    const v = b.volume[i]!;
    const barMs = b.barMs;
    let rv = 0;
    if (c > 0) {
      const r = Math.max(h - l, Math.abs(h - c), Math.abs(l - c));
      rv = Math.min((100 * r) / c, 2);
    }
    const w = rv > 0.8 ? W_HIGH : rv > 0.4 ? W_MID : W_LOW;

    let sw = 0;
    let base = 0;
    let dirVote = 0;
    let swVote = 0;
    let q = 0;
    for (let k = 0; k < 4; k++) {
      if (!this.usable[k]) continue;
      const tf = this.tfs[k]!;
      tf.add(ts, barMs, o, h, l, c, v);
      const wk = w[k]!;
      if (!tf.has || wk === 0) continue;
      // the input bar size's TF is the bar itself: its 50-bar median is the shared one
      if (tf.fresh) {
        tf.score(tf.ms === barMs ? s.medianVolume : tf.med.median());
        tf.fresh = false;
      }
      const raw = tf.raw;
      const qk = tf.q;
      const conf = tf.conf;
      sw += wk;
      base += wk * raw * conf;
      q += wk * qk;
      // each TF's vote weighs w × confidence, as in the original; a flat TF bar (raw = 0) casts no vote (D10)
      const wc = wk * conf;
      swVote += wc;
      if (raw > 0) dirVote += wc;
      else if (raw < 0) dirVote -= wc;
    }
    if (sw === 0) {
      this.available = false;
      return 0.5;
    }
    this.available = true;
    base /= sw;
    q /= sw;
    let score = base;
    if (swVote > 0 && dirVote !== 0) {
      // the original's graded bonus on s = |Σ w·conf·dir| / Σ w·conf, signed by the weighted direction (D10)
      const s = Math.abs(dirVote) / swVote;
      const bonus = s > 0.8 ? 0.2 * s : s > 0.6 ? 0.1 * s : 0;
      score += dirVote > 0 ? bonus : -bonus;
    }
    if (q > 0.8) score += 0.15 * q;
    else if (q > 0.6) score += 0.08 * q;
    // divergence penalty: the spec gives no formula for it and it is always 0 in the original (§2.5)
    if (score > 1) score = 1;
    else if (score < -1) score = -1;
    return (score + 1) / 2;
  }
}
