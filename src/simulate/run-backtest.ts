// `mia backtest` as a function: replay -> plan -> scan -> metrics, returned as one JSON-able document.
// Money is summed in integer cents and converted once, so every table reconciles to the cent.
import type { EngineOutput } from '../engine/types.ts';
import { TIER_NAMES } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { manifest } from '../util/manifest.ts';
import type { Manifest } from '../util/manifest.ts';
import { planTrades } from './plan-trades.ts';
import { countFills, type FillCounts } from './fill-resolve.ts';
import { execParamsRecord } from './params-record.ts';
import { scanPlan, contractsFor } from './scan-plan.ts';
import { multiplierOf } from '../engine/config.ts';
import type { SimResult, Trade, TradePlan } from './types.ts';
import { winRate } from '../metrics/win-rate.ts';
import { profitFactor } from '../metrics/profit-factor.ts';
import { expectancy } from '../metrics/expectancy.ts';
import { expectancyR } from '../metrics/expectancy-r.ts';
import { averageWin } from '../metrics/average-win.ts';
import { averageLoss } from '../metrics/average-loss.ts';
import { largestWin } from '../metrics/largest-win.ts';
import { largestLoss } from '../metrics/largest-loss.ts';
import { maxDrawdown } from '../metrics/max-drawdown.ts';
import { dailyRatios, type RatioWithInterval } from '../metrics/daily-ratios.ts';
import { returnOnCapital } from '../metrics/return-on-capital.ts';
import { longestLosingStreak } from '../metrics/losing-streak.ts';
import type { RunInput } from './types.ts';
import { EXECUTION_NOTES, type BacktestResult, type GroupRow, type Summary, type TierRow, type TradeRow } from './backtest-result.ts';
import { isoTime, tradeRow } from './trade-row.ts';

export interface BacktestInput extends RunInput {
  /** a replay already done (the sweep / tests); otherwise runBacktest replays */
  engineOutput?: EngineOutput;
  onProgress?: (done: number) => void;
  /** seed of the Sharpe/Sortino bootstrap intervals (default 1) */
  seed?: number;
}

// the document's types and the trade row live beside this file; re-exported for the commands and the report
export type { TradeRow, Summary, TierRow, GroupRow, BacktestResult } from './backtest-result.ts';
export { TRADE_COLUMNS, EXECUTION_NOTES } from './backtest-result.ts';
export { tradeRow } from './trade-row.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dateIso(yyyymmdd: number): string {
  const s = String(yyyymmdd);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
function weekdayOf(yyyymmdd: number): number {
  return new Date(Date.UTC(Math.floor(yyyymmdd / 10000), (Math.floor(yyyymmdd / 100) % 100) - 1, yyyymmdd % 100)).getUTCDay();
}
function round6(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e6) / 1e6;
}
function usd(cents: number | null): number | null {
  return cents === null ? null : Math.round(cents) / 100;
}
function ratio(a: number, b: number): number | null {
  return b > 0 ? round6(a / b) : null;
}

export function runBacktest(input: BacktestInput): BacktestResult {
  return runBacktestParts(input).result;
}

/** The backtest with the stages it came from, for the risk figures (Monte Carlo, random entries) built on them. */
export function runBacktestParts(input: BacktestInput): { result: BacktestResult; signals: EngineOutput; plan: TradePlan; sim: SimResult } {
  const { bars, params, engineConfig } = input;
  const out = input.engineOutput ?? replay(bars, input.context, engineConfig, input.onProgress ? { onProgress: input.onProgress } : {});
  const plan = planTrades(bars, out, params);
  const sim = scanPlan(plan, params.thresholds, params.multipliers, params);
  return { result: buildResult(input, plan, sim), signals: out, plan, sim };
}

