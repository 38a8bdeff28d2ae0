// Sharpe and Sortino of daily returns, each with the reason when undefined and a seeded 95 % bootstrap interval
// over the days (src/metrics/bootstrap-interval.ts) when defined: the figures `backtest` and the report print.
import { bootstrapInterval, type Interval, type IntervalOptions } from './bootstrap-interval.ts';
import { isConstant } from './ratio-guard.ts';
import { sharpeDetail, sharpeKernel } from './sharpe.ts';
import { sortinoDetail, sortinoKernel } from './sortino.ts';

export interface RatioWithInterval {
  value: number | null;
  /** why value is null (too few days, zero variance, no losing day) */
  reason: string | null;
  /** 95 % bootstrap interval, null when value is */
  ci95: Interval | null;
  days: number;
}

export function dailyRatios(daily: ArrayLike<number>, o: IntervalOptions = {}): { sharpe: RatioWithInterval; sortino: RatioWithInterval } {
  const days = daily.length;
  const sh = sharpeDetail(daily);
  const so = sortinoDetail(daily);
  const sharpeStat = (x: Float64Array) => (isConstant(x) ? null : sharpeKernel(x));
  const sortinoStat = (x: Float64Array) => (isConstant(x) ? null : sortinoKernel(x));
  return {
    sharpe: { ...sh, ci95: sh.value === null ? null : bootstrapInterval(daily, sharpeStat, o), days },
    sortino: { ...so, ci95: so.value === null ? null : bootstrapInterval(daily, sortinoStat, o), days },
  };
}
