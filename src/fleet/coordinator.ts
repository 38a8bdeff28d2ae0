// The distributed TrialRunner: same role as src/sweep/trial-runner.ts (rows for every set over one window), but
// the (window, set range) chunks go to `mia worker` processes through the fleet queue (queue.ts). Chunk ids derive
// from the spec's sha256, so a re-run resumes from the chunks whose rows are still in Redis.
import type { TrialJob } from '../sweep/trial-batch.ts';
import type { TrialRows } from '../sweep/trial-runner.ts';
import { rowWidth } from '../sweep/trial.ts';
import { FleetQueue, float64s } from './queue.ts';
import { encodeSpec, planHash, SPEC_VERSION, type ChunkJob, type FleetSpec, type NamedRun } from './schema.ts';
import { chunkJobId, specKey } from './keys.ts';

/** Sets per job when --chunk is not given: large, since a job costs a queue round trip (and a replay on a cold worker). */
export const DEFAULT_CHUNK = 2000;

export interface FleetOptions {
  redis: string;
  chunk?: number;
  /** attempts per chunk for errors other than data errors (a worker crash is a stall, not an attempt) */
  attempts?: number;
}

/** How the coordinator's inputs are named to workers (paths as workers resolve them, hashes, slicing, engine). */
export type FleetInputs = NamedRun;

export class FleetRunner implements TrialRows {
  private constructor(
    private readonly q: FleetQueue,
    private readonly job: TrialJob,
    private readonly chunk: number,
  ) {}

  get runId(): string {
    return this.q.runId;
  }
  /** chunks recovered from an earlier run of the same spec, and chunks queued by this one */
  get resumed(): number {
    return this.q.resumed;
  }
  get queued(): number {
    return this.q.queued;
  }

  static async create(job: TrialJob, inputs: FleetInputs, opts: FleetOptions): Promise<FleetRunner> {
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
    const q = await FleetQueue.open(opts.redis, run, specKey(run), text, opts.attempts ?? 3);
    return new FleetRunner(q, job, Math.max(1, opts.chunk ?? DEFAULT_CHUNK));
  }

  /** Rows (n sets × rowWidth(view.blocks)) for every set over view `v`, gathered from the workers. */
  async run(v: number, onProgress?: (done: number) => void): Promise<Float64Array> {
    const view = this.job.views[v];
    if (!view) throw new Error(`FleetRunner: no view ${v}`);
    const n = this.job.sets.length / 4;
    const w = rowWidth(view.blocks);
    const chunks = new Map<string, ChunkJob>();
    for (let k = 0, s = 0; s < n; k++, s += this.chunk) chunks.set(chunkJobId(this.runId, v, k), { v: SPEC_VERSION, run: this.runId, view: v, start: s, end: Math.min(n, s + this.chunk) });
    const jobs = new Map([...chunks].map(([id, c]) => [id, { data: c, bytes: (c.end - c.start) * w * 8 }]));
    let done = 0;
    const results = await this.q.gather('chunk', jobs, (id) => onProgress?.((done += chunks.get(id)!.end - chunks.get(id)!.start)));
    const out = new Float64Array(n * w);
    for (const [id, c] of chunks) out.set(float64s(results.get(id)!), c.start * w);
    return out;
  }

  async close(): Promise<void> {
    await this.q.close();
  }
}
