import { SlidingSlope } from './sliding-slope.ts';

// Session-anchored VWAP on typical price (H+L+C)/3 with volume-weighted sigma (ENGINE_SPEC D7),
// shared by vwap_trend_signal and vwap_bands_signal. Sums are taken relative to the session's first
// typical price so the variance does not lose digits to price levels in the thousands.
export class SessionVwap {
  private ref = NaN;
  private sv = 0;
  private svx = 0;
  private svxx = 0;
  private readonly history = new SlidingSlope(10);
  /** false until some volume has traded in the session */
  valid = false;
  vwap = NaN;
  sigma = NaN;
  /** OLS slope of the last (up to) 10 VWAP values, in ticks per bar; 0 with fewer than 2 */
  slopeTicks = 0;

  constructor(private readonly tick: number) {}

  reset(): void {
    this.ref = NaN;
    this.sv = this.svx = this.svxx = 0;
    this.history.clear();
    this.valid = false;
    this.vwap = this.sigma = NaN;
    this.slopeTicks = 0;
  }

  update(high: number, low: number, close: number, volume: number): void {
    const tp = (high + low + close) / 3;
    if (this.ref !== this.ref) this.ref = tp;
    const x = tp - this.ref;
    if (volume > 0) {
      this.sv += volume;
      this.svx += volume * x;
      this.svxx += volume * x * x;
    }
    if (this.sv > 0) {
      const m = this.svx / this.sv;
      const v = this.svxx / this.sv - m * m;
      this.vwap = this.ref + m;
      // round-off can leave a tiny negative variance on a flat session: that is sigma 0
      this.sigma = v > 1e-12 ? Math.sqrt(v) : 0;
      this.valid = true;
      this.history.push(this.vwap);
      this.slopeTicks = this.history.slope() / this.tick;
    }
  }
}
