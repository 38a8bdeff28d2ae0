// `mia optimize` as a function: feature matrix (cached) → both-side exits (one simulator) → the seeded search on
// the whole span (the recommendation, with DSR and PBO over every trial tried) → walk-forward re-choice on
// training windows tested out of sample (vs the seed weights and the shared random-entry benchmark) → regime thresholds.
import { FEATURE_NAMES, type Thresholds } from '../engine/types.ts';
import { execParamsRecord } from '../simulate/params-record.ts';
import type { SimParams, TradePlan } from '../simulate/types.ts';
import { blockBounds, chooseBlocks } from '../sweep/pbo.ts';
import { walkForwardWindows, type WalkForwardWindow } from '../sweep/walk-forward.ts';
import { MiaError } from '../util/errors.ts';
import { manifest } from '../util/manifest.ts';
import type { Progress } from '../util/progress.ts';
import { makeBook, type Book } from './book.ts';
import { evaluateWeights, exitRecord, pickOf, scanOne, type EvalContext, type Pick } from './evaluate.ts';
import { loadOrBuildMatrix, type MatrixLoad } from './feature-matrix.ts';
import { seriesFigures, type SeriesFigures } from './oos.ts';
import { dsrOf, pboOf, trialMatrix, trialSharpes, type DsrFigures, type PboFigures, type TrialMatrix } from './overfitting.ts';
import { regimeResult } from './regime-result.ts';
import { bucketCount, regimeValues, type RegimeSpec } from './regime.ts';
import { runLocal, runWith, type BatchEvaluator, type Steps } from './batch.ts';
import { searchSteps, projectSeed, type SearchTrace, type TrainingChoice } from './search.ts';
import { scoreShares } from './shares.ts';
import { dualPlan } from './side-plans.ts';
import { judge } from './judge.ts';
import type { OptimizeInput, OptimizeResult } from './types.ts';
import { walkForward, type WalkOutcome } from './walk.ts';
import { weightsRecord } from './weights-record.ts';

const SILENT: Progress = { update() {}, stop() {} };

export const OPTIMIZE_NOTES = [
  'features replayed once per (inputs sha256, window, engine version, session, tick) and cached as Arrow; weight sets are rescored linearly (bit-identical to the replay)',
  'exits precomputed for both sides of every fed bar by planTrades; every weight set is scanned by the backtest\'s scanPlan',
  'for each weight set every (exit combination, gate) pair is scanned: --exits (default the run\'s --stop/--target/--time-stop/--daily-loss-limit), and the gate ladder (GOOD/STRONG/PREMIUM keep the seed spacing above the gate)',
  'trials = weight sets tried × exit combinations × ladder sets; DSR and PBO count the distinct trials (identical per-session P&L counted once, as in mia sweep); walk-forward re-runs the search on each training window',
  'random entry: the shared benchmark (src/risk/random-entry.ts) on every test window with its choice, draws stitched like the OOS (seeded by --seed)',
];

export function runOptimize(input: OptimizeInput): OptimizeResult {
  return runLocal(optimizeSteps(input, prepareOptimize(input)));
}

/** runOptimize with the search's weight sets evaluated by `evaluate` (a fleet): the same result. */
export function runOptimizeWith(input: OptimizeInput, prepared: Prepared, evaluate: BatchEvaluator): Promise<OptimizeResult> {
  return runWith(optimizeSteps(input, prepared), evaluate);
}

/** What the search reads and does not depend on the weights: the matrix, one dual plan per exit, the windows. */
export interface Prepared {
  load: MatrixLoad;
  /** one dual plan per exit combination (ctx.exits order) */
  duals: TradePlan[];
  ctx: EvalContext;
  windows: WalkForwardWindow[];
  regimeSetup: { spec: RegimeSpec; values: Float64Array; buckets: number } | null;
}

