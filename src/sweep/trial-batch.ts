// A batch of trials over one session window: the unit of work both the serial path and each worker run,
// so parallel results are the serial results by construction (same function, same inputs, same order).
import type { Multipliers } from '../engine/types.ts';
import type { SimParams, TradePlan } from '../simulate/types.ts';
import { planWindow } from './plan-window.ts';
import { blockBounds } from './pbo.ts';
import { evaluateTrial, rowWidth, type TrialContext } from './trial.ts';

/** A session window [from, to) of the plan, with S PBO blocks (0 = no block statistics). */
export interface ViewSpec {
  from: number;
  to: number;
  blocks: number;
}

export interface TrialJob {
  plan: TradePlan;
  params: SimParams;
  multipliers: Multipliers;
  /** 4 numbers per set */
  sets: Float64Array;
  views: ViewSpec[];
}

export function trialContext(job: TrialJob, view: ViewSpec): TrialContext {
  const plan = planWindow(job.plan, view.from, view.to);
  return {
    plan,
    params: job.params,
    multipliers: job.multipliers,
    blockBounds: view.blocks > 0 ? blockBounds(view.to - view.from, view.blocks) : null,
  };
}

/** Rows for sets [start, end) into a new array of (end − start) × rowWidth values. */
export function runBatch(ctx: TrialContext, sets: Float64Array, blocks: number, start: number, end: number): Float64Array {
  const w = rowWidth(blocks);
  const out = new Float64Array((end - start) * w);
  for (let i = start; i < end; i++) {
    const o = i * 4;
    evaluateTrial(
      ctx,
      { premium: sets[o] as number, strong: sets[o + 1] as number, good: sets[o + 2] as number, weak: sets[o + 3] as number },
      out,
      (i - start) * w,
    );
  }
  return out;
}
