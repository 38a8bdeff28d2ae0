// Worker side of `mia optimize --redis`: what a weight set is evaluated on, built once per (inputs, engine, exits)
// from the named files — the feature matrix (one replay) and one dual plan per exit combination, checked against
// the coordinator's hash — and the books of each window of sessions, built once per window. A job then costs
// rescore + re-select + the gate-ladder scans per weight set: evaluateWeights, the optimiser's own function.
import { replay } from '../engine/replay.ts';
import { matrixFromReplay, type FeatureMatrix } from '../optimize/feature-matrix.ts';
import { dualPlan } from '../optimize/side-plans.ts';
import { makeBook, type Book } from '../optimize/book.ts';
import { evaluateWeights, type EvalContext } from '../optimize/evaluate.ts';
import type { TradePlan } from '../simulate/types.ts';
import { blockBounds } from '../sweep/pbo.ts';
import { rowWidth } from '../sweep/trial.ts';
import { sha256 } from '../util/hash.ts';
import { FleetDataError, loadNamed } from './prepare.ts';
import { booksHash, resultWidth, type WeightsJob, type WeightsSpec } from './weights-schema.ts';

const PREPARED_SIZE = 2;
const WINDOWS_SIZE = 16;

interface Prepared {
  matrix: FeatureMatrix;
  duals: TradePlan[];
}

export class BooksCache {
  private readonly prepared = new Map<string, Prepared>();
  private readonly windows = new Map<string, Book[]>();
  misses = 0;

  constructor(private readonly dataRoot: string | null) {}

  /** The books of sessions [from, to) of a run, replaying only when its (inputs, engine, exits) were not seen last. */
  books(spec: WeightsSpec, run: string, from: number, to: number): Book[] {
    const wk = `${run}:${from}:${to}`;
    let books = this.windows.get(wk);
    if (books) return books;
    const p = this.prepare(spec);
    const T = p.duals[0]!.sessionDates.length;
    if (to > T) throw new FleetDataError(`run ${run.slice(0, 12)}: sessions ${from}..${to} outside the ${T} sessions of the inputs`);
    books = p.duals.map((d) => makeBook(d, p.matrix, from, to));
    if (this.windows.size >= WINDOWS_SIZE) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(wk, books);
    return books;
  }

  private prepare(spec: WeightsSpec): Prepared {
    const key = sha256(JSON.stringify([spec.bars, spec.context, spec.from, spec.to, spec.engine, spec.exits]));
    let p = this.prepared.get(key);
    if (p) return p;
    this.misses++;
    const { bars, context } = loadNamed(spec, this.dataRoot);
    const matrix = matrixFromReplay(replay(bars, context, spec.engine));
    const duals = spec.exits.map((e) => dualPlan(bars, matrix, e));
    const got = booksHash(matrix, duals);
    if (got !== spec.books_hash) {
      throw new FleetDataError(`plan mismatch: this worker's feature matrix and dual plans of ${spec.bars.path} hash to ${got.slice(0, 12)}, the coordinator's to ${spec.books_hash.slice(0, 12)} (different mia version?)`);
    }
    p = { matrix, duals };
    if (this.prepared.size >= PREPARED_SIZE) this.prepared.delete(this.prepared.keys().next().value as string);
    this.prepared.set(key, p);
    return p;
  }
}

/** The context evaluateWeights reads, as the coordinator built it (run-optimize.ts prepareOptimize) for this window. */
export function evalContext(spec: WeightsSpec, job: Pick<WeightsJob, 'from' | 'to' | 'blocks'>): EvalContext {
  return {
    exits: spec.exits,
    capital: spec.params.startingCapital,
    multipliers: spec.params.multipliers,
    deadBand: spec.engine.directionDeadBand,
    ladder: spec.ladder,
    objective: spec.objective,
    minTrades: spec.min_trades,
    blockBounds: job.blocks > 0 ? blockBounds(job.to - job.from, job.blocks) : null,
  };
}

/** Weight sets [s, e) of a job evaluated into `out` at their slots: best, objective, net, then the trial rows. */
export function evaluateInto(spec: WeightsSpec, books: Book[], ctx: EvalContext, weights: number[], s: number, e: number, out: Float64Array): void {
  const rw = resultWidth(spec, rowWidth(ctx.blockBounds ? ctx.blockBounds.length - 1 : 0));
  for (let i = s; i < e; i++) {
    const r = evaluateWeights(books, ctx, Float64Array.from(weights.slice(i * 10, i * 10 + 10)));
    out[i * rw] = r.best;
    out[i * rw + 1] = r.value;
    out[i * rw + 2] = r.net;
    out.set(r.rows, i * rw + 3);
  }
}
