// The report's trades section from the backtest's trade rows: holding time, P&L by hour of entry (exchange time),
// adverse / favourable excursions, exit reasons and long vs short. Re-shaping only: every P&L is the backtest's.
import type { BacktestResult, GroupRow, TradeRow } from '../simulate/run-backtest.ts';
import { quantileSorted } from '../metrics/quantile.ts';
import type { TradesSection } from './weekend-model.ts';

/** Hours are CME exchange time (Central), where the session's clock lives. */
const HOUR = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: '2-digit', hourCycle: 'h23' });

const nn = (v: number | null): number => (v === null ? NaN : v);

function q(values: number[], p: number): number {
  const s = Float64Array.from(values).sort();
  return quantileSorted(s, p) ?? NaN;
}

function minutes(t: TradeRow): number {
  return (Date.parse(t.exit_time) - Date.parse(t.entry_time)) / 60_000;
}

export function tradesSection(bt: BacktestResult): TradesSection {
  const all = bt.trades;
  const groups: [string, TradeRow[]][] = [
    ['all trades', all],
    ['winners', all.filter((t) => t.pnl_usd > 0)],
    ['losers', all.filter((t) => t.pnl_usd < 0)],
  ];
  const hours = new Map<string, { trades: number; cents: number; wins: number }>();
  for (const t of all) {
    const h = HOUR.format(new Date(t.entry_time));
    const row = hours.get(h) ?? { trades: 0, cents: 0, wins: 0 };
    row.trades++;
    row.cents += Math.round(t.pnl_usd * 100);
    row.wins += t.pnl_usd > 0 ? 1 : 0;
    hours.set(h, row);
  }
  const group = (r: GroupRow) => ({ trades: r.trades, netUsd: r.net_pnl_usd, winRate: nn(r.win_rate), profitFactor: nn(r.profit_factor), wins: r.wins });
  return {
    holding: groups.map(([g, ts]) => {
      const m = ts.map(minutes);
      return { group: g, trades: ts.length, p50Min: q(m, 0.5), p90Min: q(m, 0.9), maxMin: m.length ? Math.max(...m) : NaN };
    }),
    byHour: [...hours.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([h, r]) => ({ hour: `${h}:00`, trades: r.trades, netUsd: r.cents / 100, winRate: r.wins / r.trades })),
    excursions: groups.map(([g, ts]) => ({
      group: g,
      trades: ts.length,
      maeP50: q(ts.map((t) => t.mae_ticks), 0.5),
      maeP90: q(ts.map((t) => t.mae_ticks), 0.9),
      mfeP50: q(ts.map((t) => t.mfe_ticks), 0.5),
      mfeP90: q(ts.map((t) => t.mfe_ticks), 0.9),
    })),
    exitReasons: bt.exit_reasons.filter((r) => r.trades > 0).map((r) => ({ reason: r.key, ...group(r) })),
    sides: bt.sides.map((r) => ({ side: r.key, ...group(r) })),
  };
}
