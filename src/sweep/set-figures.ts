// The figures of one threshold set on one window, as `mia backtest` would print them for that window.
import type { BacktestInput } from '../simulate/run-backtest.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { sortinoRatio } from '../metrics/sortino.ts';
import { maxDrawdown } from '../metrics/max-drawdown.ts';
import { profitFactor } from '../metrics/profit-factor.ts';
import { winRate } from '../metrics/win-rate.ts';
import { expectancy } from '../metrics/expectancy.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import type { SimParams, SimResult, TradePlan } from '../simulate/types.ts';
import type { Thresholds } from '../engine/types.ts';
import type { Objective } from './objective.ts';
import { isoDate } from './period.ts';

export interface TierRates {
  premium: number | null;
  strong: number | null;
  good: number | null;
  weak: number | null;
}

export interface SetFigures {
  from: string | null;
  to: string | null;
  sessions: number;
  trades: number;
  win_rate: number | null;
  net_pnl_usd: number;
  sharpe: number | null;
  sortino: number | null;
  profit_factor: number | null;
  expectancy_usd: number | null;
  max_drawdown_usd: number;
  max_drawdown_pct: number;
  /** signals per session per tier */
  signals_per_session: TierRates;
  /** the sweep's objective on this window (null = undefined) */
  objective: number | null;
}

export function objectiveFromFigures(f: Omit<SetFigures, 'objective'>, objective: Objective): number | null {
  switch (objective) {
    case 'net':
      return f.net_pnl_usd;
    case 'sharpe':
      return f.sharpe;
    case 'sortino':
      return f.sortino;
    case 'profit-factor':
      return f.profit_factor;
    case 'expectancy':
      return f.expectancy_usd;
  }
}

const r6 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

/**
 * Full scan (trades built) of set `t` over `plan`, summarised with the backtest's metric functions and its
 * conventions (closed-trade drawdown, daily Sharpe on P&L / capital, 6-decimal rounding, expectancy to the
 * cent): a test holds these equal to `buildResult`'s summary, at a fraction of its cost (no trade rows,
 * month or weekday tables).
 */
export function setFigures(base: BacktestInput, plan: TradePlan, t: Thresholds, objective: Objective): { figures: SetFigures; sim: SimResult } {
  const params: SimParams = { ...base.params, thresholds: t };
  const sim = scanPlan(plan, t, params.multipliers, params);
  const dates = plan.sessionDates;
  const sessions = dates.length;
  const pnl = Float64Array.from(sim.trades, (x) => x.pnlCents);
  const ret = Float64Array.from(sim.dailyPnlCents, (c) => c / 100 / params.startingCapital);
  const dd = maxDrawdown(pnl, params.startingCapital * 100);
  const e = expectancy(pnl);
  const rate = (tier: number) => (sessions > 0 ? r6((sim.tiers.signals[tier] as number) / sessions) : null);
  const f = {
    from: sessions ? isoDate(dates[0] as number) : null,
    to: sessions ? isoDate(dates[sessions - 1] as number) : null,
    sessions,
    trades: sim.tradeCount,
    win_rate: r6(winRate(pnl)),
    net_pnl_usd: sim.netCents / 100,
    sharpe: r6(sharpeRatio(ret)),
    sortino: r6(sortinoRatio(ret)),
    profit_factor: r6(profitFactor(pnl)),
    expectancy_usd: e === null ? null : r6(Math.round(e) / 100),
    max_drawdown_usd: dd.amount / 100,
    max_drawdown_pct: r6(dd.pct) as number,
    signals_per_session: { premium: rate(4), strong: rate(3), good: rate(2), weak: rate(1) },
  };
  return { figures: { ...f, objective: objectiveFromFigures(f, objective) }, sim };
}
