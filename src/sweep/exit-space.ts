// The exit grid of a sweep: each combination of stop, target, time stop and daily loss limit is its own set of
// simulator parameters. The trade plan depends on the exits but not on the thresholds, so each plan is built once
// and every threshold set is scanned on it; combinations that differ only in the loss limit share one plan (the
// limit is applied by the scan).
import { planTrades } from '../simulate/plan-trades.ts';
import type { ExitCombo, SimParams, Signals, TradePlan } from '../simulate/types.ts';
import type { Bars } from '../data/types.ts';

export function exitOf(p: SimParams): ExitCombo {
  return { stopTicks: p.stopTicks, targetTicks: p.targetTicks, timeStopBars: p.timeStopBars, dailyLossLimit: p.dailyLossLimit };
}

export function withExit(p: SimParams, e: ExitCombo): SimParams {
  return { ...p, stopTicks: e.stopTicks, targetTicks: e.targetTicks, timeStopBars: e.timeStopBars, dailyLossLimit: e.dailyLossLimit };
}

/** "stop 8, target 16, time stop off, limit $2000" */
export function exitText(e: ExitCombo): string {
  return `stop ${e.stopTicks}, target ${e.targetTicks}, time stop ${e.timeStopBars || 'off'}, limit ${e.dailyLossLimit ? `$${e.dailyLossLimit}` : 'off'}`;
}

/** One plan per exit combination, built once per distinct (stop, target, time stop). */
export function plansFor(bars: Bars, signals: Signals, params: SimParams, exits: ExitCombo[]): TradePlan[] {
  const byKey = new Map<string, TradePlan>();
  return exits.map((e) => {
    const key = `${e.stopTicks}|${e.targetTicks}|${e.timeStopBars}`;
    let plan = byKey.get(key);
    if (!plan) {
      plan = planTrades(bars, signals, withExit(params, e));
      byKey.set(key, plan);
    }
    return plan;
  });
}
