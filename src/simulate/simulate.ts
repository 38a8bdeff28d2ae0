// The one trade simulator used by `mia backtest` and `mia sweep`: plan (threshold-independent) + scan.
import type { Bars } from '../data/types.ts';
import { planTrades } from './plan-trades.ts';
import { scanPlan } from './scan-plan.ts';
import type { ScanOptions, SimParams, SimResult, Signals } from './types.ts';

export { planTrades, endCodes, validateSimParams } from './plan-trades.ts';
export { scanPlan, contractsFor } from './scan-plan.ts';

export function simulate(bars: Bars, signals: Signals, params: SimParams, opts: ScanOptions = {}): SimResult {
  return scanPlan(planTrades(bars, signals, params), params.thresholds, params.multipliers, params, opts);
}
