// Runs trial batches serially or on a tinypool of worker threads. The plan and the sets are shared once
// (SharedArrayBuffer); tasks are (window, range of sets); rows are reassembled in set order, so the output is
// the serial output exactly. Small jobs stay serial: starting a worker under tsx costs more than they do.
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { runBatch, trialContext, type TrialJob } from './trial-batch.ts';
import { sharePlan, shareFloat64 } from './shared-plan.ts';
import { rowWidth, type TrialContext } from './trial.ts';
import type { TrialTask } from './worker.ts';

/** Candidate-rows × sets below which a sweep runs in this thread (~0.3 s of scanning). */
export const PARALLEL_MIN_WORK = 6e7;

export interface RunnerOptions {
  /** worker threads; 0 or 1 = serial; default = available cores */
  workers?: number;
  /** force the pool even for small jobs (tests) */
  forceParallel?: boolean;
}

/** The runner role: rows for every set over a view. TrialRunner (threads) and the Redis fleet both play it. */
export interface TrialRows {
  run(v: number, onProgress?: (done: number) => void): Promise<Float64Array>;
  close(): Promise<void>;
}

export class TrialRunner implements TrialRows {
  readonly workers: number;
  private pool: Tinypool | null = null;
  private readonly contexts = new Map<number, TrialContext>();

  private constructor(
    private readonly job: TrialJob,
    workers: number,
  ) {
    this.workers = workers;
  }

  /** `workers` threads if the work is worth it, else serial (workers = 1). */
  static create(job: TrialJob, opts: RunnerOptions = {}): TrialRunner {
    const want = opts.workers ?? availableParallelism();
    const sets = job.sets.length / 4;
    const work = sets * job.plan.n * Math.max(1, job.views.length);
    const parallel = want > 1 && sets > 1 && (opts.forceParallel === true || work >= PARALLEL_MIN_WORK);
    const runner = new TrialRunner(job, parallel ? want : 1);
    if (parallel) {
      // the finer --fill-data series is only read while planning: workers never get a copy of it
      const { fillData: _fine, ...params } = job.params;
      const shared: TrialJob = { ...job, params, plan: sharePlan(job.plan), sets: shareFloat64(job.sets) };
      runner.pool = new Tinypool({
        filename: new URL('./worker.mjs', import.meta.url).href,
        minThreads: want,
        maxThreads: want,
        workerData: shared,
        idleTimeout: 60_000,
      });
    }
    return runner;
  }

  get parallel(): boolean {
    return this.pool !== null;
  }

  /** Rows (n sets × rowWidth(view.blocks)) for every set over view `v`. */
  async run(v: number, onProgress?: (done: number) => void): Promise<Float64Array> {
    const view = this.job.views[v];
    if (!view) throw new Error(`TrialRunner: no view ${v}`);
    const n = this.job.sets.length / 4;
    const w = rowWidth(view.blocks);
    const out = new Float64Array(n * w);
    if (!this.pool) {
      let ctx = this.contexts.get(v);
      if (!ctx) {
        ctx = trialContext(this.job, view);
        this.contexts.set(v, ctx);
      }
      // serial chunks so the progress bar moves
      const chunk = Math.max(1, Math.min(1024, Math.ceil(n / 100)));
      for (let s = 0; s < n; s += chunk) {
        const e = Math.min(n, s + chunk);
        out.set(runBatch(ctx, this.job.sets, view.blocks, s, e), s * w);
        onProgress?.(e);
      }
      return out;
    }
    const pool = this.pool;
    const chunk = Math.max(16, Math.min(4096, Math.ceil(n / (this.workers * 16))));
    let done = 0;
    const tasks: Promise<void>[] = [];
    for (let s = 0; s < n; s += chunk) {
      const e = Math.min(n, s + chunk);
      const task: TrialTask = { view: v, start: s, end: e };
      tasks.push(
        (pool.run(task) as Promise<Float64Array>).then((rows) => {
          out.set(rows, s * w);
          done += e - s;
          onProgress?.(done);
        }),
      );
    }
    await Promise.all(tasks);
    return out;
  }

  async close(): Promise<void> {
    if (this.pool) await this.pool.destroy();
    this.pool = null;
  }
}
