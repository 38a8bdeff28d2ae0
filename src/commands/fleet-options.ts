// --redis / --chunk for the commands that run trials (sweep, calibrate, optimize): with --redis the trials go to `mia worker`
// processes through Redis instead of this process's threads; the rows, and so every output byte, are the same.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { EngineConfig } from '../engine/types.ts';
import type { TrialJob } from '../sweep/trial-batch.ts';
import type { TrialRows } from '../sweep/trial-runner.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../data/defaults.ts';
import { displayPath } from '../util/display-path.ts';
import { MiaError } from '../util/errors.ts';
import type { ResolvedInputs } from './common.ts';
import { DEFAULT_CHUNK, FleetRunner, type FleetInputs, type FleetOptions } from '../fleet/coordinator.ts';
import { DEFAULT_WEIGHTS_CHUNK } from '../fleet/weights-coordinator.ts';

export function addFleetOptions(cmd: Command): Command {
  return cmd
    .option('--redis <url>', "run the trials on 'mia worker' processes through this Redis (redis://host:port, rediss://user:password@host:port/db)")
    .option('--chunk <n>', `sets per queued job with --redis: threshold sets for sweep/calibrate (default ${DEFAULT_CHUNK}), weight sets for optimize (default ${DEFAULT_WEIGHTS_CHUNK})`);
}

/** The fleet runner factory when --redis is given, else undefined (threads or serial, as before). */
export function fleetRunner(opts: Record<string, unknown>, inputs: ResolvedInputs, engine: EngineConfig): ((job: TrialJob) => Promise<TrialRows>) | undefined {
  const fleet = fleetOptions(opts);
  if (fleet === undefined) return undefined;
  if (opts.workers !== undefined) throw new MiaError('--workers and --redis: give one (threads here, or workers through Redis)');
  const named = namedInputs(opts, inputs, engine);
  return (job) => FleetRunner.create(job, named, fleet);
}

/** --redis and --chunk, checked; undefined without --redis. */
export function fleetOptions(opts: Record<string, unknown>): FleetOptions | undefined {
  const chunkText = typeof opts.chunk === 'string' ? opts.chunk : undefined;
  if (typeof opts.redis !== 'string') {
    if (chunkText !== undefined) throw new MiaError('--chunk needs --redis');
    return undefined;
  }
  if (chunkText !== undefined && !(/^\d+$/.test(chunkText.trim()) && Number(chunkText) >= 1)) throw new MiaError(`--chunk ${chunkText}: must be a whole number >= 1`);
  return { redis: opts.redis, ...(chunkText === undefined ? {} : { chunk: Number(chunkText) }) };
}

/** The run's inputs as workers find them: path (see namedPath), sha256, time zone, slicing, and the engine config. */
export function namedInputs(opts: Record<string, unknown>, inputs: ResolvedInputs, engine: EngineConfig): FleetInputs {
  const [barsSrc, ctxSrc] = inputs.sources;
  return {
    bars: { path: namedPath(typeof opts.data === 'string' ? opts.data : DEFAULT_BARS_PATH), sha256: (barsSrc as { sha256: string }).sha256, tz: typeof opts.tz === 'string' ? opts.tz : 'America/Chicago' },
    context: ctxSrc ? { path: namedPath(typeof opts.context === 'string' ? opts.context : DEFAULT_CONTEXT_PATH), sha256: ctxSrc.sha256 } : null,
    from: inputs.from,
    to: inputs.to,
    engine,
  };
}

/** Relative to the mia checkout when inside it (workers resolve it under their own checkout or --data-root), else absolute. */
function namedPath(p: string): string {
  return displayPath(resolve(p));
}
