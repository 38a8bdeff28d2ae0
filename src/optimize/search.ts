// The seeded weight search on one training book: the seed weights, then random Dirichlet samples on the
// simplex, then CMA-ES from the best sample, until the trial budget is spent or `patience` generations pass
// without improvement. Every weight set is scored with every (exit, ladder set) (evaluate.ts); the best trial by
// the recommender's rule wins.
import { CmaEs } from './cmaes.ts';
import { dirichlet, Rng } from './rng.ts';
import { fromShares, toLogits, toWeights, type WeightSpace } from './simplex.ts';
import { pickOf, type EvalContext, type Pick, type WeightEval } from './evaluate.ts';
import type { Book } from './book.ts';
import { roundedWeights } from './weights-record.ts';
import { compareTrials } from '../sweep/objective.ts';
import { runLocal, type EvalBatch, type Steps } from './batch.ts';

export interface SearchOptions {
  /** weight sets to try (the seed weights included) */
  budget: number;
  /** CMA-ES generations without improvement before stopping */
  patience: number;
  seed: number;
  /** share of the budget spent on Dirichlet samples before CMA-ES (at least one generation is left) */
  randomShare: number;
}

export interface TrainingChoice extends Pick {
  weights: Float64Array;
  /** the objective on the training book */
  objective: number;
  /** weight sets evaluated, and trials = weight sets × exit combinations × ladder sets */
  weightSets: number;
  trials: number;
  stoppedEarly: boolean;
}

export interface SearchTrace {
  /** every weight set tried, in order, and its evaluation */
  weights: Float64Array[];
  evals: WeightEval[];
}

/**
 * The one place the optimiser chooses on training data, by the recommender's rule (src/sweep/recommend.ts): the
 * highest objective among trials with at least minTrades trades and no ruin (evaluateWeights); ties go to higher
 * net P&L, then to the earlier trial (weight sets in the order tried, then exit combinations, then gates), the
 * same compareTrials the sweep ranks with. Returns null when no weight set has an eligible (exit, gate).
 */
export function chooseOnTraining(books: Book[], ctx: EvalContext, space: WeightSpace, seedWeights: Float64Array, o: SearchOptions, trace?: SearchTrace): TrainingChoice | null {
  return runLocal(searchSteps(books, ctx, space, seedWeights, o, trace));
}

/** chooseOnTraining as batches of weight sets (batch.ts): the seed with the Dirichlet samples, then each CMA-ES generation. */
export function* searchSteps(books: Book[], ctx: EvalContext, space: WeightSpace, seedWeights: Float64Array, o: SearchOptions, trace?: SearchTrace): Steps<TrainingChoice | null> {
  const rng = new Rng(o.seed);
  let best: { w: Float64Array; e: WeightEval } | null = null;
  let tried = 0;
  // weights are rounded to 6 decimals before they are scored, so the printed weights are exactly the ones judged;
  // a batch's evaluations are read in order, as if each set had been tried one after the other
  const tryBatch = function* (raws: Float64Array[]): Generator<EvalBatch, number[], WeightEval[]> {
    const ws = raws.map((raw) => roundedWeights(raw));
    const evals = yield { books, ctx, weights: ws };
    return ws.map((w, i) => {
      const e = evals[i]!;
      tried++;
      if (trace) {
        trace.weights.push(w);
        trace.evals.push(e);
      }
      // trial order: an earlier weight set's trials come before this one's, so a tie on objective and net keeps best
      if (e.best >= 0 && (best === null || compareTrials(e.value, e.net, 1, best.e.value, best.e.net, 0) < 0)) best = { w, e };
      return e.value;
    });
  };
  const alpha = new Array<number>(space.free.length).fill(1);
  const cma = new CmaEs({ mean: new Float64Array(space.free.length), sigma: 1, seed: o.seed ^ 0x5bd1e995, lambda: lambdaFor(space.free.length) });
  const nRandom = Math.max(1, Math.min(o.budget - 1 - cma.lambda, Math.round(o.budget * o.randomShare)));
  // the samples do not depend on any evaluation: they travel in one batch with the seed weights
  const first = [projectSeed(space, seedWeights)];
  for (let i = 0; i < nRandom && 1 + i < o.budget; i++) first.push(fromShares(space, dirichlet(rng, alpha)));
  yield* tryBatch(first);
  let stoppedEarly = false;
  if (best !== null) cma.mean = toLogits(space, (best as { w: Float64Array }).w);
  let stale = 0;
  while (tried + cma.lambda <= o.budget) {
    const before = best === null ? NaN : (best as { e: WeightEval }).e.value;
    const zs = cma.ask();
    const values = yield* tryBatch(zs.map((z) => toWeights(space, z)));
    cma.tell(zs, values.map((v) => -v));
    const after = best === null ? NaN : (best as { e: WeightEval }).e.value;
    stale = after > before || (Number.isNaN(before) && !Number.isNaN(after)) ? 0 : stale + 1;
    if (stale >= o.patience) {
      stoppedEarly = true;
      break;
    }
  }
  if (best === null) return null;
  const b = best as { w: Float64Array; e: WeightEval };
  return { weights: b.w, ...pickOf(ctx, b.e.best), objective: b.e.value, weightSets: tried, trials: tried * ctx.ladder.length * ctx.exits.length, stoppedEarly };
}

function lambdaFor(d: number): number {
  return 4 + Math.floor(3 * Math.log(Math.max(d, 1)));
}

/** The seed weights moved into the search space (pins and bounds applied): the search's first trial. */
export function projectSeed(space: WeightSpace, seed: Float64Array): Float64Array {
  let s = 0;
  for (const k of space.free) s += seed[k]!;
  return fromShares(space, space.free.map((k) => (s > 0 ? seed[k]! / s : 1 / space.free.length)));
}
