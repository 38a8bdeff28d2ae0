// --redis / --chunk for the commands that run trials (sweep, calibrate): with --redis the trials go to `mia worker`
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
import { DEFAULT_CHUNK, FleetRunner, type FleetInputs } from '../fleet/coordinator.ts';

export function addFleetOptions(cmd: Command): Command {
  return cmd
    .option('--redis <url>', "run the trials on 'mia worker' processes through this Redis (redis://host:port, rediss://user:password@host:port/db)")
    .option('--chunk <n>', `threshold sets per queued job with --redis (default ${DEFAULT_CHUNK})`);
}

/** The fleet runner factory when --redis is given, else undefined (threads or serial, as before). */
export function fleetRunner(opts: Record<string, unknown>, inputs: ResolvedInputs, engine: EngineConfig): ((job: TrialJob) => Promise<TrialRows>) | undefined {
  const chunkText = typeof opts.chunk === 'string' ? opts.chunk : undefined;
  if (typeof opts.redis !== 'string') {
    if (chunkText !== undefined) throw new MiaError('--chunk needs --redis');
    return undefined;
  }
  if (chunkText !== undefined && !(/^\d+$/.test(chunkText.trim()) && Number(chunkText) >= 1)) throw new MiaError(`--chunk ${chunkText}: must be a whole number >= 1`);
  if (opts.workers !== undefined) throw new MiaError('--workers and --redis: give one (threads here, or workers through Redis)');
  const redis = opts.redis;
  const [barsSrc, ctxSrc] = inputs.sources;
  const named: FleetInputs = {
    bars: { path: namedPath(typeof opts.data === 'string' ? opts.data : DEFAULT_BARS_PATH), sha256: (barsSrc as { sha256: string }).sha256, tz: typeof opts.tz === 'string' ? opts.tz : 'America/Chicago' },
    context: ctxSrc ? { path: namedPath(typeof opts.context === 'string' ? opts.context : DEFAULT_CONTEXT_PATH), sha256: ctxSrc.sha256 } : null,
    from: inputs.from,
    to: inputs.to,
    engine,
  };
  return (job) => FleetRunner.create(job, named, { redis, ...(chunkText === undefined ? {} : { chunk: Number(chunkText) }) });
}

/** Relative to the mia checkout when inside it (workers resolve it under their own checkout or --data-root), else absolute. */
function namedPath(p: string): string {
  return displayPath(resolve(p));
}
