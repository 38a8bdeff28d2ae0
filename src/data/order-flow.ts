// Whether bars carry order flow (bid/ask volume split). NinjaTrader's plain export and most OHLCV files do not;
// then the order-flow features run on their defaults, and every command that scores bars must say so.
// `orderFlowPresence(bars)` is the one question the scoring commands ask: the import's record, or computed.
import type { Bars } from './types.ts';

export interface OrderFlowPresence {
  /** the source had bid/ask volume columns (any row with a value) */
  columns: boolean;
  /** share of bars with bid + ask volume > 0 (0..1) */
  share: number;
}

/** The engine features that read bid/ask volume (src/engine/features) and run on defaults without it. */
export const ORDER_FLOW_FEATURES = ['order_book_imbalance', 'smart_money_strength', 'volume_confirmation', 'volume_imbalance_signal'] as const;

export function computeOrderFlow(b: Pick<Bars, 'n' | 'bidVolume' | 'askVolume'>): OrderFlowPresence {
  let any = false;
  let pos = 0;
  for (let i = 0; i < b.n; i++) {
    const s = b.bidVolume[i]! + b.askVolume[i]!;
    if (s === s) any = true;
    if (s > 0) pos++;
  }
  return { columns: any, share: b.n > 0 ? Math.round((pos / b.n) * 1e6) / 1e6 : 0 };
}

/** Order-flow presence of loaded bars: as recorded at import (Arrow metadata `order_flow`), else computed. */
export function orderFlowPresence(b: Bars): OrderFlowPresence {
  return b.orderFlow ?? computeOrderFlow(b);
}

/** The metadata value stored in bar tables. */
export function orderFlowMeta(p: OrderFlowPresence): string {
  return JSON.stringify({ columns: p.columns, share: p.share });
}
