// The coordinator's side of the queue, shared by every kind of job (sweep chunks, optimize weight-set chunks): store
// the run's spec under its sha256, queue jobs under deterministic ids, gather their results from Redis in any order,
// and fail the run on the first job that fails. A re-run of the same spec finds the jobs whose results are still
// in Redis, and a job two workers finish (a stalled lock) writes the same bytes twice.
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { MiaError } from '../util/errors.ts';
import { checkRedis, describe, parseRedisUrl } from './redis-url.ts';
import { QUEUE_NAME, RESULT_TTL_S, resultKey } from './keys.ts';

const POLL_MS = 100;
const GATHER_MAX = 1000;
/** every this many polls, look for lost jobs (neither queued nor finished) and re-add them */
const AUDIT_EVERY = 30;

/** A job to run: its data (validated by the worker) and the exact size of its result in bytes. */
export interface QueuedJob {
  data: object;
  bytes: number;
}

export class FleetQueue {
  private failure: string | null = null;
  /** wakes the gather loop early: an optimize search waits on each batch, so a fixed poll would add its period per batch */
  private wake: (() => void) | null = null;
  /** jobs recovered from an earlier run of the same spec, and jobs queued by this one */
  resumed = 0;
  queued = 0;

  private constructor(
    readonly runId: string,
    private readonly display: string,
    private readonly attempts: number,
    private readonly client: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    events.on('failed', ({ jobId, failedReason }) => {
      if (jobId.startsWith(`${runId}-`) && this.failure === null) this.failure = failedReason;
      this.wake?.();
    });
    events.on('completed', ({ jobId }) => {
      if (jobId.startsWith(`${runId}-`)) this.wake?.();
    });
  }

  /** Check Redis (one line and exit 2 when unreachable), store the spec text under `key`, clear the run's failed jobs. */
  static async open(url: string, runId: string, key: string, specText: string, attempts: number): Promise<FleetQueue> {
    const target = parseRedisUrl(url);
    await checkRedis(target);
    const client = new Redis(target.options);
    client.on('error', () => {}); // surfaced by the command that fails
    const queue = new Queue(QUEUE_NAME, { connection: target.options });
    queue.on('error', () => {});
    const events = new QueueEvents(QUEUE_NAME, { connection: target.options });
    events.on('error', () => {});
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      await client.set(key, specText, 'EX', RESULT_TTL_S);
      // failed jobs of an earlier attempt at this spec (e.g. a worker missing a file since fixed) are tried afresh
      for (const j of await queue.getFailed()) if (j.id?.startsWith(`${runId}-`)) await j.remove();
    } catch (err) {
      await closeAll(client, queue, events);
      throw new MiaError(`redis ${target.display}: ${describe(err)}`);
    }
    return new FleetQueue(runId, target.display, attempts, client, queue, events);
  }

  /** Queue the jobs not finished yet (BullMQ job name `name`), wait for every result; `onDone` per result gathered. */
  async gather(name: string, jobs: Map<string, QueuedJob>, onDone?: (id: string) => void): Promise<Map<string, Buffer>> {
    try {
      return await this.gatherAll(name, jobs, onDone);
    } catch (err) {
      // a Redis lost mid-run (ioredis gave up reconnecting) is one line and exit 2, like one never reached
      if (err instanceof MiaError) throw err;
      throw new MiaError(`redis ${this.display}: ${describe(err)}`);
    }
  }

  private async gatherAll(name: string, jobs: Map<string, QueuedJob>, onDone?: (id: string) => void): Promise<Map<string, Buffer>> {
    const pending = new Map(jobs);
    const out = new Map<string, Buffer>();
    const gather = async (): Promise<void> => {
      // the oldest jobs first, a bounded number per poll, so a 10⁴-job run does not GET every key 10 times a second
      const ids = [...pending.keys()].slice(0, GATHER_MAX);
      const pipe = this.client.pipeline();
      for (const id of ids) pipe.getBuffer(resultKey(id));
      const res = (await pipe.exec()) ?? [];
      ids.forEach((id, i) => {
        const buf = res[i]?.[1] as Buffer | null | undefined;
        if (!buf) return;
        const want = (pending.get(id) as QueuedJob).bytes;
        if (buf.byteLength !== want) throw new MiaError(`fleet: job ${id}: ${buf.byteLength} bytes of results, expected ${want}`);
        out.set(id, buf);
        pending.delete(id);
        onDone?.(id);
      });
    };
    await gather();
    this.resumed += jobs.size - pending.size;
    this.queued += pending.size;
    await this.enqueue(name, [...pending.entries()]);
    for (let poll = 1; pending.size > 0; poll++) {
      if (this.failure !== null) throw new MiaError(`fleet: a worker failed the run: ${this.failure}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, POLL_MS);
        this.wake = () => (clearTimeout(t), r());
      });
      this.wake = null;
      await gather();
      if (poll % AUDIT_EVERY === 0 && pending.size > 0) await this.audit(name, pending);
    }
    return out;
  }

  private async enqueue(name: string, jobs: [string, QueuedJob][]): Promise<void> {
    if (jobs.length === 0) return;
    // an id already in the queue (a coordinator re-run while workers still hold it) is not added twice
    await this.queue.addBulk(
      jobs.map(([id, j]) => ({
        name,
        data: j.data,
        opts: { jobId: id, attempts: this.attempts, removeOnComplete: true, removeOnFail: { age: RESULT_TTL_S } },
      })),
    );
  }

  /** Jobs with neither a result nor a queue entry (a queue flushed under us): queue them again; failed ones fail the run. */
  private async audit(name: string, pending: Map<string, QueuedJob>): Promise<void> {
    const lost: [string, QueuedJob][] = [];
    for (const [id, data] of [...pending.entries()].slice(0, 50)) {
      const state = await this.queue.getJobState(id);
      if (state === 'failed') {
        const j = await this.queue.getJob(id);
        this.failure ??= j?.failedReason ?? 'job failed';
      } else if (state === 'unknown' && !(await this.client.exists(resultKey(id)))) lost.push([id, data]);
    }
    await this.enqueue(name, lost);
  }

  async close(): Promise<void> {
    await closeAll(this.client, this.queue, this.events);
  }
}

async function closeAll(client: Redis, queue: Queue, events: QueueEvents): Promise<void> {
  await Promise.allSettled([queue.close(), events.close()]);
  client.disconnect();
}

/** A result buffer as float64 numbers (copied out of the Buffer's pool slab: Float64Array needs an 8-byte aligned offset). */
export function float64s(buf: Buffer): Float64Array {
  return new Float64Array(new Uint8Array(buf).buffer);
}
