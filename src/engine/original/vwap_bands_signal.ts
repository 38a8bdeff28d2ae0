import { Ring } from '../state/ring.ts';
import type { OriginalInputs } from './inputs.ts';
import { ringSlope } from './slope.ts';

// ENGINE_SPEC §2.9 as the original analyzer runs it: its own rolling 20-close volume-weighted "VWAP" and σ
// bands, the slope of its last 10 VWAPs, rejection / breakout (÷ price level) / trend. Warm-up (< 20 bars):
// 0, as in the seed era. With σ = 0 numpy divides 0 by 0 and the feature is NaN (not the warm-up default
// the spec expected): the integrated score is then Python's max(0, min(1, NaN)) = 1.0.

const T = 0.25;
const PERIOD = 20;

export class VwapBandsSignalOriginal {
  private readonly closes = new Ring(PERIOD);
  private readonly vols = new Ring(PERIOD);
  private readonly vwaps = new Ring(10);
  private vwap = 0;
  private sd = 0;

  update(x: OriginalInputs): number {
    this.closes.push(x.c);
    this.vols.push(x.v);
    if (this.closes.count < PERIOD) return 0;
    this.bands();
    this.vwaps.push(this.vwap);
    const p = x.c;
    const vwap = this.vwap;
    const sd = this.sd;
    const up1 = vwap + sd;
    const dn1 = vwap - sd;
    const up2 = vwap + sd * 2;
    const dn2 = vwap - sd * 2;
    // position: 5 above sd2, 4 above sd1, 3 above vwap, 2 below vwap, 1 below sd1, 0 below sd2
    const pos = p >= up2 ? 5 : p >= up1 ? 4 : p >= vwap ? 3 : p >= dn1 ? 2 : p >= dn2 ? 1 : 0;
    const nv = this.vwaps.count;
    const slope = nv < 2 ? 0 : ringSlope(this.vwaps, nv) / T;
    let rejection = 0;
    if (pos === 5) rejection = Math.min(((p - up2) / (up2 - dn2)) * 2, 1);
    else if (pos === 0) rejection = Math.min(((dn2 - p) / (up2 - dn2)) * 2, 1);
    let breakout = 0;
    if (pos >= 4) breakout = Math.min(((p - up1) / up1) * 10, 1);
    else if (pos <= 1) breakout = Math.min(((dn1 - p) / dn1) * 10, 1);
    let bonus = 0;
    if ((slope > 0 && pos >= 3) || (slope < 0 && pos <= 2)) bonus = 0.3;
    const trend = Math.min(Math.min(Math.abs(slope) / 5, 1) + bonus, 1);
    return Math.min(rejection * 0.4 + breakout * 0.3 + trend * 0.3, 1);
  }

  /** Volume-weighted mean and σ of the last 20 closes; the plain mean and population σ without volume. */
  private bands(): void {
    let sv = 0;
    let spv = 0;
    let sp = 0;
    for (let k = 0; k < PERIOD; k++) {
      const c = this.closes.fromOldest(PERIOD, k);
      const v = this.vols.fromOldest(PERIOD, k);
      sv += v;
      spv += c * v;
      sp += c;
    }
    let vwap: number;
    let variance = 0;
    if (sv === 0) {
      vwap = sp / PERIOD;
      for (let k = 0; k < PERIOD; k++) variance += (this.closes.fromOldest(PERIOD, k) - vwap) ** 2;
      variance /= PERIOD;
    } else {
      vwap = spv / sv;
      for (let k = 0; k < PERIOD; k++) {
        const d = this.closes.fromOldest(PERIOD, k) - vwap;
        variance += d * d * this.vols.fromOldest(PERIOD, k);
      }
      variance /= sv;
    }
    this.vwap = vwap;
    this.sd = Math.sqrt(variance);
  }
}
