// The distributed TrialRunner: same role as src/sweep/trial-runner.ts (rows for every set over one window), but
// the (window, set range) chunks go to `mia worker` processes through a BullMQ queue. The run spec is stored once
// under its sha256; chunk ids derive from it, so a re-run resumes from the chunks whose rows are still in Redis,
// and a chunk that two workers finish (a stalled lock) writes the same bytes twice.
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { TrialJob } from '../sweep/trial-batch.ts';
import type { TrialRows } from '../sweep/trial-runner.ts';
import { rowWidth } from '../sweep/trial.ts';
import type { EngineConfig } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { checkRedis, describe, parseRedisUrl, type RedisTarget } from './redis-url.ts';
import { encodeSpec, planHash, SPEC_VERSION, type ChunkJob, type FleetSpec, type NamedInput } from './schema.ts';
import { chunkJobId, QUEUE_NAME, RESULT_TTL_S, resultKey, specKey } from './keys.ts';

/** Sets per job when --chunk is not given: large, since a job costs a queue round trip (and a replay on a cold worker). */
export const DEFAULT_CHUNK = 2000;
const POLL_MS = 100;
const GATHER_MAX = 1000;
/** every this many polls, look for lost jobs (neither queued nor finished) and re-add them */
const AUDIT_EVERY = 30;

export interface FleetOptions {
  redis: string;
  chunk?: number;
  /** attempts per chunk for errors other than data errors (a worker crash is a stall, not an attempt) */
  attempts?: number;
}

/** How the coordinator's inputs are named to workers (paths as workers resolve them, hashes, slicing, engine). */
export interface FleetInputs {
  bars: NamedInput & { tz: string };
  context: NamedInput | null;
  from: string | null;
  to: string | null;
  engine: EngineConfig;
}

export class FleetRunner implements TrialRows {
  private failure: string | null = null;
  /** chunks recovered from an earlier run of the same spec, and chunks queued by this one */
  resumed = 0;
  queued = 0;

  private constructor(
    readonly runId: string,
    private readonly display: string,
    private readonly job: TrialJob,
    private readonly chunk: number,
    private readonly attempts: number,
    private readonly client: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    events.on('failed', ({ jobId, failedReason }) => {
      if (jobId.startsWith(`${runId}-`) && this.failure === null) this.failure = failedReason;
    });
  }

  static async create(job: TrialJob, inputs: FleetInputs, opts: FleetOptions): Promise<FleetRunner> {
    const target = parseRedisUrl(opts.redis);
    await checkRedis(target);
    const spec: FleetSpec = {
      v: SPEC_VERSION,
      bars: inputs.bars,
      context: inputs.context,
      from: inputs.from,
      to: inputs.to,
      engine: inputs.engine,
      params: job.params,
      plan_hash: planHash(job.plan),
      views: job.views,
      sets: Array.from(job.sets),
    };
    const { text, run } = encodeSpec(spec);
    const { client, queue, events } = await connect(target);
    try {
      await client.set(specKey(run), text, 'EX', RESULT_TTL_S);
      // failed chunks of an earlier attempt at this spec (e.g. a worker missing a file since fixed) are tried afresh
      for (const j of await queue.getFailed()) if (j.id?.startsWith(`${run}-`)) await j.remove();
    } catch (err) {
      await closeAll(client, queue, events);
      throw new MiaError(`redis ${target.display}: ${describe(err)}`);
    }
    return new FleetRunner(run, target.display, job, Math.max(1, opts.chunk ?? DEFAULT_CHUNK), opts.attempts ?? 3, client, queue, events);
  }

  /** Rows (n sets × rowWidth(view.blocks)) for every set over view `v`, gathered from the workers. */
  async run(v: number, onProgress?: (done: number) => void): Promise<Float64Array> {
    try {
      return await this.gatherView(v, onProgress);
    } catch (err) {
      // a Redis lost mid-run (ioredis gave up reconnecting) is one line and exit 2, like one never reached
      if (err instanceof MiaError) throw err;
      throw new MiaError(`redis ${this.display}: ${describe(err)}`);
    }
  }

