// Figures of a stitched daily P&L series and its trades (walk-forward out of sample, or one window), with the
// metrics of src/metrics so they read like the backtest's.
import type { Trade } from '../simulate/types.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { sortinoRatio } from '../metrics/sortino.ts';
import { maxDrawdown } from '../metrics/max-drawdown.ts';
import { profitFactor } from '../metrics/profit-factor.ts';
import { winRate } from '../metrics/win-rate.ts';
import { PERIODS_PER_YEAR } from '../sweep/trial.ts';

export interface SeriesFigures {
  sessions: number;
  trades: number;
  net_pnl_usd: number;
  sharpe: number | null;
  sortino: number | null;
  profit_factor: number | null;
  win_rate: number | null;
  max_drawdown_usd: number;
}

export const r6 = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);

export function seriesFigures(dailyCents: ArrayLike<number>, tradePnlCents: ArrayLike<number>, capital: number): SeriesFigures {
  const ret = Float64Array.from(dailyCents as ArrayLike<number>, (c) => c / 100 / capital);
  const usd = Float64Array.from(dailyCents as ArrayLike<number>, (c) => c / 100);
  let net = 0;
  for (let i = 0; i < dailyCents.length; i++) net += dailyCents[i] as number;
  const pnl = Float64Array.from(tradePnlCents as ArrayLike<number>);
  return {
    sessions: dailyCents.length,
    trades: pnl.length,
    net_pnl_usd: Math.round(net) / 100,
    sharpe: r6(sharpeRatio(ret, PERIODS_PER_YEAR)),
    sortino: r6(sortinoRatio(ret, PERIODS_PER_YEAR)),
    profit_factor: r6(profitFactor(pnl)),
    win_rate: r6(winRate(pnl)),
    max_drawdown_usd: r6(maxDrawdown(usd, capital).amount) ?? 0,
  };
}

/** A growing stitched series. */
export class Stitch {
  daily: number[] = [];
  pnl: number[] = [];
  add(dailyCents: ArrayLike<number>, trades: Trade[]): void {
    for (let i = 0; i < dailyCents.length; i++) this.daily.push(dailyCents[i] as number);
    for (const t of trades) this.pnl.push(t.pnlCents);
  }
  figures(capital: number): SeriesFigures {
    return seriesFigures(this.daily, this.pnl, capital);
  }
}
