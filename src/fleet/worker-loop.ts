// `mia worker`: take chunk jobs from the queue, rebuild the run from its spec (cached), scan the chunk's sets with
// the sweep's own runBatch (or, for optimize jobs, evaluate its weight sets: weights-worker.ts) and store the
// rows under the chunk's id. A worker never runs anything it receives: job
// data and specs are checked against fixed shapes, and only mia's own code is executed.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { runBatch, trialContext, type TrialJob } from '../sweep/trial-batch.ts';
import { rowWidth, type TrialContext } from '../sweep/trial.ts';
import { MiaError } from '../util/errors.ts';
import { checkRedis, describe, parseRedisUrl } from './redis-url.ts';
import { parseChunkJob, parseSpec, type FleetSpec } from './schema.ts';
import { FleetDataError, PlanCache } from './prepare.ts';
import { QUEUE_NAME, RESULT_TTL_S, resultKey, specKey } from './keys.ts';
import { BooksCache } from './prepare-weights.ts';
import { weightsProcessor } from './weights-worker.ts';
import { WEIGHTS_JOB } from './weights-schema.ts';

export interface WorkerOptions {
  redis: string;
  /** base for relative input paths (default: the mia checkout) */
  dataRoot: string | null;
  /** job lock (ms): a worker silent this long is presumed dead and its chunk goes to another worker */
  lockMs: number;
  log: (line: string) => void;
}

/** Sets scanned between two yields to the event loop, so the lock is renewed during a long chunk. */
const SLICE = 64;
const CONTEXT_CACHE = 8;

/** Runs until SIGINT/SIGTERM (exit 0) or a fatal error (exit 2, one line logged). Resolves with the exit code. */
export async function runWorker(opts: WorkerOptions): Promise<number> {
  const target = parseRedisUrl(opts.redis);
  await checkRedis(target);
  const client = new Redis(target.options);
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((r) => (finish = r));
  let fatal: string | null = null;

  const onFatal = (msg: string) => (fatal = msg);
  const chunks = chunkProcessor(client, new PlanCache(opts.dataRoot), opts.log, onFatal);
  const weights = weightsProcessor(client, new BooksCache(opts.dataRoot), opts.log, onFatal);
  // one queue, two fixed job kinds: sweep chunks (threshold sets) and optimize chunks (weight sets)
  const processor = (job: Job) => (job.name === WEIGHTS_JOB ? weights(job) : chunks(job));

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: target.options,
    concurrency: 1,
    lockDuration: opts.lockMs,
    stalledInterval: Math.max(250, Math.floor(opts.lockMs / 2)),
    // a chunk survives a few dead workers; one that kills every worker fails the run
    maxStalledCount: 3,
  });
  worker.on('error', () => {}); // connection errors end the run below once ioredis gives up
  worker.on('failed', (job, err) => {
    if (fatal === null) opts.log(`chunk ${job?.id ?? '?'} failed: ${err.message}`);
    else {
      // this worker's files cannot serve the run: the chunk has failed the run; stop rather than fail every chunk
      void worker.close().then(() => finish(2));
    }
  });
  client.on('error', () => {});
  client.on('end', () => {
    fatal ??= `redis ${target.display}: connection lost`;
    void worker.close(true).then(() => finish(2));
  });
  const stop = () => void worker.close().then(() => finish(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await worker.waitUntilReady();
  } catch (err) {
    await worker.close(true);
    client.disconnect();
    throw new MiaError(`redis ${target.display}: ${describe(err)}`);
  }
  opts.log(`ready on ${target.display} (queue ${QUEUE_NAME}, lock ${opts.lockMs} ms)`);
  const code = await finished;
  if (code !== 0 && fatal) process.stderr.write(`mia: ${fatal}\n`);
  client.disconnect();
  return code;
}

/** The job processor: validate, fetch and check the spec, rebuild (or reuse) the plan, scan, store the rows. */
function chunkProcessor(client: Redis, plans: PlanCache, log: (line: string) => void, onFatal: (msg: string) => void): (job: Job) => Promise<{ sets: number }> {
  const specs = new Map<string, FleetSpec>();
  const contexts = new Map<string, TrialContext>();
  return async (job: Job): Promise<{ sets: number }> => {
    let c;
    try {
      c = parseChunkJob(job.data);
    } catch (err) {
      throw new UnrecoverableError(`refused job ${job.id}: ${(err as Error).message}`);
    }
    // ids are deterministic and results idempotent: a job queued again after its first run finished (a coordinator
    // re-run racing the queue's removal of completed jobs) is not computed a second time
    if (await client.exists(resultKey(job.id as string))) {
      log(`chunk ${job.id} already has its rows in redis: skipped`);
      return { sets: 0 };
    }
    log(`chunk ${job.id} start (sets ${c.start}..${c.end})`);
    const t0 = Date.now();
    let tj: TrialJob;
    try {
      let spec = specs.get(c.run);
      if (!spec) {
        const text = await client.get(specKey(c.run));
        if (text === null) throw new FleetDataError(`run ${c.run.slice(0, 12)}: spec not in redis (expired or flushed): re-run the sweep`);
        spec = parseSpec(text, c.run);
        if (specs.size >= 4) specs.delete(specs.keys().next().value as string);
        specs.set(c.run, spec);
      }
      tj = plans.job(spec);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (err instanceof FleetDataError) onFatal(msg);
      throw new UnrecoverableError(msg);
    }
    const view = tj.views[c.view];
    if (!view || c.end > tj.sets.length / 4) throw new UnrecoverableError(`refused job ${job.id}: window ${c.view} or sets ${c.start}..${c.end} not in the run`);
    const ck = `${c.run}:${c.view}`;
    let ctx = contexts.get(ck);
    if (!ctx) {
      ctx = trialContext(tj, view);
      if (contexts.size >= CONTEXT_CACHE) contexts.delete(contexts.keys().next().value as string);
      contexts.set(ck, ctx);
    }
    const rows = await scanChunk(ctx, tj.sets, view.blocks, c.start, c.end);
    await client.set(resultKey(job.id as string), Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength), 'EX', RESULT_TTL_S);
    log(`chunk ${job.id} done (${c.end - c.start} sets, ${Date.now() - t0} ms, replays ${plans.misses})`);
    return { sets: c.end - c.start };
  };
}

/** runBatch over [start, end) in slices, yielding between them so BullMQ can renew the job's lock. */
async function scanChunk(ctx: TrialContext, sets: Float64Array, blocks: number, start: number, end: number): Promise<Float64Array> {
  const w = rowWidth(blocks);
  const out = new Float64Array((end - start) * w);
  for (let s = start; s < end; s += SLICE) {
    const e = Math.min(end, s + SLICE);
    out.set(runBatch(ctx, sets, blocks, s, e), (s - start) * w);
    await new Promise((r) => setImmediate(r));
  }
  return out;
}
