// Worker side of the trial pool: the job (shared plan, sets, windows) arrives once as workerData; each task
// names a window and a range of sets and gets its rows back as a transferred buffer.
import Tinypool from 'tinypool';
import { runBatch, trialContext, type TrialJob } from './trial-batch.ts';
import type { TrialContext } from './trial.ts';

// tinypool wraps the thread's workerData; its static getter returns ours
const job = Tinypool.workerData as TrialJob;
const contexts = new Map<number, TrialContext>();

export interface TrialTask {
  view: number;
  start: number;
  end: number;
}

export default function run(task: TrialTask): Float64Array {
  let ctx = contexts.get(task.view);
  if (!ctx) {
    const spec = job.views[task.view];
    if (!spec) throw new Error(`trial worker: no view ${task.view}`);
    ctx = trialContext(job, spec);
    contexts.set(task.view, ctx);
  }
  const spec = job.views[task.view] as TrialJob['views'][number];
  return runBatch(ctx, job.sets, spec.blocks, task.start, task.end);
}
