import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';
import { SlidingSlope } from '../state/sliding-slope.ts';

// ENGINE_SPEC §2.3 on the session VWAP (D7): VWAP-slope bucket + position in the sigma-1 band + 10-bar close
// trend + 20-bar Dow structure. Directional; 0.5 until 15 bars. A zero-width band gives a neutral
// position term (D9) instead of zeroing every feature of the bar.
export class VwapTrendSignal implements Feature {
  readonly name = 'vwap_trend_signal' as const;
  readonly directional = true;
  available = false;
  private readonly closes = new SlidingSlope(10);
  private readonly highs = new SlidingSlope(20);
  private readonly lows = new SlidingSlope(20);
  private readonly tick: number;

  constructor(tick: number) {
    this.tick = tick;
  }

  reset(): void {
    this.closes.clear();
    this.highs.clear();
    this.lows.clear();
    this.available = false;
  }

  update(b: Bars, i: number, s: SessionState): number {
    const p = b.close[i]!;
    this.closes.push(p);
    this.highs.push(b.high[i]!);
    this.lows.push(b.low[i]!);
    const w = s.vwap;
    if (s.barsInSession < 15 || !w.valid) {
      this.available = false;
      return 0.5;
    }
    this.available = true;
    const slope = w.slopeTicks;
    let score = slope > 0.5 ? 0.3 : slope > 0.2 ? 0.25 : slope > -0.2 ? 0.15 : slope > -0.5 ? 0.1 : 0;

    const vwap = w.vwap;
    const sigma = w.sigma;
    if (sigma > 0) {
      if (p > vwap) score += 0.125 + 0.125 * Math.min((p - vwap) / sigma, 2);
      else score += 0.125 - 0.125 * Math.min((vwap - p) / sigma, 2);
    } else {
      score += 0.125;
    }

    // |H| >= 15 here, so the 10-bar trend term is always active
    const t = this.tick;
    const sl = this.closes.slope();
    const st = Math.min(Math.abs(sl) / t, 1);
    if (sl > 0 && slope > 0) score += 0.25 * st;
    else if (sl < 0 && slope < 0) score += 0.25 * (1 - st);
    else score += 0.125;

    if (this.highs.count >= 20) {
      const hs = this.highs.slope();
      const ls = this.lows.slope();
      if (hs > 0 && ls > 0) score += 0.1 + 0.1 * Math.min((hs + ls) / (2 * t), 1);
      else if (hs < 0 && ls < 0) score += 0.1 - 0.1 * Math.min(Math.abs(hs + ls) / (2 * t), 1);
      else score += 0.1;
    }
    return score < 0 ? 0 : score > 1 ? 1 : score;
  }
}
