import type { Bars } from '../data/types.ts';
import { SessionVwap } from './state/session-vwap.ts';
import { RollingMedian } from './state/rolling-median.ts';

/** Bars per window for the volume median that scales lot thresholds (D6/D10/D11). */
export const MEDIAN_WINDOW = 50;
/**
 * Lot thresholds are scaled to the instrument by the 50-bar median bar volume: D6 maps the 500-lot block
 * to 2x the median and 1000 lots to 4x, i.e. one original lot = median / 250. The same scale applies to
 * every lot constant (100, 500, 1000, 1500, 2000), see docs/engine.md.
 */
export const LOTS_PER_MEDIAN = 250;

/**
 * Per-bar computations shared by several features, advanced once per fed bar before the features run:
 * the session VWAP (D7), the number of bars fed since the last reset and the 50-bar median volume.
 */
export class SessionState {
  readonly vwap: SessionVwap;
  /**
   * The last 50 fed volumes, sorted, with their ring slots (see RollingMedian). Shared: volume_imbalance_signal
   * keys its own 50-bar window by the same slots (`volumes.lastSlot`) and reads its big bars from here.
   */
  readonly volumes = new RollingMedian(MEDIAN_WINDOW);
  /** bars fed since the last reset, the current one included */
  barsInSession = 0;
  /** median bar volume over the last 50 fed bars (current included) */
  medianVolume = 0;
  /** medianVolume / 250, floored so thresholds never collapse to 0 on zero-volume bars */
  lot = 1 / LOTS_PER_MEDIAN;

  constructor(readonly tick: number) {
    this.vwap = new SessionVwap(tick);
  }

  reset(): void {
    this.vwap.reset();
    this.volumes.clear();
    this.barsInSession = 0;
    this.medianVolume = 0;
    this.lot = 1 / LOTS_PER_MEDIAN;
  }

  update(b: Bars, i: number): void {
    const v = b.volume[i]!;
    this.barsInSession++;
    this.vwap.update(b.high[i]!, b.low[i]!, b.close[i]!, v);
    this.volumes.push(v);
    const m = this.volumes.median();
    this.medianVolume = m;
    this.lot = (m > 1 ? m : 1) / LOTS_PER_MEDIAN;
  }
}