/** Everything that can reject the input is checked here, before the search runs. */
export function prepareOptimize(input: OptimizeInput): Prepared {
  const { bars, params, engineConfig } = input;
  if (!Number.isInteger(input.minTrades) || input.minTrades < 0) throw new MiaError(`--min-trades ${input.minTrades}: must be a whole number >= 0`);
  const mk = input.progress ?? (() => SILENT);
  const p0 = mk('features', bars.n);
  const load = input.matrix ?? loadOrBuildMatrix({ sources: input.sources, from: input.from, to: input.to, bars, config: engineConfig }, input.context, input.cacheDir, (d) => p0.update(d));
  p0.stop();
  const exits = input.exits.length ? input.exits : [params];
  const duals = exits.map((p) => dualPlan(bars, load.matrix, p));
  const dates = duals[0]!.sessionDates;
  if (dates.length === 0) throw new MiaError('optimize: no session in the input has bars inside the session filter');
  const windows = input.walkForward ? walkForwardWindows(dates, input.walkForward.train, input.walkForward.test, input.walkForward.anchored) : [];
  if (input.walkForward && windows.length === 0) throw new MiaError(`--walk-forward ${input.walkForward.spec}: no complete train/test window fits the data`);
  const regimeSetup = input.regime ? { spec: input.regime, values: regimeValues(input.regime, bars, input.context, dates, params.session === 'rth'), buckets: bucketCount(input.regime) } : null;
  const ctx: EvalContext = { exits, capital: params.startingCapital, multipliers: params.multipliers, deadBand: engineConfig.directionDeadBand, ladder: input.ladder, objective: input.objective, minTrades: input.minTrades, blockBounds: null };
  return { load, duals, ctx, windows, regimeSetup };
}

function* optimizeSteps(input: OptimizeInput, prep: Prepared): Steps<OptimizeResult> {
  const { load, duals, ctx, windows, regimeSetup } = prep;
  const mk = input.progress ?? (() => SILENT);
  const matrix = load.matrix;
  const T = duals[0]!.sessionDates.length;
  const seedW = Float64Array.from(FEATURE_NAMES, (n) => input.engineConfig.weights[n]);
  const full = duals.map((d) => makeBook(d, matrix, 0, T));

  const p1 = mk(`search ${input.search.budget} weight sets`, 1);
  const whole = yield* searchWholeSpan(input, full, ctx, seedW);
  p1.stop();
  let walk: WalkOutcome | null = null;
  if (input.walkForward) {
    const p2 = mk(`walk-forward ${windows.length} windows`, windows.length);
    walk = yield* walkForward({ duals, bars: input.bars, matrix, ctx, space: input.space, seedWeights: seedW, search: input.search, regime: regimeSetup, randomDraws: input.randomDraws, onWindow: (k) => p2.update(k) }, windows);
    p2.stop();
  }
  const { choice } = whole;
  const regime = regimeSetup && choice ? regimeResult(full, ctx, choice, regimeSetup, whole.sharpes, whole.trials.distinct.length, walk) : null;
  const walkJson = walk ? walkJsonOf(input, walk, input.params.startingCapital) : null;
  return resultDoc(input, { load, full, ctx, seedW, whole, walkJson, regime });
}

interface WholeSpan {
  choice: TrainingChoice | null;
  trace: SearchTrace;
  /** every trial the search tried, and which of them are distinct */
  trials: TrialMatrix;
  sharpes: Float64Array;
  dsr: DsrFigures | null;
  pbo: PboFigures | null;
}

/** The recommendation: the search on every session, with DSR and PBO over the distinct trials it tried. */
function* searchWholeSpan(input: OptimizeInput, full: Book[], ctx: EvalContext, seedW: Float64Array): Steps<WholeSpan> {
  const T = full[0]!.to - full[0]!.from;
  const S = T >= 8 ? chooseBlocks(T, Math.max(2, input.search.budget * input.ladder.length * ctx.exits.length)) : 0;
  const trace: SearchTrace = { weights: [], evals: [] };
  const choice = yield* searchSteps(full, { ...ctx, blockBounds: S > 0 ? blockBounds(T, S) : null }, input.space, seedW, input.search, trace);
  const trials = trialMatrix(trace);
  const sharpes = trialSharpes(trials);
  if (!choice) return { choice, trace, trials, sharpes, dsr: null, pbo: null };
  const chosen = scanOne(full, ctx, choice.weights, choice);
  return { choice, trace, trials, sharpes, dsr: dsrOf(chosen.dailyPnlCents, trials.distinct.length, trials.n, sharpes), pbo: pboOf(trials, T, S, input.objective) };
}

interface Parts {
  load: MatrixLoad;
  full: Book[];
  ctx: EvalContext;
  seedW: Float64Array;
  whole: WholeSpan;
  walkJson: OptimizeResult['walk_forward'];
  regime: OptimizeResult['regime'];
}