/** Everything a report needs from one scan; exported so the sweep can render its chosen run the same way. */
export function buildResult(input: BacktestInput, plan: TradePlan, sim: SimResult): BacktestResult {
  const { bars, params, engineConfig } = input;
  const trades = sim.trades;
  const pnlCents = Float64Array.from(trades, (t) => t.pnlCents);
  const dates = plan.sessionDates;
  const sessions = dates.length;
  const dailyRet = Float64Array.from(sim.dailyPnlCents, (c) => c / 100 / params.startingCapital);

  // drawdown on closed-trade equity; duration in sessions between the peak's and the recovery's trade dates
  const dd = maxDrawdown(pnlCents, params.startingCapital * 100);
  const sessionOf = new Map<number, number>();
  dates.forEach((d, i) => sessionOf.set(d, i));
  const tradeSession = (i: number) => (i < 0 ? 0 : sessionOf.get(trades[i]!.tradeDate)!);
  let ddSessions = 0;
  if (dd.amount > 0) ddSessions = (dd.recoveryIndex === null ? sessions - 1 : tradeSession(dd.recoveryIndex)) - tradeSession(dd.peakIndex);
  const risk = Float64Array.from(trades, (t) => Math.round(params.stopTicks * params.instrument.tickValue * 100 * t.contracts) + Math.round(t.commissionUsd * 100) + Math.round(t.slippageUsd * 100));

  const summary: Summary = {
    first_date: sessions ? dateIso(dates[0]!) : null,
    last_date: sessions ? dateIso(dates[sessions - 1]!) : null,
    sessions,
    bars: plan.eligibleBars,
    trades: sim.tradeCount,
    wins: sim.wins,
    losses: sim.losses,
    net_pnl_usd: sim.netCents / 100,
    gross_pnl_usd: sim.grossCents / 100,
    commissions_usd: sim.commissionCents / 100,
    slippage_usd: sim.slippageCents / 100,
    win_rate: round6(winRate(pnlCents)),
    profit_factor: round6(profitFactor(pnlCents)),
    expectancy_usd: round6(usd(expectancy(pnlCents))),
    expectancy_r: round6(expectancyR(pnlCents, risk)),
    avg_win_usd: round6(usd(averageWin(pnlCents))),
    avg_loss_usd: round6(usd(averageLoss(pnlCents))),
    largest_win_usd: usd(largestWin(pnlCents)),
    largest_loss_usd: usd(largestLoss(pnlCents)),
    max_drawdown_usd: dd.amount / 100,
    max_drawdown_pct: round6(dd.pct)!,
    max_drawdown_sessions: ddSessions,
    max_drawdown_peak_date: dd.amount > 0 ? (dd.peakIndex < 0 ? (sessions ? dateIso(dates[0]!) : null) : dateIso(trades[dd.peakIndex]!.tradeDate)) : null,
    max_drawdown_trough_date: dd.amount > 0 ? dateIso(trades[dd.troughIndex]!.tradeDate) : null,
    max_drawdown_recovery_date: dd.recoveryIndex !== null ? dateIso(trades[dd.recoveryIndex]!.tradeDate) : null,
    ...ratioFields(dailyRet, input.seed),
    return_on_capital: round6(returnOnCapital(sim.netCents / 100, params.startingCapital)),
    longest_losing_streak: longestLosingStreak(pnlCents),
    halted_days: sim.haltedDays,
    starting_capital_usd: params.startingCapital,
    ending_equity_usd: (Math.round(params.startingCapital * 100) + sim.netCents) / 100,
  };

  const thr = params.thresholds;
  const tierThreshold = [null, thr.weak, thr.good, thr.strong, thr.premium];
  const tiers: TierRow[] = [];
  for (let t = 4; t >= 0; t--) {
    const c = sim.tiers;
    const mult = multiplierOf(t, params.multipliers);
    tiers.push({
      tier: TIER_NAMES[t]!,
      threshold: tierThreshold[t] ?? null,
      multiplier: mult,
      contracts: t === 0 ? 0 : contractsFor(params.baseContracts, mult),
      signals: c.signals[t]!,
      share_of_bars: ratio(c.signals[t]!, plan.eligibleBars),
      sessions_with_signal: c.sessions[t]!,
      share_of_sessions: ratio(c.sessions[t]!, sessions),
      signals_per_session: ratio(c.signals[t]!, sessions),
      taken: c.taken[t]!,
      in_position: c.inPosition[t]!,
      halted: c.halted[t]!,
      untradable: c.untradable[t]!,
      wins: c.wins[t]!,
      win_rate: ratio(c.wins[t]!, c.taken[t]!),
      net_pnl_usd: c.netCents[t]! / 100,
      avg_pnl_usd: c.taken[t]! ? round6(c.netCents[t]! / c.taken[t]! / 100) : null,
      expectancy_r: c.taken[t]! ? round6(c.sumR[t]! / c.taken[t]!) : null,
    });
  }

  const groupBy = (keys: string[], keyOfTrade: (t: Trade) => string, sessionsOf: (key: string) => number): GroupRow[] =>
    keys.map((key) => {
      const sel = Float64Array.from(trades.filter((t) => keyOfTrade(t) === key), (t) => t.pnlCents);
      let net = 0;
      for (const x of sel) net += x;
      const w = sel.filter((x) => x > 0).length;
      return {
        key,
        sessions: sessionsOf(key),
        trades: sel.length,
        wins: w,
        win_rate: ratio(w, sel.length),
        net_pnl_usd: net / 100,
        avg_pnl_usd: sel.length ? round6(net / sel.length / 100) : null,
        profit_factor: round6(profitFactor(sel)),
      };
    });
  const monthOf = (d: number) => dateIso(d).slice(0, 7);
  const monthKeys = [...new Set(Array.from(dates, monthOf))];
  const months = groupBy(monthKeys, (t) => monthOf(t.tradeDate), (m) => Array.from(dates).filter((d) => monthOf(d) === m).length);
  const wdKeys = [1, 2, 3, 4, 5, 6, 0].map((i) => WEEKDAYS[i]!).filter((k) => Array.from(dates).some((d) => WEEKDAYS[weekdayOf(d)] === k) || trades.some((t) => WEEKDAYS[weekdayOf(t.tradeDate)] === k));
  const weekdays = groupBy(wdKeys, (t) => WEEKDAYS[weekdayOf(t.tradeDate)]!, (k) => Array.from(dates).filter((d) => WEEKDAYS[weekdayOf(d)] === k).length);
  const sides = groupBy(['long', 'short'], (t) => (t.direction > 0 ? 'long' : 'short'), () => sessions);
  const reasons = ['stop', 'target', 'time', 'session_end', 'roll', 'daily_limit', 'end_of_data'];
  const exitReasons = groupBy(reasons, (t) => t.exitReason, () => sessions);

  const rows: TradeRow[] = trades.map((t) => tradeRow(bars, plan, t));
  // a daily-limit exit came before the planned exit bar: its stop-vs-target order never mattered
  const fillCodes = trades.filter((t) => t.exitReason !== 'daily_limit').map((t) => plan.fillRes[plan.nextCandidate[t.signalBar]!]!);
  const fillResolution = countFills(fillCodes, params.fillData ? params.fillData.source.path : null);
  const parameters = {
    from: input.from,
    to: input.to,
    thresholds: params.thresholds,
    multipliers: params.multipliers,
    ...execParamsRecord(params),
    engine: {
      name: engineConfig.engine,
      weights: engineConfig.weights,
      session: engineConfig.session,
      direction_dead_band: engineConfig.directionDeadBand,
      tick: engineConfig.tick,
    },
  };
  return {
    headline: headlineOf(summary),
    manifest: manifest('backtest', input.sources, parameters),
    execution_notes: EXECUTION_NOTES,
    summary,
    ruin: sim.ruin
      ? { date: dateIso(sim.ruin.tradeDate), signal_time: isoTime(bars.ts[sim.ruin.signalBar]! + bars.barMs), min_equity_usd: params.minEquity ?? 0, signals_not_taken: sim.ruin.signalsNotTaken }
      : null,
    tiers,
    months,
    weekdays,
    sides,
    exit_reasons: exitReasons,
    fill_resolution: fillResolution,
    trades: rows,
  };
}

