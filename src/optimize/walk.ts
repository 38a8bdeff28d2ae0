// Walk-forward judgement: on every window, the search chooses weights and thresholds on the training sessions
// only (and the seed weights get the same threshold choice, and a regime run its per-bucket sets); each choice
// then trades the following test sessions. The test windows tile, so their P&L stitches into one OOS series.
import type { Thresholds } from '../engine/types.ts';
import type { Trade } from '../simulate/types.ts';
import { isoDate } from '../sweep/period.ts';
import type { WalkForwardWindow } from '../sweep/walk-forward.ts';
import { makeBook } from './book.ts';
import { evaluateWeights, scanOne, type EvalContext } from './evaluate.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import type { TradePlan } from '../simulate/types.ts';
import { r6, seriesFigures, Stitch } from './oos.ts';
import { randomEntryDraws } from './random-entry.ts';
import { chooseRegime, testRegime } from './regime-choice.ts';
import type { RegimeSpec } from './regime.ts';
import { Rng } from './rng.ts';
import { chooseOnTraining, projectSeed, type SearchOptions } from './search.ts';
import type { WeightSpace } from './simplex.ts';
import type { WindowResult } from './types.ts';
import { weightsRecord } from './weights-record.ts';

export interface WalkSetup {
  dual: TradePlan;
  matrix: FeatureMatrix;
  ctx: EvalContext;
  space: WeightSpace;
  seedWeights: Float64Array;
  search: SearchOptions;
  regime: { spec: RegimeSpec; values: Float64Array; buckets: number } | null;
  randomDraws: number;
  onWindow?: (k: number) => void;
}

export interface WalkOutcome {
  windows: WindowResult[];
  learned: Stitch;
  seed: Stitch;
  regime: Stitch | null;
  /** random-entry draws: stitched net (cents) and daily series */
  randomNet: Float64Array;
  randomDaily: number[][];
}

export function walkForward(setup: WalkSetup, windows: WalkForwardWindow[]): WalkOutcome {
  const { dual, matrix, ctx, space, search } = setup;
  const capital = ctx.params.startingCapital;
  const learned = new Stitch();
  const seed = new Stitch();
  const regime = setup.regime ? new Stitch() : null;
  const D = setup.randomDraws;
  const randomNet = new Float64Array(D);
  const randomDaily: number[][] = Array.from({ length: D }, () => []);
  const rng = new Rng(search.seed ^ 0x2545f491);
  const seedW = projectSeed(space, setup.seedWeights);
  const out: WindowResult[] = [];
  for (const w of windows) {
    const train = makeBook(dual, matrix, w.trainStart, w.trainEnd);
    const test = makeBook(dual, matrix, w.testStart, w.testEnd);
    const trainCtx = { ...ctx, blockBounds: null };
    const choice = chooseOnTraining(train, trainCtx, space, setup.seedWeights, { ...search, seed: search.seed + 7919 * (w.index + 1) });
    const T = w.testEnd - w.testStart;
    const flat = new Float64Array(T);
    let sim: { dailyPnlCents: Float64Array; trades: Trade[] } = { dailyPnlCents: flat, trades: [] };
    if (choice) sim = scanOne(test, ctx, choice.weights, choice.thresholds, true);
    learned.add(sim.dailyPnlCents, sim.trades);
    const seedEval = evaluateWeights(train, trainCtx, seedW);
    const seedT: Thresholds | null = seedEval.best >= 0 ? ctx.ladder[seedEval.best]! : null;
    const seedSim = seedT ? scanOne(test, ctx, seedW, seedT, true) : { dailyPnlCents: flat, trades: [] };
    seed.add(seedSim.dailyPnlCents, seedSim.trades);
    let regimeFig = null;
    if (setup.regime && regime) {
      if (choice) {
        const fallback = ctx.ladder.indexOf(choice.thresholds);
        const rc = chooseRegime(train, trainCtx, choice.weights, setup.regime.spec, setup.regime.values, setup.regime.buckets);
        const r = testRegime(test, ctx, choice.weights, rc, setup.regime.values, fallback);
        regime.add(r.daily, r.trades);
        regimeFig = seriesFigures(r.daily, r.trades.map((t) => t.pnlCents), capital);
      } else {
        regime.add(flat, []);
        regimeFig = seriesFigures(flat, [], capital);
      }
    }
    if (D > 0) {
      if (choice) randomEntryDraws(test, ctx, choice.thresholds, sim.trades, D, rng, randomNet, randomDaily);
      else for (const d of randomDaily) for (let s = 0; s < T; s++) d.push(0);
    }
    out.push({
      index: w.index,
      train_from: isoDate(w.trainFrom),
      train_to: isoDate(w.trainTo),
      test_from: isoDate(w.testFrom),
      test_to: isoDate(w.testTo),
      weights: choice ? weightsRecord(choice.weights) : null,
      thresholds: choice ? choice.thresholds : null,
      weight_sets: choice?.weightSets ?? 0,
      stopped_early: choice?.stoppedEarly ?? false,
      train_objective: choice ? r6(choice.objective) : null,
      test: seriesFigures(sim.dailyPnlCents, sim.trades.map((t) => t.pnlCents), capital),
      seed_thresholds: seedT,
      seed_test: seriesFigures(seedSim.dailyPnlCents, seedSim.trades.map((t) => t.pnlCents), capital),
      regime_test: regimeFig,
    });
    setup.onWindow?.(out.length);
  }
  return { windows: out, learned, seed, regime, randomNet, randomDaily };
}