  private async gatherView(v: number, onProgress?: (done: number) => void): Promise<Float64Array> {
    const view = this.job.views[v];
    if (!view) throw new Error(`FleetRunner: no view ${v}`);
    const n = this.job.sets.length / 4;
    const w = rowWidth(view.blocks);
    const out = new Float64Array(n * w);
    const pending = new Map<string, ChunkJob>();
    for (let k = 0, s = 0; s < n; k++, s += this.chunk) pending.set(chunkJobId(this.runId, v, k), { v: SPEC_VERSION, run: this.runId, view: v, start: s, end: Math.min(n, s + this.chunk) });
    let done = 0;
    const gather = async (): Promise<void> => {
      // the oldest chunks first, a bounded number per poll, so a 10⁴-chunk run does not GET every key 10 times a second
      const ids = [...pending.keys()].slice(0, GATHER_MAX);
      const pipe = this.client.pipeline();
      for (const id of ids) pipe.getBuffer(resultKey(id));
      const res = (await pipe.exec()) ?? [];
      ids.forEach((id, i) => {
        const buf = res[i]?.[1] as Buffer | null | undefined;
        if (!buf) return;
        const c = pending.get(id) as ChunkJob;
        const want = (c.end - c.start) * w * 8;
        if (buf.byteLength !== want) throw new MiaError(`fleet: chunk ${id}: ${buf.byteLength} bytes of rows, expected ${want}`);
        // copy out of the Buffer's pool slab: Float64Array needs an 8-byte aligned offset
        out.set(new Float64Array(new Uint8Array(buf).buffer), c.start * w);
        pending.delete(id);
        done += c.end - c.start;
      });
      onProgress?.(done);
    };
    const total = pending.size;
    await gather();
    this.resumed += total - pending.size;
    this.queued += pending.size;
    await this.enqueue([...pending.entries()]);
    for (let poll = 1; pending.size > 0; poll++) {
      if (this.failure !== null) throw new MiaError(`fleet: a worker failed the run: ${this.failure}`);
      await sleep(POLL_MS);
      await gather();
      if (poll % AUDIT_EVERY === 0 && pending.size > 0) await this.audit(pending);
    }
    return out;
  }

  private async enqueue(chunks: [string, ChunkJob][]): Promise<void> {
    if (chunks.length === 0) return;
    // an id already in the queue (a coordinator re-run while workers still hold it) is not added twice
    await this.queue.addBulk(
      chunks.map(([id, data]) => ({
        name: 'chunk',
        data,
        opts: { jobId: id, attempts: this.attempts, removeOnComplete: true, removeOnFail: { age: RESULT_TTL_S } },
      })),
    );
  }

  /** Chunks with neither rows nor a job (a queue flushed under us): queue them again; failed ones fail the run. */
  private async audit(pending: Map<string, ChunkJob>): Promise<void> {
    const lost: [string, ChunkJob][] = [];
    for (const [id, data] of [...pending.entries()].slice(0, 50)) {
      const state = await this.queue.getJobState(id);
      if (state === 'failed') {
        const j = await this.queue.getJob(id);
        this.failure ??= j?.failedReason ?? 'chunk failed';
      } else if (state === 'unknown' && !(await this.client.exists(resultKey(id)))) lost.push([id, data]);
    }
    await this.enqueue(lost);
  }

  async close(): Promise<void> {
    await closeAll(this.client, this.queue, this.events);
  }
}

async function connect(target: RedisTarget): Promise<{ client: Redis; queue: Queue; events: QueueEvents }> {
  const client = new Redis(target.options);
  client.on('error', () => {}); // surfaced by the command that fails
  const queue = new Queue(QUEUE_NAME, { connection: target.options });
  queue.on('error', () => {});
  const events = new QueueEvents(QUEUE_NAME, { connection: target.options });
  events.on('error', () => {});
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  return { client, queue, events };
}

async function closeAll(client: Redis, queue: Queue, events: QueueEvents): Promise<void> {
  await Promise.allSettled([queue.close(), events.close()]);
  client.disconnect();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