/** The summary's ratio fields: values, reasons, intervals (rounded like every other figure). */
function ratioFields(dailyRet: Float64Array, seed: number | undefined) {
  const r = dailyRatios(dailyRet, seed !== undefined ? { seed } : {});
  const ci = (x: RatioWithInterval): [number, number] | null => (x.ci95 ? [round6(x.ci95.lo)!, round6(x.ci95.hi)!] : null);
  return {
    sharpe_annualised: round6(r.sharpe.value),
    sortino_annualised: round6(r.sortino.value),
    sharpe_null_reason: r.sharpe.reason,
    sortino_null_reason: r.sortino.reason,
    sharpe_ci95: ci(r.sharpe),
    sortino_ci95: ci(r.sortino),
    ratio_days: dailyRet.length,
    ratio_bootstrap: { resamples: r.sharpe.ci95?.resamples ?? 0, seed: r.sharpe.ci95?.seed ?? seed ?? 0 },
  };
}

/**
 * Facts that change how every figure reads, printed before them. When the daily loss limit ends more than half
 * the sessions, daily P&L is pinned near minus the limit and a daily Sharpe measures the limit, not the engine.
 */
export function headlineOf(s: Summary): string[] {
  const out: string[] = [];
  if (s.sessions > 0 && s.halted_days * 2 > s.sessions) {
    out.push(`${s.halted_days} of ${s.sessions} sessions (${Math.round((s.halted_days / s.sessions) * 100)}%) ended on the daily loss limit: daily P&L is pinned at the limit, so the daily Sharpe and Sortino describe the limit more than the engine.`);
  }
  return out;
}
