// One weight set on the books of every exit combination: rescore once, then scan every (exit, gate) pair with
// the backtest's scanPlan (summary mode) and reduce each scan to the sweep's trial row (sweep/trial.ts), so the
// objective, the ranking rule (the recommender's: src/sweep/objective.ts), DSR and PBO read the same numbers as
// `mia sweep` and `mia calibrate`.
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import type { SimParams, SimResult } from '../simulate/types.ts';
import { compareTrials, objectiveOf, type Objective } from '../sweep/objective.ts';
import { F, rowWidth, writeTrialRow } from '../sweep/trial.ts';
import { compose, composeAll, type Book } from './book.ts';

export interface EvalContext {
  /** one simulator parameter set per exit combination (stop, target, time stop, daily loss limit); books[e] was planned with exits[e] */
  exits: SimParams[];
  multipliers: Multipliers;
  deadBand: number;
  ladder: Thresholds[];
  objective: Objective;
  minTrades: number;
  capital: number;
  /** PBO block bounds over the book's sessions, or null */
  blockBounds: Int32Array | null;
}

/** A configuration besides the weights: an exit combination and a threshold set. */
export interface Pick {
  exit: number;
  thresholds: Thresholds;
}

export interface WeightEval {
  /** trial rows, exit-major then ladder order (rowWidth(blocks) numbers each) */
  rows: Float64Array;
  width: number;
  /** trial index of the best (exit, gate), or -1 when none is eligible */
  best: number;
  /** its objective (NaN when none) */
  value: number;
  /** its net P&L in dollars (NaN when none): the recommender's tie-break */
  net: number;
}

/** The (exit, thresholds) of trial index c of a WeightEval. */
export function pickOf(ctx: EvalContext, c: number): Pick {
  const G = ctx.ladder.length;
  return { exit: Math.floor(c / G), thresholds: ctx.ladder[c % G]! };
}

export function scanOne(books: Book[], ctx: EvalContext, w: Float64Array, p: Pick, full = false): SimResult {
  const plan = compose(books[p.exit]!, w, ctx.deadBand, full);
  return scanPlan(plan, p.thresholds, ctx.multipliers, { ...ctx.exits[p.exit]!, thresholds: p.thresholds }, full ? {} : { summaryOnly: true, tierDetail: false });
}

/**
 * Every (exit, gate) for one weight set, and the best of them by the recommender's rule (objectiveOf: defined
 * objective, at least minTrades trades, no ruin; compareTrials: higher objective, then higher net P&L, then the
 * earlier trial, exit combinations in the order given and gates ascending).
 */
export function evaluateWeights(books: Book[], ctx: EvalContext, w: Float64Array): WeightEval {
  const width = rowWidth(ctx.blockBounds ? ctx.blockBounds.length - 1 : 0);
  const G = ctx.ladder.length;
  const N = G * books.length;
  const rows = new Float64Array(N * width);
  // the books share their rows and sessions: one rescoring serves every exit combination; one plan object per
  // exit for all the gates, so the simulator's per-plan caches (eligible rows, chains) serve the whole ladder;
  // the rescoring lists the entries of the lowest gate; the higher gates filter that list
  let floor = Infinity;
  for (const t of ctx.ladder) floor = Math.min(floor, t.weak);
  const plans = composeAll(books, w, ctx.deadBand, floor);
  let best = -1;
  let value = NaN;
  let net = NaN;
  for (let c = 0; c < N; c++) {
    const { exit, thresholds: t } = pickOf(ctx, c);
    const r = scanPlan(plans[exit]!, t, ctx.multipliers, { ...ctx.exits[exit]!, thresholds: t }, { summaryOnly: true, tierDetail: false });
    writeTrialRow(r, ctx.capital, ctx.blockBounds, rows, c * width);
    const v = objectiveOf(rows, width, c, ctx.objective, ctx.minTrades);
    const n = rows[c * width + F.net_usd]!;
    if (!Number.isNaN(v) && (best < 0 || compareTrials(v, n, c, value, net, best) < 0)) {
      best = c;
      value = v;
      net = n;
    }
  }
  return { rows, width, best, value, net };
}

export interface ExitRecord {
  stop_ticks: number;
  target_ticks: number;
  time_stop_bars: number;
  daily_loss_limit_usd: number;
}

export function exitRecord(p: SimParams): ExitRecord {
  return { stop_ticks: p.stopTicks, target_ticks: p.targetTicks, time_stop_bars: p.timeStopBars, daily_loss_limit_usd: p.dailyLossLimit };
}
