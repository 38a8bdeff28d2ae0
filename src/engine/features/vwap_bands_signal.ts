import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';

// ENGINE_SPEC §2.9 on the session VWAP and its sigma bands (D7): 0.4 x rejection beyond 2 sigma +
// 0.3 x breakout beyond 1 sigma (normalised by sigma, D8) + 0.3 x VWAP-slope trend. Unsigned; 0.0 for the
// first 19 bars (seed era); zero-width bands give no rejection/breakout (D9).
export class VwapBandsSignal implements Feature {
  readonly name = 'vwap_bands_signal' as const;
  readonly directional = false;
  available = false;

  reset(): void {
    this.available = false;
  }

  update(b: Bars, i: number, s: SessionState): number {
    const w = s.vwap;
    if (s.barsInSession < 20 || !w.valid) {
      this.available = false;
      return 0;
    }
    this.available = true;
    const p = b.close[i]!;
    const vwap = w.vwap;
    const sigma = w.sigma;
    let rejection = 0;
    let breakout = 0;
    if (sigma > 0) {
      const up1 = vwap + sigma;
      const dn1 = vwap - sigma;
      const up2 = vwap + 2 * sigma;
      const dn2 = vwap - 2 * sigma;
      // (up2 - dn2) = 4 sigma
      if (p > up2) rejection = Math.min((2 * (p - up2)) / (4 * sigma), 1);
      else if (p < dn2) rejection = Math.min((2 * (dn2 - p)) / (4 * sigma), 1);
      if (p > up1) breakout = Math.min((p - up1) / sigma, 1);
      else if (p < dn1) breakout = Math.min((dn1 - p) / sigma, 1);
    }
    const slope = w.slopeTicks;
    let trend = Math.min(Math.abs(slope) / 5, 1);
    if ((slope > 0 && p >= vwap) || (slope < 0 && p < vwap)) trend += 0.3;
    if (trend > 1) trend = 1;
    const score = 0.4 * rejection + 0.3 * breakout + 0.3 * trend;
    return score > 1 ? 1 : score;
  }
}
