// Random-entry benchmark, the null answer to "does the engine know anything?": in every session the engine
// traded, as many entries as it took, at uniformly random tradable bars with a random side, each sized by the
// tier of the engine's trade it stands in for; same exits, costs and daily loss limit. Each draw is a synthetic
// signal set run through the one simulator (planTrades + scanPlan); the engine's net P&L and Sharpe are then
// placed in the distribution of the draws.
import type { Bars } from '../data/types.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import type { SimParams, SimResult, Signals, TradePlan } from '../simulate/types.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { quantiles } from '../metrics/quantile.ts';
import { lcg } from '../util/prng.ts';
import { drawEntries, drawPlan, entrySlots, newDraw, type EntrySlots } from './random-slots.ts';

export const DEFAULT_RANDOM_DRAWS = 1000;
export const DEFAULT_RANDOM_SEED = 1;

export interface NullDistribution {
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

export interface RandomEntryResult {
  draws: number;
  seed: number;
  method: string;
  /** the engine's trades (= the entries each draw places, unless a session runs out of free bars) */
  engine_trades: number;
  engine_net_pnl_usd: number;
  engine_sharpe: number | null;
  /** mean entries per draw actually opened */
  mean_random_trades: number;
  null_net_pnl_usd: NullDistribution;
  null_sharpe: NullDistribution;
  /** share of draws the engine beats on net P&L (ties count half), 0..1 */
  net_pnl_percentile: number;
  /** the same on Sharpe, over the draws with a defined Sharpe; null when the engine's Sharpe is */
  sharpe_percentile: number | null;
  /** "the engine beats 38 % of random-entry runs on net P&L" */
  sentence: string;
}

export interface RandomEntryOptions {
  draws?: number;
  seed?: number;
  /** the engine's own plan and scan when the caller has them (otherwise built here) */
  plan?: TradePlan;
  sim?: SimResult;
}

export function randomEntryBenchmark(bars: Bars, signals: Signals, params: SimParams, o: RandomEntryOptions = {}): RandomEntryResult {
  const draws = o.draws ?? DEFAULT_RANDOM_DRAWS;
  const seed = o.seed ?? DEFAULT_RANDOM_SEED;
  const plan = o.plan ?? planTrades(bars, signals, params);
  const sim = o.sim ?? scanPlan(plan, params.thresholds, params.multipliers, params);
  const slots = entrySlots(bars, signals, params, plan, sim);
  const daily = (r: SimResult) => Float64Array.from(r.dailyPnlCents, (c) => c / 100 / params.startingCapital);
  const engineNet = sim.netCents / 100;
  const engineSharpe = sharpeRatio(daily(sim));

  const nets = new Float64Array(draws);
  const sharpes = new Float64Array(draws);
  const rnd = lcg(seed);
  const draw = newDraw(slots);
  let opened = 0;
  for (let d = 0; d < draws; d++) {
    drawEntries(slots, rnd, draw);
    const r = scanPlan(drawPlan(slots, draw), params.thresholds, params.multipliers, params, { summaryOnly: true, tierDetail: false });
    nets[d] = r.netCents / 100;
    sharpes[d] = sharpeRatio(daily(r)) ?? NaN;
    opened += r.tradeCount;
  }
  const netPct = percentileOf(engineNet, nets);
  const shPct = engineSharpe === null ? null : percentileOf(engineSharpe, sharpes);
  const [n5, n50, n95] = quantiles(nets, [0.05, 0.5, 0.95]);
  const [s5, s50, s95] = quantiles(sharpes, [0.05, 0.5, 0.95]);
  const pctText = (x: number) => `${Math.round(x * 100)} %`;
  return {
    draws,
    seed,
    method: 'per traded session: the engine\'s number of entries, each at a uniform random gap of 0 to (free bars left / entries left) tradable bars after the previous random trade\'s exit, fair-coin side, each sized by the tier of the engine trade it replaces; same exits, costs and daily loss limit, through planTrades + scanPlan',
    engine_trades: sim.tradeCount,
    engine_net_pnl_usd: engineNet,
    engine_sharpe: engineSharpe,
    mean_random_trades: draws ? Math.round((opened / draws) * 100) / 100 : 0,
    null_net_pnl_usd: { p5: r2(n5!), p50: r2(n50!), p95: r2(n95!) },
    null_sharpe: { p5: r2(s5!), p50: r2(s50!), p95: r2(s95!) },
    net_pnl_percentile: netPct,
    sharpe_percentile: shPct,
    sentence: `the engine beats ${pctText(netPct)} of ${draws} random-entry runs on net P&L${shPct === null ? '' : ` and ${pctText(shPct)} on Sharpe`}`,
  };
}

/** Share of the (non-NaN) sample strictly below x, ties counting half. */
export function percentileOf(x: number, sample: Float64Array): number {
  let below = 0;
  let ties = 0;
  let n = 0;
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i]!;
    if (Number.isNaN(v)) continue;
    n++;
    if (v < x) below++;
    else if (v === x) ties++;
  }
  return n ? (below + ties / 2) / n : 0;
}

function r2(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100;
}

export type { EntrySlots };
