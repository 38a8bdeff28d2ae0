// `mia worker`'s processor for optimize jobs: validate the job, fetch and check the run's spec, build (or reuse)
// the books of its window from the named files, evaluate each weight set with evaluateWeights and store the numbers
// under the job's id. Only numbers come in (weights) and go out (results); nothing received is executed.
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { rowWidth } from '../sweep/trial.ts';
import { FleetDataError } from './prepare.ts';
import { BooksCache, evalContext, evaluateInto } from './prepare-weights.ts';
import { parseWeightsJob, parseWeightsSpec, resultWidth, type WeightsSpec } from './weights-schema.ts';
import { RESULT_TTL_S, resultKey, weightsSpecKey } from './keys.ts';

/** Weight sets evaluated between two yields to the event loop, so the lock is renewed during a long chunk. */
const SLICE = 4;

export function weightsProcessor(client: Redis, books: BooksCache, log: (line: string) => void, onFatal: (msg: string) => void): (job: Job) => Promise<{ sets: number }> {
  const specs = new Map<string, WeightsSpec>();
  return async (job: Job): Promise<{ sets: number }> => {
    let j;
    try {
      j = parseWeightsJob(job.data);
    } catch (err) {
      throw new UnrecoverableError(`refused job ${job.id}: ${(err as Error).message}`);
    }
    const n = j.weights.length / 10;
    // as for threshold chunks: a job queued again after its first run finished is not computed twice
    if (await client.exists(resultKey(job.id as string))) {
      log(`chunk ${job.id} already has its results in redis: skipped`);
      return { sets: 0 };
    }
    log(`chunk ${job.id} start (${n} weight sets, sessions ${j.from}..${j.to})`);
    const t0 = Date.now();
    let spec: WeightsSpec;
    let bk;
    try {
      spec = specs.get(j.run) ?? (await fetchSpec(client, j.run));
      if (!specs.has(j.run)) {
        if (specs.size >= 4) specs.delete(specs.keys().next().value as string);
        specs.set(j.run, spec);
      }
      bk = books.books(spec, j.run, j.from, j.to);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (err instanceof FleetDataError) onFatal(msg);
      throw new UnrecoverableError(msg);
    }
    const ctx = evalContext(spec, j);
    const out = new Float64Array(n * resultWidth(spec, rowWidth(j.blocks)));
    for (let s = 0; s < n; s += SLICE) {
      evaluateInto(spec, bk, ctx, j.weights, s, Math.min(n, s + SLICE), out);
      await new Promise((r) => setImmediate(r));
    }
    await client.set(resultKey(job.id as string), Buffer.from(out.buffer, out.byteOffset, out.byteLength), 'EX', RESULT_TTL_S);
    log(`chunk ${job.id} done (${n} weight sets, ${Date.now() - t0} ms, replays ${books.misses})`);
    return { sets: n };
  };
}

async function fetchSpec(client: Redis, run: string): Promise<WeightsSpec> {
  const text = await client.get(weightsSpecKey(run));
  if (text === null) throw new FleetDataError(`run ${run.slice(0, 12)}: spec not in redis (expired or flushed): re-run the optimize`);
  return parseWeightsSpec(text, run);
}
