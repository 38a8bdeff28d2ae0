// One weight set on one book: rescore, compose the plan, scan every threshold set of the ladder with the
// backtest's scanPlan (summary mode), and reduce each scan to the sweep's trial row (sweep/trial.ts), so the
// objective, the ranking rule, DSR and PBO read the same numbers as `mia sweep`.
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import type { SimParams, SimResult } from '../simulate/types.ts';
import { objectiveOf, type Objective } from '../sweep/objective.ts';
import { F, rowWidth, writeTrialRow } from '../sweep/trial.ts';
import { compose, type Book } from './book.ts';

export interface EvalContext {
  params: SimParams;
  multipliers: Multipliers;
  deadBand: number;
  ladder: Thresholds[];
  objective: Objective;
  minTrades: number;
  /** PBO block bounds over the book's sessions, or null */
  blockBounds: Int32Array | null;
}

export interface WeightEval {
  /** trial rows, one per ladder set (rowWidth(blocks) numbers each) */
  rows: Float64Array;
  width: number;
  /** index into the ladder of the best set, or -1 when none is eligible */
  best: number;
  /** its objective (NaN when none) */
  value: number;
}

export function scanOne(book: Book, ctx: EvalContext, w: Float64Array, t: Thresholds, full = false): SimResult {
  const plan = compose(book, w, ctx.deadBand, full);
  return scanPlan(plan, t, ctx.multipliers, { ...ctx.params, thresholds: t }, full ? {} : { summaryOnly: true, tierDetail: false });
}

/** Every ladder set for one weight set; ties keep the lower gate (the sweep's rule: objective, then net, then order). */
export function evaluateWeights(book: Book, ctx: EvalContext, w: Float64Array): WeightEval {
  const width = rowWidth(ctx.blockBounds ? ctx.blockBounds.length - 1 : 0);
  const G = ctx.ladder.length;
  const rows = new Float64Array(G * width);
  const plan = compose(book, w, ctx.deadBand);
  let best = -1;
  let value = NaN;
  for (let g = 0; g < G; g++) {
    const t = ctx.ladder[g]!;
    const r = scanPlan(plan, t, ctx.multipliers, { ...ctx.params, thresholds: t }, { summaryOnly: true, tierDetail: false });
    writeTrialRow(r, ctx.params.startingCapital, ctx.blockBounds, rows, g * width);
    const v = objectiveOf(rows, width, g, ctx.objective, ctx.minTrades);
    if (!Number.isNaN(v) && (best < 0 || v > value || (v === value && rows[g * width + F.net_usd]! > rows[best * width + F.net_usd]!))) {
      best = g;
      value = v;
    }
  }
  return { rows, width, best, value };
}
