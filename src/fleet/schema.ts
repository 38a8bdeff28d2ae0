// What travels through Redis, and nothing else: a run spec (named inputs by path and sha256, engine and execution
// parameters, threshold sets, windows, the coordinator's plan hash) stored once under its own sha256, and chunk jobs
// (run id, window, set range). Workers validate both against these fixed shapes: data, never code.
import type { EngineConfig } from '../engine/types.ts';
import type { SimParams, TradePlan } from '../simulate/types.ts';
import type { ViewSpec } from '../sweep/trial-batch.ts';
import { defaultEngineConfig } from '../engine/config.ts';
import { defaultSimParams } from '../simulate/defaults.ts';
import { sha256 } from '../util/hash.ts';
import { createHash } from 'node:crypto';

export const SPEC_VERSION = 1;

/** A file a run reads: path relative to the mia checkout (or absolute) and the sha256 of its bytes. */
export interface NamedInput {
  path: string;
  sha256: string;
}

/** What a worker rebuilds a run from: the named files, how they were sliced, the engine config. */
export interface NamedRun {
  bars: NamedInput & { tz: string };
  context: NamedInput | null;
  from: string | null;
  to: string | null;
  engine: EngineConfig;
}

export interface FleetSpec extends NamedRun {
  v: typeof SPEC_VERSION;
  params: SimParams;
  /** sha256 of the coordinator's trade plan: a worker whose replay differs refuses the run */
  plan_hash: string;
  views: ViewSpec[];
  /** 4 thresholds per set */
  sets: number[];
}

export interface ChunkJob {
  v: typeof SPEC_VERSION;
  run: string;
  view: number;
  start: number;
  end: number;
}

/** The spec's bytes as stored, and its id (their sha256): a worker re-hashes what it reads before trusting it. */
export function encodeSpec(spec: object): { text: string; run: string } {
  const text = JSON.stringify(spec);
  return { text, run: sha256(text) };
}

/** sha256 over every per-candidate and per-session column of a plan, in key order. */
export function planHash(plan: TradePlan): string {
  const h = createHash('sha256');
  const rec = plan as unknown as Record<string, unknown>;
  for (const k of Object.keys(rec).sort()) {
    const v = rec[k];
    if (ArrayBuffer.isView(v)) {
      h.update(k);
      h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    } else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') h.update(`${k}=${v};`);
  }
  return h.digest('hex');
}

export const HEX64 = /^[0-9a-f]{64}$/;
export const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A chunk job's data, or the reason it is refused. */
export function parseChunkJob(data: unknown): ChunkJob {
  if (!isObj(data)) throw new Error('job data is not an object');
  exactKeys(data, ['v', 'run', 'view', 'start', 'end'], 'job');
  if (data.v !== SPEC_VERSION) throw new Error(`job: version ${String(data.v)}, this worker reads ${SPEC_VERSION}`);
  if (typeof data.run !== 'string' || !HEX64.test(data.run)) throw new Error('job: run must be a sha256');
  if (!isInt(data.view) || !isInt(data.start) || !isInt(data.end) || data.end <= data.start) throw new Error('job: view/start/end must be whole numbers with start < end');
  return data as unknown as ChunkJob;
}

/** A stored spec's text → the spec, after checking it hashes to its run id and has exactly the expected shape. */
export function parseSpec(text: string, run: string): FleetSpec {
  if (sha256(text) !== run) throw new Error(`spec ${run.slice(0, 12)}: stored text does not hash to its id`);
  const s: unknown = JSON.parse(text);
  if (!isObj(s)) throw new Error('spec is not an object');
  exactKeys(s, ['v', 'bars', 'context', 'from', 'to', 'engine', 'params', 'plan_hash', 'views', 'sets'], 'spec');
  if (s.v !== SPEC_VERSION) throw new Error(`spec: version ${String(s.v)}, this worker reads ${SPEC_VERSION}`);
  checkNamedRun(s);
  if (typeof s.plan_hash !== 'string' || !HEX64.test(s.plan_hash)) throw new Error('spec.plan_hash: sha256');
  if (!Array.isArray(s.views) || s.views.length === 0) throw new Error('spec.views: non-empty array');
  for (const v of s.views) {
    sameShape(v, { from: 0, to: 0, blocks: 0 }, 'spec.views[]');
    if (!isInt(v.from) || !isInt(v.to) || !isInt(v.blocks) || v.to < v.from) throw new Error('spec.views[]: whole numbers, from <= to');
  }
  if (!Array.isArray(s.sets) || s.sets.length % 4 !== 0 || !s.sets.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new Error('spec.sets: 4 finite numbers per set');
  return s as unknown as FleetSpec;
}

/** The NamedRun fields of a spec and its execution parameters have the expected shapes. */
export function checkNamedRun(s: Record<string, unknown>): void {
  sameShape(s.bars, { path: '', sha256: '', tz: '' }, 'spec.bars');
  if (s.context !== null) sameShape(s.context, { path: '', sha256: '' }, 'spec.context');
  for (const k of ['from', 'to'] as const) if (s[k] !== null && typeof s[k] !== 'string') throw new Error(`spec.${k}: string or null`);
  sameShape(s.engine, defaultEngineConfig(), 'spec.engine');
  sameShape(s.params, defaultSimParams(), 'spec.params');
}

export function exactKeys(o: Record<string, unknown>, keys: string[], what: string): void {
  const got = Object.keys(o).sort().join(',');
  if (got !== [...keys].sort().join(',')) throw new Error(`${what}: fields ${got}, expected ${[...keys].sort().join(',')}`);
}

/** `x` has the keys of `template`, recursively, with the same JSON types (numbers finite): no more, no less. */
export function sameShape(x: unknown, template: unknown, what: string): void {
  if (isObj(template)) {
    if (!isObj(x)) throw new Error(`${what}: expected an object`);
    exactKeys(x, Object.keys(template), what);
    for (const k of Object.keys(template)) sameShape(x[k], template[k], `${what}.${k}`);
    return;
  }
  if (typeof template === 'number') {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${what}: expected a finite number`);
    return;
  }
  if (typeof x !== typeof template || Array.isArray(x) || x === null) throw new Error(`${what}: expected ${typeof template}`);
}
