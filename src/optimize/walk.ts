// Walk-forward judgement: on every window, the search chooses weights and thresholds on the training sessions
// only (and the seed weights get the same threshold choice, and a regime run its per-bucket sets); each choice
// then trades the following test sessions. The test windows tile, so their P&L stitches into one OOS series.
import type { SimResult, Trade } from '../simulate/types.ts';
import { windowDates, type WalkForwardWindow } from '../sweep/walk-forward.ts';
import { makeBook } from './book.ts';
import { evaluateWeights, exitRecord, pickOf, scanOne, type EvalContext } from './evaluate.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import type { TradePlan } from '../simulate/types.ts';
import { r6, seriesFigures, Stitch } from './oos.ts';
import { RandomEntryNull } from './random-entry.ts';
import type { Bars } from '../data/types.ts';
import { chooseRegime, testRegime } from './regime-choice.ts';
import type { RegimeSpec } from './regime.ts';
import { searchSteps, projectSeed, type SearchOptions } from './search.ts';
import type { WeightSpace } from './simplex.ts';
import type { WindowResult } from './types.ts';
import { weightsRecord } from './weights-record.ts';
import type { Steps } from './batch.ts';

export interface WalkSetup {
  /** one dual plan per exit combination (ctx.exits order) */
  duals: TradePlan[];
  bars: Bars;
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
  /** the shared random-entry benchmark's draws, stitched over the test windows */
  random: RandomEntryNull;
}

/** Batches of weight sets for the driver (batch.ts): each window's search, in window order. */
export function* walkForward(setup: WalkSetup, windows: WalkForwardWindow[]): Steps<WalkOutcome> {
  const D = setup.randomDraws;
  const acc: WalkOutcome = {
    windows: [],
    learned: new Stitch(),
    seed: new Stitch(),
    regime: setup.regime ? new Stitch() : null,
    random: new RandomEntryNull(D, setup.search.seed),
  };
  for (const w of windows) {
    acc.windows.push(yield* oneWindow(setup, w, acc));
    setup.onWindow?.(acc.windows.length);
  }
  return acc;
}

type Sim = { dailyPnlCents: Float64Array; trades: Trade[] };

/** Choose on the window's training sessions, trade the choice (and the seed weights' choice) on its test sessions. */
function* oneWindow(setup: WalkSetup, w: WalkForwardWindow, acc: WalkOutcome): Steps<WindowResult> {
  const { duals, matrix, ctx, space, search } = setup;
  const capital = ctx.capital;
  const train = duals.map((d) => makeBook(d, matrix, w.trainStart, w.trainEnd));
  const test = duals.map((d) => makeBook(d, matrix, w.testStart, w.testEnd));
  const choice = yield* searchSteps(train, ctx, space, setup.seedWeights, { ...search, seed: search.seed + 7919 * (w.index + 1) });
  const T = w.testEnd - w.testStart;
  const flat: Sim = { dailyPnlCents: new Float64Array(T), trades: [] };
  const sim = choice ? scanOne(test, ctx, choice.weights, choice, true) : flat;
  acc.learned.add(sim.dailyPnlCents, sim.trades);
  const seedW = projectSeed(space, setup.seedWeights);
  const seedEval = evaluateWeights(train, ctx, seedW);
  const seedPick = seedEval.best >= 0 ? pickOf(ctx, seedEval.best) : null;
  const seedSim = seedPick ? scanOne(test, ctx, seedW, seedPick, true) : flat;
  acc.seed.add(seedSim.dailyPnlCents, seedSim.trades);
  let regimeFig = null;
  if (setup.regime && acc.regime) {
    let r: { daily: ArrayLike<number>; trades: Trade[] } = { daily: flat.dailyPnlCents, trades: [] };
    if (choice) {
      const rc = chooseRegime(train, choice.exit, ctx, choice.weights, setup.regime.spec, setup.regime.values, setup.regime.buckets);
      r = testRegime(test, choice.exit, ctx, choice.weights, rc, setup.regime.values, ctx.ladder.indexOf(choice.thresholds));
    }
    acc.regime.add(r.daily, r.trades);
    regimeFig = seriesFigures(r.daily, r.trades.map((t) => t.pnlCents), capital);
  }
  if (setup.randomDraws > 0) {
    if (choice) acc.random.addWindow(setup.bars, test[choice.exit]!.plan, { ...ctx.exits[choice.exit]!, thresholds: choice.thresholds }, sim as SimResult);
    else acc.random.addFlat(T);
  }
  return {
    index: w.index,
    ...windowDates(w),
    weights: choice ? weightsRecord(choice.weights) : null,
    thresholds: choice ? choice.thresholds : null,
    exits: choice ? exitRecord(ctx.exits[choice.exit]!) : null,
    weight_sets: choice?.weightSets ?? 0,
    stopped_early: choice?.stoppedEarly ?? false,
    train_objective: choice ? r6(choice.objective) : null,
    test: seriesFigures(sim.dailyPnlCents, sim.trades.map((t) => t.pnlCents), capital),
    seed_thresholds: seedPick?.thresholds ?? null,
    seed_exits: seedPick ? exitRecord(ctx.exits[seedPick.exit]!) : null,
    seed_test: seriesFigures(seedSim.dailyPnlCents, seedSim.trades.map((t) => t.pnlCents), capital),
    regime_test: regimeFig,
  };
}
