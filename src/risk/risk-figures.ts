// The risk figures of one backtest, on its own stages (engine signals, plan, scan): Monte Carlo over its days and
// the random-entry benchmark. Both are seeded; each is null when not asked for.
import type { Bars } from '../data/types.ts';
import type { SimParams, SimResult, Signals, TradePlan } from '../simulate/types.ts';
import { monteCarlo, type MonteCarloResult } from './monte-carlo.ts';
import { randomEntryBenchmark, type RandomEntryResult } from './random-entry.ts';

export const DEFAULT_RISK_SEED = 1;

export interface RiskOptions {
  /** Monte Carlo paths, 0 = off */
  monteCarlo: number;
  /** random-entry draws, 0 = off */
  randomEntry: number;
  seed: number;
  /** ruin level for the Monte Carlo, dollars */
  minEquity: number;
}

export interface RiskFigures {
  monte_carlo: MonteCarloResult | null;
  random_entry: RandomEntryResult | null;
}

export function riskFigures(bars: Bars, signals: Signals, params: SimParams, plan: TradePlan, sim: SimResult, o: RiskOptions): RiskFigures {
  return {
    monte_carlo: o.monteCarlo > 0 ? monteCarlo(sim.dailyPnlCents, { paths: o.monteCarlo, seed: o.seed, startingCapital: params.startingCapital, minEquity: o.minEquity }) : null,
    random_entry: o.randomEntry > 0 ? randomEntryBenchmark(bars, signals, params, { draws: o.randomEntry, seed: o.seed, plan, sim }) : null,
  };
}
