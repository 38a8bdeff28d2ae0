// Worker side: rebuild a run's TrialJob from its spec exactly as the coordinator built it (load the named files,
// check their sha256, slice, replay, plan), refusing any difference with a named error. The replay and plan are
// cached per (inputs, engine, execution parameters), so every later chunk only re-selects.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { REPO_ROOT } from '../data/defaults.ts';
import { loadBars, loadContext } from '../data/load.ts';
import { sliceBars } from '../data/slice.ts';
import { replay } from '../engine/replay.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import type { TradePlan } from '../simulate/types.ts';
import type { Bars, DailyContext } from '../data/types.ts';
import type { TrialJob } from '../sweep/trial-batch.ts';
import { sha256 } from '../util/hash.ts';
import { MiaError } from '../util/errors.ts';
import { planHash, type FleetSpec, type NamedInput } from './schema.ts';

/** A worker cannot serve this run with its files: the run fails with this message (no retry). */
export class FleetDataError extends MiaError {
  constructor(message: string) {
    super(message);
    this.name = 'FleetDataError';
  }
}

/** Paths inside the mia checkout travel relative to it; a worker resolves them under its data root. */
export function resolveNamed(path: string, dataRoot: string | null): string {
  return isAbsolute(path) ? path : join(dataRoot ?? REPO_ROOT, path);
}

const PLAN_CACHE_SIZE = 2;

export class PlanCache {
  private readonly plans = new Map<string, TradePlan>();
  hits = 0;
  misses = 0;

  constructor(private readonly dataRoot: string | null) {}

  /** The TrialJob of a spec, replaying only when its (inputs, engine, params) were not seen last. */
  job(spec: FleetSpec): TrialJob {
    const key = sha256(JSON.stringify([spec.bars, spec.context, spec.from, spec.to, spec.engine, spec.params]));
    let plan = this.plans.get(key);
    if (plan) this.hits++;
    else {
      this.misses++;
      plan = this.build(spec);
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value as string);
      this.plans.set(key, plan);
    }
    return { plan, params: spec.params, multipliers: spec.params.multipliers, sets: Float64Array.from(spec.sets), views: spec.views };
  }

  private build(spec: FleetSpec): TradePlan {
    const { bars, context } = loadNamed(spec, this.dataRoot);
    const plan = planTrades(bars, replay(bars, context, spec.engine), spec.params);
    const got = planHash(plan);
    if (got !== spec.plan_hash) {
      throw new FleetDataError(`plan mismatch: this worker's replay of ${spec.bars.path} gives plan ${got.slice(0, 12)}, the coordinator's is ${spec.plan_hash.slice(0, 12)} (different mia version?)`);
    }
    return plan;
  }
}

/** The files a spec names, loaded, checked against their sha256 and sliced as the coordinator sliced them. */
export function loadNamed(spec: Pick<FleetSpec, 'bars' | 'context' | 'from' | 'to'>, dataRoot: string | null): { bars: Bars; context: DailyContext | null } {
  const barsPath = localFile(spec.bars, dataRoot);
  const ctxPath = spec.context ? localFile(spec.context, dataRoot) : null;
  let loaded: ReturnType<typeof loadBars>;
  let ctx: ReturnType<typeof loadContext> | null = null;
  try {
    loaded = loadBars(barsPath, { tz: spec.bars.tz });
    if (ctxPath) ctx = loadContext(ctxPath);
  } catch (err) {
    throw new FleetDataError(`data error on worker: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (loaded.source.sha256 !== spec.bars.sha256) throw mismatch(barsPath, loaded.source.sha256, spec.bars.sha256);
  if (ctx && spec.context && ctx.source.sha256 !== spec.context.sha256) throw mismatch(ctxPath as string, ctx.source.sha256, spec.context.sha256);
  return { bars: sliceBars(loaded.bars, spec.from ?? undefined, spec.to ?? undefined), context: ctx ? ctx.context : null };
}

/** The local path of a named input, after checking the file exists. */
function localFile(input: NamedInput, dataRoot: string | null): string {
  const p = resolveNamed(input.path, dataRoot);
  if (!existsSync(p)) throw new FleetDataError(`data mismatch: ${p}: no such file on this worker (the run names ${input.path}, sha256 ${input.sha256.slice(0, 12)})`);
  return p;
}

function mismatch(path: string, got: string, want: string): FleetDataError {
  return new FleetDataError(`data mismatch: ${path}: sha256 ${got.slice(0, 12)} on this worker, the run names ${want.slice(0, 12)}`);
}

