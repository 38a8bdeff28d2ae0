// The optimize job kind (`mia optimize --redis`): a spec naming the inputs (path + sha256), the engine, the exit
// combinations, the gate ladder and the choice rule, plus the sha256 of the coordinator's feature matrix and dual
// plans; and jobs of weight sets (numbers) over one window of sessions. Fixed shapes, validated by the worker.
import type { Thresholds } from '../engine/types.ts';
import type { SimParams } from '../simulate/types.ts';
import type { FeatureMatrix } from '../optimize/feature-matrix.ts';
import type { TradePlan } from '../simulate/types.ts';
import { OBJECTIVES, type Objective } from '../sweep/objective.ts';
import { defaultEngineConfig } from '../engine/config.ts';
import { defaultSimParams } from '../simulate/defaults.ts';
import { sha256 } from '../util/hash.ts';
import { createHash } from 'node:crypto';
import { checkNamedRun, exactKeys, HEX64, isInt, isObj, planHash, sameShape, SPEC_VERSION, type NamedRun } from './schema.ts';

/** BullMQ job name of a weight-set chunk (sweep chunks are named 'chunk'). */
export const WEIGHTS_JOB = 'weights';
const N_FEATURES = 10;

export interface WeightsSpec extends NamedRun {
  v: typeof SPEC_VERSION;
  kind: 'optimize';
  /** the run's parameters (capital, multipliers) */
  params: SimParams;
  /** one full parameter set per exit combination */
  exits: SimParams[];
  ladder: Thresholds[];
  objective: Objective;
  min_trades: number;
  /** sha256 of the coordinator's feature matrix and dual plans: a worker whose replay differs refuses the run */
  books_hash: string;
}

export interface WeightsJob {
  v: typeof SPEC_VERSION;
  run: string;
  /** sessions [from, to) of the run's dual plans */
  from: number;
  to: number;
  /** PBO blocks of the window (0: none) */
  blocks: number;
  /** 10 weights per set, FEATURE_NAMES order */
  weights: number[];
}

/** sha256 over the matrix's bar index and columns and every dual plan's planHash. */
export function booksHash(m: FeatureMatrix, duals: TradePlan[]): string {
  const h = createHash('sha256');
  for (const a of [m.bar, ...m.cols]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  for (const d of duals) h.update(planHash(d));
  return h.digest('hex');
}

/** Numbers per weight set in a job's result: best trial, its objective, its net, then the trial rows. */
export const resultWidth = (spec: WeightsSpec, rowWidth: number): number => 3 + spec.ladder.length * spec.exits.length * rowWidth;

export function parseWeightsJob(data: unknown): WeightsJob {
  if (!isObj(data)) throw new Error('job data is not an object');
  exactKeys(data, ['v', 'run', 'from', 'to', 'blocks', 'weights'], 'job');
  if (data.v !== SPEC_VERSION) throw new Error(`job: version ${String(data.v)}, this worker reads ${SPEC_VERSION}`);
  if (typeof data.run !== 'string' || !HEX64.test(data.run)) throw new Error('job: run must be a sha256');
  if (!isInt(data.from) || !isInt(data.to) || !isInt(data.blocks) || data.to <= data.from) throw new Error('job: from/to/blocks must be whole numbers with from < to');
  const w = data.weights;
  if (!Array.isArray(w) || w.length === 0 || w.length % N_FEATURES !== 0 || !w.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) throw new Error(`job.weights: ${N_FEATURES} numbers in [0, 1] per set`);
  return data as unknown as WeightsJob;
}

export function parseWeightsSpec(text: string, run: string): WeightsSpec {
  if (sha256(text) !== run) throw new Error(`spec ${run.slice(0, 12)}: stored text does not hash to its id`);
  const s: unknown = JSON.parse(text);
  if (!isObj(s)) throw new Error('spec is not an object');
  exactKeys(s, ['v', 'kind', 'bars', 'context', 'from', 'to', 'engine', 'params', 'exits', 'ladder', 'objective', 'min_trades', 'books_hash'], 'spec');
  if (s.v !== SPEC_VERSION || s.kind !== 'optimize') throw new Error(`spec: version ${String(s.v)} kind ${String(s.kind)}, this worker reads ${SPEC_VERSION} optimize`);
  checkNamedRun(s);
  if (!Array.isArray(s.exits) || s.exits.length === 0) throw new Error('spec.exits: non-empty array');
  for (const e of s.exits) sameShape(e, defaultSimParams(), 'spec.exits[]');
  if (!Array.isArray(s.ladder) || s.ladder.length === 0) throw new Error('spec.ladder: non-empty array');
  for (const t of s.ladder) sameShape(t, defaultEngineConfig().thresholds, 'spec.ladder[]');
  if (!(OBJECTIVES as readonly unknown[]).includes(s.objective)) throw new Error(`spec.objective: one of ${OBJECTIVES.join(', ')}`);
  if (!isInt(s.min_trades)) throw new Error('spec.min_trades: whole number');
  if (typeof s.books_hash !== 'string' || !HEX64.test(s.books_hash)) throw new Error('spec.books_hash: sha256');
  return s as unknown as WeightsSpec;
}
