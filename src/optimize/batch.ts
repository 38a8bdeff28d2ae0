// The optimiser asks for weight sets in batches (the seed and the Dirichlet samples, then each CMA-ES generation)
// and reads their evaluations before asking for the next. The search is written as a generator of batches so the
// same code runs in process (runLocal: evaluateWeights here) or on a fleet (runWith: `mia optimize --redis`), and
// the numbers it reads, so its choices and the result, are the same either way.
import { evaluateWeights, type EvalContext, type WeightEval } from './evaluate.ts';
import type { Book } from './book.ts';

/** Weight sets to evaluate on these books with this context, in order. */
export interface EvalBatch {
  books: Book[];
  ctx: EvalContext;
  weights: Float64Array[];
}

export type Steps<T> = Generator<EvalBatch, T, WeightEval[]>;
export type BatchEvaluator = (b: EvalBatch) => Promise<WeightEval[]>;

export function evaluateLocally(b: EvalBatch): WeightEval[] {
  return b.weights.map((w) => evaluateWeights(b.books, b.ctx, w));
}

/** Drive the steps with evaluateWeights in this process. */
export function runLocal<T>(g: Steps<T>): T {
  let r = g.next(undefined as unknown as WeightEval[]);
  while (!r.done) r = g.next(evaluateLocally(r.value));
  return r.value;
}

/** Drive the steps with another evaluator (it must return what evaluateLocally would, in order). */
export async function runWith<T>(g: Steps<T>, evaluate: BatchEvaluator): Promise<T> {
  let r = g.next(undefined as unknown as WeightEval[]);
  while (!r.done) r = g.next(await evaluate(r.value));
  return r.value;
}
