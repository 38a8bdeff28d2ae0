// The figures of one threshold set on one window, produced by the backtest's own result builder
// (buildResult), so a set shown by the sweep reads exactly as `mia backtest` would print it.
import { buildResult, type BacktestInput } from '../simulate/run-backtest.ts';
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

/** Full scan (trades built) of set `t` over `plan`, summarised by buildResult. */
export function setFigures(base: BacktestInput, plan: TradePlan, t: Thresholds, objective: Objective): { figures: SetFigures; sim: SimResult } {
  const params: SimParams = { ...base.params, thresholds: t };
  const sim = scanPlan(plan, t, params.multipliers, params);
  const dates = plan.sessionDates;
  const r = buildResult({ ...base, params, from: dates.length ? isoDate(dates[0] as number) : null, to: dates.length ? isoDate(dates[dates.length - 1] as number) : null }, plan, sim);
  const s = r.summary;
  const rate = (name: string) => r.tiers.find((x) => x.tier === name)?.signals_per_session ?? null;
  const f = {
    from: s.first_date,
    to: s.last_date,
    sessions: s.sessions,
    trades: s.trades,
    win_rate: s.win_rate,
    net_pnl_usd: s.net_pnl_usd,
    sharpe: s.sharpe_annualised,
    sortino: s.sortino_annualised,
    profit_factor: s.profit_factor,
    expectancy_usd: s.expectancy_usd,
    max_drawdown_usd: s.max_drawdown_usd,
    max_drawdown_pct: s.max_drawdown_pct,
    signals_per_session: { premium: rate('PREMIUM'), strong: rate('STRONG'), good: rate('GOOD'), weak: rate('WEAK') },
  };
  return { figures: { ...f, objective: objectiveFromFigures(f, objective) }, sim };
}
