// The document `mia backtest --json` prints (and the sweep and the report re-shape): the trade rows, the summary,
// the per-tier and per-group tables, and the execution rules in words. Types and fixed texts only.
import type { Manifest } from '../util/manifest.ts';
import type { FillCounts } from './fill-resolve.ts';

/** One row of the trades file: exactly these columns, in this order. */
export interface TradeRow {
  signal_time: string;
  entry_time: string;
  exit_time: string;
  direction: number;
  contracts: number;
  entry_price: number;
  exit_price: number;
  tier: string;
  score: number;
  exit_reason: string;
  pnl_usd: number;
  pnl_ticks: number;
  commission_usd: number;
  slippage_usd: number;
  mae_ticks: number;
  mfe_ticks: number;
  contract: string;
}
export const TRADE_COLUMNS: readonly (keyof TradeRow)[] = [
  'signal_time', 'entry_time', 'exit_time', 'direction', 'contracts', 'entry_price', 'exit_price', 'tier', 'score',
  'exit_reason', 'pnl_usd', 'pnl_ticks', 'commission_usd', 'slippage_usd', 'mae_ticks', 'mfe_ticks', 'contract',
];

export interface Summary {
  first_date: string | null;
  last_date: string | null;
  sessions: number;
  bars: number;
  trades: number;
  wins: number;
  losses: number;
  net_pnl_usd: number;
  gross_pnl_usd: number;
  commissions_usd: number;
  slippage_usd: number;
  win_rate: number | null;
  profit_factor: number | null;
  expectancy_usd: number | null;
  expectancy_r: number | null;
  avg_win_usd: number | null;
  avg_loss_usd: number | null;
  largest_win_usd: number | null;
  largest_loss_usd: number | null;
  max_drawdown_usd: number;
  max_drawdown_pct: number;
  max_drawdown_sessions: number;
  max_drawdown_peak_date: string | null;
  max_drawdown_trough_date: string | null;
  max_drawdown_recovery_date: string | null;
  sharpe_annualised: number | null;
  sortino_annualised: number | null;
  /** why a ratio is null (fewer than 20 days, zero variance, no losing day) */
  sharpe_null_reason: string | null;
  sortino_null_reason: string | null;
  /** 95 % seeded bootstrap intervals over the days; null when the ratio is */
  sharpe_ci95: [number, number] | null;
  sortino_ci95: [number, number] | null;
  /** trading days behind the ratios */
  ratio_days: number;
  ratio_bootstrap: { resamples: number; seed: number };
  return_on_capital: number | null;
  longest_losing_streak: number;
  halted_days: number;
  starting_capital_usd: number;
  ending_equity_usd: number;
}

export interface TierRow {
  tier: string;
  threshold: number | null;
  multiplier: number;
  contracts: number;
  signals: number;
  share_of_bars: number | null;
  sessions_with_signal: number;
  share_of_sessions: number | null;
  signals_per_session: number | null;
  taken: number;
  in_position: number;
  halted: number;
  untradable: number;
  wins: number;
  win_rate: number | null;
  net_pnl_usd: number;
  avg_pnl_usd: number | null;
  expectancy_r: number | null;
}

export interface GroupRow {
  key: string;
  sessions: number;
  trades: number;
  wins: number;
  win_rate: number | null;
  net_pnl_usd: number;
  avg_pnl_usd: number | null;
  profit_factor: number | null;
}

export interface BacktestResult {
  /** what a trader must read before any figure (e.g. the daily loss limit ending most sessions), in words */
  headline: string[];
  manifest: Manifest;
  execution_notes: string[];
  summary: Summary;
  /** null unless equity reached --min-equity: trading stopped for good after that trade */
  ruin: { date: string; signal_time: string; min_equity_usd: number; signals_not_taken: number } | null;
  tiers: TierRow[];
  months: GroupRow[];
  weekdays: GroupRow[];
  sides: GroupRow[];
  exit_reasons: GroupRow[];
  /** taken trades whose exit bar spanned both stop and target, and how --fill-data settled them */
  fill_resolution: FillCounts;
  trades: TradeRow[];
}

export const EXECUTION_NOTES = [
  'signal known at the close of bar t; entry at the open of bar t+1, slippage against the trader on every fill',
  'stop/target levels are measured from the open of the entry bar; pnl_ticks is before slippage and commission',
  'when one bar spans both stop and target the stop is assumed to fill first',
  'a gap through the stop fills at the (worse) open; a gap through the target fills at the (better) open',
  'flat at the close of the last bar of the session, before a contract roll and before a data gap',
  'daily loss limit: checked on each bar\'s adverse extreme (realised pnl of the trade date + the open trade at that price, costs included); exit at the first tick level reaching it (or the open on a gap); no new trades until the next trade date',
  'Sharpe/Sortino: trade-date pnl / capital on every session day in range (zero days included), annualised by sqrt(252); Sortino downside deviation over all days, target 0; null (with the reason) under 20 days or for zero variance; 95% interval = percentile bootstrap over the days (1,000 resamples, seeded)',
  'max drawdown on closed-trade equity from the starting capital; duration in sessions from the peak to recovery (or to the last session)',
];
