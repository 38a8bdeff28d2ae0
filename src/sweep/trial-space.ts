// Every trial of a sweep is one (exit combination, threshold set) pair. Trial g is exit combination
// floor(g / sets.n) with threshold set g mod sets.n: exit-major, so a sweep with one exit combination numbers its
// trials exactly as the threshold sets. Rows of all combinations are concatenated in that order.
import type { Thresholds } from '../engine/types.ts';
import type { ExitCombo, SimParams, TradePlan } from '../simulate/types.ts';
import type { Progress } from '../util/progress.ts';
import { setAt, type ThresholdSets } from './grid.ts';
import { withExit } from './exit-space.ts';
import { TrialRunner, type RunnerOptions, type TrialRows } from './trial-runner.ts';
import { rowWidth } from './trial.ts';
import type { TrialJob, ViewSpec } from './trial-batch.ts';

/** Where the rows are computed: threads/serial (TrialRunner) unless `factory` names another runner (the Redis fleet). */
export interface TrialsOptions extends RunnerOptions {
  factory?: (job: TrialJob) => Promise<TrialRows>;
}

export interface TrialSpace {
  sets: ThresholdSets;
  exits: ExitCombo[];
  /** plans[e]: the trade plan of exit combination e */
  plans: TradePlan[];
  /** the run's parameters (exits of combination 0) */
  params: SimParams;
}

export function trialCount(sp: TrialSpace): number {
  return sp.sets.n * sp.exits.length;
}

export interface TrialRef {
  exit: number;
  set: number;
  thresholds: Thresholds;
  exits: ExitCombo;
  plan: TradePlan;
  /** the simulator parameters of the trial (its thresholds and exits) */
  params: SimParams;
}

export function trialAt(sp: TrialSpace, g: number): TrialRef {
  const exit = Math.floor(g / sp.sets.n);
  const set = g % sp.sets.n;
  const thresholds = setAt(sp.sets, set);
  const exits = sp.exits[exit] as ExitCombo;
  return { exit, set, thresholds, exits, plan: sp.plans[exit] as TradePlan, params: { ...withExit(sp.params, exits), thresholds } };
}

/**
 * Rows of every trial over every view (rows[v]: trialCount × rowWidth(views[v].blocks)). One TrialRunner per exit
 * combination (its job is that combination's plan and parameters), run in combination order.
 */
export async function runTrials(sp: TrialSpace, views: ViewSpec[], opts: TrialsOptions, progress: Progress): Promise<Float64Array[]> {
  const n = sp.sets.n;
  const N = trialCount(sp);
  const rows = views.map((v) => new Float64Array(N * rowWidth(v.blocks)));
  let done = 0;
  for (let e = 0; e < sp.exits.length; e++) {
    const params = withExit(sp.params, sp.exits[e] as ExitCombo);
    const job: TrialJob = { plan: sp.plans[e] as TradePlan, params, multipliers: params.multipliers, sets: sp.sets.values, views };
    const runner = opts.factory ? await opts.factory(job) : TrialRunner.create(job, opts);
    try {
      for (let v = 0; v < views.length; v++) {
        const part = await runner.run(v, (d) => progress.update(done + d));
        (rows[v] as Float64Array).set(part, e * n * rowWidth((views[v] as ViewSpec).blocks));
        done += n;
      }
    } finally {
      await runner.close();
    }
  }
  return rows;
}
