// Walk-forward: re-choose the best trial on each training window, trade that choice on the following test window
// with the backtest's scan, and stitch the out-of-sample trades into one summary and equity curve.
import type { Thresholds } from '../engine/types.ts';
import type { ExitCombo, SimParams, Trade } from '../simulate/types.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { sortinoRatio } from '../metrics/sortino.ts';
import { maxDrawdown } from '../metrics/max-drawdown.ts';
import { profitFactor } from '../metrics/profit-factor.ts';
import { winRate } from '../metrics/win-rate.ts';
import { expectancy } from '../metrics/expectancy.ts';
import { objectiveOf, rankTrials, type Objective } from './objective.ts';
import { isoDate } from './period.ts';
import { planWindow } from './plan-window.ts';
import type { SetFigures } from './set-figures.ts';
import { F, FIELD_COUNT, PERIODS_PER_YEAR } from './trial.ts';
import { trialAt, trialCount, type TrialSpace } from './trial-space.ts';
import { windowDates, type WalkForwardWindow } from './walk-forward.ts';

const r6 = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);

export interface WalkForwardWindowResult {
  index: number;
  train_from: string;
  train_to: string;
  test_from: string;
  test_to: string;
  partial: boolean;
  chosen: Thresholds | null;
  chosen_exits: ExitCombo | null;
  train_objective: number | null;
  train_sharpe: number | null;
  test_trades: number;
  test_net_pnl_usd: number;
  test_sharpe: number | null;
}

/** The stitched out-of-sample figures: a set's figures without an objective (no single set was run). */
export type StitchedSummary = Omit<SetFigures, 'objective'>;

/** What walk-forward trades next: the best trial on the TRAIN span ending at the last session. */
export interface NextChoice {
  train_from: string;
  train_to: string;
  chosen: Thresholds | null;
  chosen_exits: ExitCombo | null;
  train_objective: number | null;
}

export interface WalkForwardResult {
  windows: WalkForwardWindowResult[];
  next: NextChoice;
  oos: StitchedSummary;
  /** end-of-session equity of the stitched out-of-sample trades */
  equity: { date: string; equity_usd: number }[];
}

/** Out-of-sample accumulators across windows. */
interface Oos {
  trades: Trade[];
  daily: number[];
  dates: number[];
  signals: number[];
}

/**
 * `wfRows[k]`: every trial's row (FIELD_COUNT wide) on window k's training span; `wfRows[windows.length]`: on the
 * next training window (`next`, session indices).
 */
export function walkForward(sp: TrialSpace, windows: WalkForwardWindow[], wfRows: Float64Array[], next: { trainStart: number; trainEnd: number }, objective: Objective, minTrades: number): WalkForwardResult {
  const oos: Oos = { trades: [], daily: [], dates: [], signals: [0, 0, 0, 0, 0] };
  const N = trialCount(sp);
  const plan0 = sp.plans[0]!;
  const wins = windows.map((w, k) => {
    const wr = wfRows[k]!;
    const best = rankTrials(wr, FIELD_COUNT, N, objective, minTrades)[0];
    const res = best === undefined ? null : testWindow(sp, best, w, oos);
    // no eligible trial: stand aside for the window (flat days still count in the stitched series)
    if (!res) for (let s = w.testStart; s < w.testEnd; s++) oos.daily.push(0);
    for (let s = w.testStart; s < w.testEnd; s++) oos.dates.push(plan0.sessionDates[s] as number);
    const t = best === undefined ? null : trialAt(sp, best);
    return {
      index: w.index,
      ...windowDates(w),
      partial: w.partial,
      chosen: t ? t.thresholds : null,
      chosen_exits: t ? t.exits : null,
      train_objective: best === undefined ? null : r6(objectiveOf(wr, FIELD_COUNT, best, objective, minTrades)),
      train_sharpe: best === undefined ? null : r6(wr[best * FIELD_COUNT + F.sharpe] as number),
      test_trades: res?.trades ?? 0,
      test_net_pnl_usd: res?.net ?? 0,
      test_sharpe: r6(res?.sharpe ?? null),
    };
  });
  return { windows: wins, next: nextChoice(sp, wfRows[windows.length]!, next, objective, minTrades), ...stitch(oos, sp.params.startingCapital) };
}

function nextChoice(sp: TrialSpace, rows: Float64Array, w: { trainStart: number; trainEnd: number }, objective: Objective, minTrades: number): NextChoice {
  const best = rankTrials(rows, FIELD_COUNT, trialCount(sp), objective, minTrades)[0];
  const t = best === undefined ? null : trialAt(sp, best);
  const d = sp.plans[0]!.sessionDates;
  return {
    train_from: isoDate(d[w.trainStart] as number),
    train_to: isoDate(d[w.trainEnd - 1] as number),
    chosen: t ? t.thresholds : null,
    chosen_exits: t ? t.exits : null,
    train_objective: best === undefined ? null : r6(objectiveOf(rows, FIELD_COUNT, best, objective, minTrades)),
  };
}

/** Trade trial g on window w's test sessions; appends its trades and days to `oos`. */
function testWindow(sp: TrialSpace, g: number, w: WalkForwardWindow, oos: Oos): { trades: number; net: number; sharpe: number | null } {
  const t = trialAt(sp, g);
  const params: SimParams = t.params;
  const sim = scanPlan(planWindow(t.plan, w.testStart, w.testEnd), t.thresholds, params.multipliers, params);
  for (const x of sim.trades) oos.trades.push(x);
  for (let s = 1; s <= 4; s++) oos.signals[s]! += sim.tiers.signals[s] as number;
  for (const c of sim.dailyPnlCents) oos.daily.push(c);
  const sharpe = sharpeRatio(Float64Array.from(sim.dailyPnlCents, (c) => c / 100 / params.startingCapital), PERIODS_PER_YEAR);
  return { trades: sim.tradeCount, net: sim.netCents / 100, sharpe };
}

function stitch(o: Oos, capital: number): { oos: StitchedSummary; equity: { date: string; equity_usd: number }[] } {
  const pnl = Float64Array.from(o.trades, (t) => t.pnlCents);
  const ret = Float64Array.from(o.daily, (c) => c / 100 / capital);
  const dd = maxDrawdown(pnl, capital * 100);
  let net = 0;
  for (const c of pnl) net += c;
  const equity: { date: string; equity_usd: number }[] = [];
  let eq = Math.round(capital * 100);
  for (let i = 0; i < o.daily.length; i++) {
    eq += o.daily[i] as number;
    equity.push({ date: isoDate(o.dates[i] as number), equity_usd: eq / 100 });
  }
  const n = o.dates.length;
  const rate = (s: number) => (n > 0 ? r6((o.signals[s] as number) / n) : null);
  const e = expectancy(pnl);
  return {
    oos: {
      from: n ? isoDate(o.dates[0] as number) : null,
      to: n ? isoDate(o.dates[n - 1] as number) : null,
      sessions: n,
      trades: pnl.length,
      win_rate: r6(winRate(pnl)),
      net_pnl_usd: net / 100,
      sharpe: r6(sharpeRatio(ret, PERIODS_PER_YEAR)),
      sortino: r6(sortinoRatio(ret, PERIODS_PER_YEAR)),
      profit_factor: r6(profitFactor(pnl)),
      expectancy_usd: e === null ? null : r6(e / 100),
      max_drawdown_usd: dd.amount / 100,
      max_drawdown_pct: r6(dd.pct) as number,
      signals_per_session: { premium: rate(4), strong: rate(3), good: rate(2), weak: rate(1) },
    },
    equity,
  };
}
