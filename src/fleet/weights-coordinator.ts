// `mia optimize --redis`: the optimiser's batches of weight sets (the seed with the Dirichlet samples, then each
// CMA-ES generation) go to `mia worker` processes as chunks of weight sets; the evaluations come back as numbers
// and are handed to the search in the order asked, so it reads what evaluateWeights gives in process.
import type { EvalBatch } from '../optimize/batch.ts';
import type { WeightEval } from '../optimize/evaluate.ts';
import type { Prepared } from '../optimize/run-optimize.ts';
import type { OptimizeInput } from '../optimize/types.ts';
import { blockBounds } from '../sweep/pbo.ts';
import { rowWidth } from '../sweep/trial.ts';
import { sha256 } from '../util/hash.ts';
import type { FleetInputs, FleetOptions } from './coordinator.ts';
import { FleetQueue, float64s, type QueuedJob } from './queue.ts';
import { encodeSpec, SPEC_VERSION } from './schema.ts';
import { weightsJobId, weightsSpecKey } from './keys.ts';
import { booksHash, resultWidth, WEIGHTS_JOB, type WeightsJob, type WeightsSpec } from './weights-schema.ts';

/** Weight sets per job when --chunk is not given: one set is the whole gate ladder × exits (a few ms). */
export const DEFAULT_WEIGHTS_CHUNK = 8;

export class FleetWeights {
  private constructor(
    private readonly q: FleetQueue,
    private readonly spec: WeightsSpec,
    private readonly chunk: number,
  ) {}

  static async create(inputs: FleetInputs, input: OptimizeInput, prep: Prepared, opts: FleetOptions): Promise<FleetWeights> {
    const spec: WeightsSpec = {
      v: SPEC_VERSION,
      kind: 'optimize',
      ...inputs,
      params: input.params,
      exits: prep.ctx.exits,
      ladder: prep.ctx.ladder,
      objective: prep.ctx.objective,
      min_trades: prep.ctx.minTrades,
      books_hash: booksHash(prep.load.matrix, prep.duals),
    };
    const { text, run } = encodeSpec(spec);
    const q = await FleetQueue.open(opts.redis, run, weightsSpecKey(run), text, opts.attempts ?? 3);
    return new FleetWeights(q, spec, Math.max(1, opts.chunk ?? DEFAULT_WEIGHTS_CHUNK));
  }

  /** The batch's evaluations, in order, computed by the workers. */
  async evaluate(b: EvalBatch): Promise<WeightEval[]> {
    const { from, to } = b.books[0]!;
    const bb = b.ctx.blockBounds;
    const blocks = bb ? bb.length - 1 : 0;
    // the worker rebuilds the bounds from (window length, blocks): they must be the ones the search uses
    if (bb && blockBounds(to - from, blocks).join() !== bb.join()) throw new Error('FleetWeights: block bounds are not blockBounds(window, blocks)');
    const width = rowWidth(blocks);
    const rw = resultWidth(this.spec, width);
    const chunks: { id: string; start: number; end: number }[] = [];
    const jobs = new Map<string, QueuedJob>();
    for (let s = 0; s < b.weights.length; s += this.chunk) {
      const end = Math.min(b.weights.length, s + this.chunk);
      const data: WeightsJob = { v: SPEC_VERSION, run: this.q.runId, from, to, blocks, weights: b.weights.slice(s, end).flatMap((w) => Array.from(w)) };
      // the id is the data's hash: a re-run asks for the same chunks and finds them (an identical chunk is one job)
      const id = weightsJobId(this.q.runId, sha256(JSON.stringify(data)));
      chunks.push({ id, start: s, end });
      jobs.set(id, { data, bytes: (end - s) * rw * 8 });
    }
    const results = await this.q.gather(WEIGHTS_JOB, jobs);
    const out: WeightEval[] = [];
    for (const c of chunks) {
      const r = float64s(results.get(c.id)!);
      for (let i = 0; i < c.end - c.start; i++) {
        const o = i * rw;
        out.push({ best: r[o]!, value: r[o + 1]!, net: r[o + 2]!, rows: r.slice(o + 3, o + rw), width });
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.q.close();
  }
}