function resultDoc(input: OptimizeInput, p: Parts): OptimizeResult {
  const { params, engineConfig } = input;
  const { full, ctx, whole } = p;
  const { choice, trace } = whole;
  const G = input.ladder.length;
  const figs = (w: Float64Array, pick: Pick): SeriesFigures => {
    const r = scanOne(full, ctx, w, pick, true);
    return seriesFigures(r.dailyPnlCents, r.trades.map((x) => x.pnlCents), params.startingCapital);
  };
  const seedP = projectSeed(input.space, p.seedW);
  const seedEval = evaluateWeights(full, ctx, seedP);
  const seedPick = seedEval.best >= 0 ? pickOf(ctx, seedEval.best) : null;
  const learned = choice ? figs(choice.weights, choice) : null;
  const verdict = judge({ trials: whole.trials.distinct.length, isSharpe: learned?.sharpe ?? null, dsr: whole.dsr?.value ?? null, pbo: whole.pbo?.value ?? null, walk: p.walkJson });
  return {
    manifest: manifest('optimize', input.sources, { ...input.options, ...execParamsRecord(params), engine: { session: engineConfig.session, direction_dead_band: engineConfig.directionDeadBand, tick: engineConfig.tick, seed_weights: engineConfig.weights } }),
    command: input.command,
    objective: input.objective,
    min_trades: input.minTrades,
    search: {
      budget: input.search.budget,
      patience: input.search.patience,
      seed: input.search.seed,
      random_share: input.search.randomShare,
      gates: input.gateSpec,
      ladder_sets: G,
      exit_combinations: ctx.exits.map(exitRecord),
      weight_sets: choice?.weightSets ?? trace.weights.length,
      trials: choice?.trials ?? trace.weights.length * G * ctx.exits.length,
      distinct_trials: whole.trials.distinct.length,
      stopped_early: choice?.stoppedEarly ?? false,
      pinned: Object.fromEntries(FEATURE_NAMES.flatMap((n, k) => (Number.isNaN(input.space.pinned[k]!) ? [] : [[n, input.space.pinned[k]!]]))),
    },
    feature_matrix: { key: p.load.key, rows: p.load.matrix.n, cached: p.load.cached, path: p.load.path },
    recommended:
      choice && learned
        ? {
            weights: weightsRecord(choice.weights),
            thresholds: choice.thresholds,
            exits: exitRecord(ctx.exits[choice.exit]!),
            in_sample: learned,
            backtest_flags: backtestFlags(choice.weights, choice.thresholds, ctx.exits[choice.exit]!),
          }
        : null,
    seed: { weights: weightsRecord(seedP), thresholds: seedPick?.thresholds ?? null, exits: seedPick ? exitRecord(ctx.exits[seedPick.exit]!) : null, in_sample: seedPick ? figs(seedP, seedPick) : null },
    shares: choice ? { learned: weightsRecord(scoreShares(full[0]!.cols, choice.weights, ctx.deadBand), 4), seed: weightsRecord(scoreShares(full[0]!.cols, seedP, ctx.deadBand), 4) } : null,
    overfitting: { dsr: whole.dsr, pbo: whole.pbo },
    walk_forward: p.walkJson,
    regime: p.regime,
    verdict,
    notes: OPTIMIZE_NOTES,
  };
}

/** The flags that make `mia backtest` (with the run's --data/--context/--from/--to) trade the recommendation. */
function backtestFlags(w: Float64Array, t: Thresholds, p: SimParams): string {
  const rec = weightsRecord(w);
  const ws = FEATURE_NAMES.map((n) => `${n}=${rec[n]}`).join(',');
  return `--weights ${ws} --thresholds ${t.premium},${t.strong},${t.good},${t.weak} --stop ${p.stopTicks} --target ${p.targetTicks} --time-stop ${p.timeStopBars} --daily-loss-limit ${p.dailyLossLimit}`;
}

function walkJsonOf(input: OptimizeInput, walk: WalkOutcome, capital: number): OptimizeResult['walk_forward'] {
  const oos = walk.learned.figures(capital);
  const random = walk.random.draws > 0 ? walk.random.figures(walk.learned.daily, capital) : null;
  return { spec: input.walkForward!.spec, anchored: input.walkForward!.anchored, windows: walk.windows, oos, seed_oos: walk.seed.figures(capital), random_entry: random };
}
