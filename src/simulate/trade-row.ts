// One trade as a row of the trades file (CSV, Arrow or Parquet): ISO times, prices, tier, costs, excursions.
import type { Bars } from '../data/types.ts';
import { TIER_NAMES } from '../engine/types.ts';
import type { Trade, TradePlan } from './types.ts';
import type { TradeRow } from './backtest-result.ts';

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Times: signal = close of the signal bar; entry = open of the entry bar; exit = close of the exit bar, or its open for a fill at the open. */
export function tradeRow(bars: Bars, plan: TradePlan, t: Trade): TradeRow {
  const atOpen = t.exitBar > t.entryBar && (t.exitReason === 'stop' || t.exitReason === 'target' || t.exitReason === 'daily_limit') && fillAtOpen(bars, plan, t);
  return {
    signal_time: isoTime(bars.ts[t.signalBar]! + bars.barMs),
    entry_time: isoTime(bars.ts[t.entryBar]!),
    exit_time: isoTime(bars.ts[t.exitBar]! + (atOpen ? 0 : bars.barMs)),
    direction: t.direction,
    contracts: t.contracts,
    entry_price: t.entryPrice,
    exit_price: t.exitPrice,
    tier: TIER_NAMES[t.tier]!,
    score: t.score,
    exit_reason: t.exitReason,
    pnl_usd: t.pnlUsd,
    pnl_ticks: t.pnlTicks,
    commission_usd: t.commissionUsd,
    slippage_usd: t.slippageUsd,
    mae_ticks: t.maeTicks,
    mfe_ticks: t.mfeTicks,
    contract: t.contract,
  };
}

/** A stop/target/limit fill at the exit bar's open (a gap): the raw exit price equals that open. */
function fillAtOpen(bars: Bars, plan: TradePlan, t: Trade): boolean {
  const slip = t.slippageUsd / 2 / t.contracts / plan.instrument.tickValue;
  const raw = t.exitPrice + t.direction * slip * plan.instrument.tick;
  return Math.abs(raw - bars.open[t.exitBar]!) < plan.instrument.tick * 1e-6;
}
