// Whether bars carry order flow: NinjaTrader and other OHLCV exports have no bid/ask volume, and the engine's
// order-flow features then sit on their defaults. Computed from the loaded bars, whatever file they came from.
import type { Bars } from './types.ts';

export interface OrderFlowPresence {
  bars: number;
  /** bars with bid volume + ask volume > 0 */
  with_order_flow: number;
  /** with_order_flow / bars (0 when there are no bars) */
  share: number;
}

export function orderFlowPresence(bars: Bars): OrderFlowPresence {
  const { bidVolume, askVolume } = bars;
  let k = 0;
  for (let i = 0; i < bars.n; i++) if (bidVolume[i]! + askVolume[i]! > 0) k++;
  return { bars: bars.n, with_order_flow: k, share: bars.n > 0 ? k / bars.n : 0 };
}
