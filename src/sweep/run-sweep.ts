// `mia sweep` as a function: replay once, plan once per exit combination, scan every threshold set on each plan
// (in parallel when worth it), rank by the objective, validate out of sample (train/test or walk-forward) and
// measure overfitting (DSR, PBO over distinct trials). The JSON document it returns is what `mia sweep --json` prints.
//
// Reading order: runSweepDetailed → sweepWindows → runTrials (trial-space.ts) → rankTrials → topRows →
// overfitting (dsrOf, pboOf) → walkForward (walk-forward-run.ts) → the result document.
import type { Thresholds } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { execParamsRecord } from '../simulate/params-record.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import { buildResult, type BacktestInput, type BacktestResult } from '../simulate/run-backtest.ts';
import type { ExitCombo, RunInput, Signals, TradePlan } from '../simulate/types.ts';
import { MiaError } from '../util/errors.ts';
import { manifest, type Manifest } from '../util/manifest.ts';
import type { Progress } from '../util/progress.ts';
import { buildGrid, setAt, setKey, type ThresholdSets, type TierKey } from './grid.ts';
import { defaultGridSpecs } from './default-grid.ts';
import { rankTrials, type Objective } from './objective.ts';
import { isoDate, type Period } from './period.ts';
import { planWindow, sessionRange } from './plan-window.ts';
import { chooseBlocks } from './pbo.ts';
import { setFigures, type SetFigures } from './set-figures.ts';
import { rowWidth } from './trial.ts';
import type { TrialRows } from './trial-runner.ts';
import type { TrialJob } from './trial-batch.ts';
import { verdict, type Verdict } from './verdict.ts';
import { nextTrainingWindow, walkForwardWindows, type Span, type WalkForwardWindow } from './walk-forward.ts';
import { exitOf, plansFor } from './exit-space.ts';
import { runTrials, trialAt, trialCount, type TrialSpace } from './trial-space.ts';
import { distinctTrials, dsrOf, pboOf, type DsrFigures, type PboFigures } from './overfitting.ts';
import { walkForward, type StitchedSummary, type WalkForwardWindowResult } from './walk-forward-run.ts';
import { heatmapData, type HeatmapData } from './heatmap-data.ts';
import { scoreDistribution, type ScoreDistribution } from './score-distribution.ts';

export type { StitchedSummary, WalkForwardWindowResult };

export interface SweepInput extends RunInput {
  /** the threshold sets; absent = the default grid (src/sweep/default-grid.ts) with `gridOverrides` applied */
  sets?: ThresholdSets | null;
  /** tiers whose default-grid axis is replaced (range specs), when `sets` is absent */
  gridOverrides?: Partial<Record<TierKey, string>>;
  /** exit combinations to cross with the sets (default: the exits of `params` alone) */
  exits?: ExitCombo[];
  /** how the sets were given (grid specs, file and its hash, preset name): recorded in the manifest */
  setsSource?: Record<string, unknown>;
  objective: Objective;
  minTrades: number;
  top: number;
  train?: Period | null;
  test?: Period | null;
  walkForward?: { spec: string; train: Span; test: Span; anchored: boolean } | null;
  /** worker threads (default: cores); results do not depend on it */
  workers?: number;
  forceParallel?: boolean;
  /** another runner for the trials (the Redis fleet); default: TrialRunner (serial or threads). Rows are the same. */
  runner?: (job: TrialJob) => Promise<TrialRows>;
  /** scores already replayed (an EngineOutput from replay(), or any Signals: bench, tests) */
  signals?: Signals;
  progress?: (label: string, total: number) => Progress;
}

export interface TopRow {
  rank: number;
  /** trial index (exit combination × sets.n + set) */
  index: number;
  label: string | null;
  thresholds: Thresholds;
  exits: ExitCombo;
  sample: SetFigures;
  /** the same trial on the test window (train/test mode) */
  test: SetFigures | null;
}

export interface SweepResult {
  manifest: Manifest;
  mode: 'in-sample' | 'train-test' | 'walk-forward';
  objective: Objective;
  min_trades: number;
  /** threshold sets × exit combinations */
  trials: number;
  threshold_sets: number;
  exit_combinations: number;
  /** trials with distinct per-session P&L on the selection window: the N of DSR and PBO */
  distinct_trials: number;
  eligible_trials: number;
  /** the window the trials were ranked on */
  selection: { from: string | null; to: string | null; sessions: number };
  test: { from: string | null; to: string | null; sessions: number } | null;
  score_distribution: ScoreDistribution;
  top: TopRow[];
  /** the best trial in the grid by the objective (a ranking, not a recommendation: see `mia calibrate`) */
  chosen: TopRow | null;
  overfitting: { dsr: DsrFigures | null; pbo: PboFigures | null; pbo_note: string | null; verdict: Verdict };
  walk_forward: ({ spec: string; anchored: boolean } & ReturnType<typeof walkForward>) | null;
  heatmap: HeatmapData;
  notes: string[];
}

/** The ledger: one row per trial over the selection window (rowWidth(blocks) numbers per trial). */
export interface SweepLedger {
  sets: ThresholdSets;
  exits: ExitCombo[];
  rows: Float64Array;
  width: number;
  objective: Objective;
  minTrades: number;
  /** rank (1 = best) per trial, 0 = not eligible */
  rank: Int32Array;
}

export interface SweepRun {
  result: SweepResult;
  ledger: SweepLedger;
  /** the trade plan of exit combination 0 (every combination's is in space.plans) */
  plan: TradePlan;
  space: TrialSpace;
  base: BacktestInput;
}

/**
 * The full backtest document of trial `index` over the whole input, built by the backtest's own buildResult from
 * the sweep's plan: what `mia backtest --thresholds <that set> --stop .. --target ..` prints.
 */
export function backtestForSet(run: SweepRun, index: number): BacktestResult {
  const t = trialAt(run.space, index);
  return buildResult({ ...run.base, params: t.params }, t.plan, scanPlan(t.plan, t.thresholds, t.params.multipliers, t.params));
}

const SILENT: Progress = { update() {}, stop() {} };

export const SWEEP_NOTES = [
  'score replayed once over the whole input; one trade plan per exit combination; every trial is a scan of its plan by the backtest simulator (scanPlan)',
  'windows (train, test, walk-forward) are session ranges of that one plan: indicators are warm at every window start',
  'ledger max drawdown is on end-of-session equity; the top table uses the backtest\'s closed-trade drawdown',
  'DSR: per-session Sharpe of the chosen trial against the expected maximum of N distinct trials (identical per-session P&L counted once) with the variance of their Sharpe ratios (trials without a defined Sharpe count as 0)',
  'PBO: CSCV over the per-session P&L of the distinct trials on the selection window; metric Sharpe for sharpe/sortino objectives, mean P&L otherwise',
];

export async function runSweep(input: SweepInput): Promise<SweepResult> {
  return (await runSweepDetailed(input)).result;
}

function validate(input: SweepInput): void {
  if (!Number.isInteger(input.minTrades) || input.minTrades < 0) throw new MiaError(`--min-trades ${input.minTrades}: must be a whole number >= 0`);
  if (!Number.isInteger(input.top) || input.top < 1) throw new MiaError(`--top ${input.top}: must be a whole number >= 1`);
  if (input.walkForward && (input.train || input.test)) throw new MiaError('--walk-forward cannot be combined with --train/--test');
  if (Boolean(input.train) !== Boolean(input.test)) throw new MiaError('--train and --test go together');
  if (input.exits && input.exits.length === 0) throw new MiaError('sweep: no exit combination');
}

interface Windows {
  sel: { from: number; to: number };
  test: { from: number; to: number } | null;
  walk: WalkForwardWindow[];
  /** walk-forward: the training window of the period after the data */
  next: { trainStart: number; trainEnd: number } | null;
}

/** Selection (and test) session ranges, and the walk-forward windows, checked against the data. */
function sweepWindows(plan: TradePlan, input: SweepInput): Windows {
  const T = plan.sessionDates.length;
  if (T === 0) throw new MiaError('sweep: no session in the input has bars inside the session filter');
  let sel = { from: 0, to: T };
  let test: { from: number; to: number } | null = null;
  if (input.train && input.test) {
    sel = sessionRange(plan, input.train.from, input.train.to);
    test = sessionRange(plan, input.test.from, input.test.to);
    if (sel.to <= sel.from) throw new MiaError(`--train ${input.train.text}: no session of the input falls in it`);
    if (test.to <= test.from) throw new MiaError(`--test ${input.test.text}: no session of the input falls in it`);
    if (input.test.from <= input.train.to && input.train.from <= input.test.to) throw new MiaError(`--train ${input.train.text} and --test ${input.test.text} overlap: the test must be out of sample`);
  }
  const wf = input.walkForward;
  const walk = wf ? walkForwardWindows(plan.sessionDates, wf.train, wf.test, wf.anchored) : [];
  if (wf && walk.length === 0) throw new MiaError(`--walk-forward ${wf.spec}: no complete train/test window fits the data`);
  return { sel, test, walk, next: wf ? nextTrainingWindow(plan.sessionDates, wf.train, wf.anchored) : null };
}

export async function runSweepDetailed(input: SweepInput): Promise<SweepRun> {
  validate(input);
  const { bars, params, objective, minTrades } = input;
  const mkProgress = input.progress ?? (() => SILENT);
  const signals = input.signals ?? replayWithProgress(input, mkProgress);
  const exits = input.exits ?? [exitOf(params)];
  const plans = plansFor(bars, signals, params, exits);
  const plan = plans[0] as TradePlan;
  const { sets, setsSource } = resolveSets(input, plan);
  const space: TrialSpace = { sets, exits, plans, params };
  const w = sweepWindows(plan, input);
  const N = trialCount(space);
  const selT = w.sel.to - w.sel.from;
  const pboNote = N < 2 ? 'PBO needs at least 2 trials' : selT < 4 ? `PBO needs at least 4 sessions in the selection window, got ${selT}` : null;
  const S = pboNote ? 0 : chooseBlocks(selT, N);
  const views = [{ from: w.sel.from, to: w.sel.to, blocks: S }, ...w.walk.map((x) => ({ from: x.trainStart, to: x.trainEnd, blocks: 0 }))];
  if (w.next) views.push({ from: w.next.trainStart, to: w.next.trainEnd, blocks: 0 });
  const p = mkProgress(`sweep ${N} trials`, N * views.length);
  const runnerOpts = { ...(input.workers === undefined ? {} : { workers: input.workers }), forceParallel: input.forceParallel ?? false, ...(input.runner ? { factory: input.runner } : {}) };
  const [rows, ...wfRows] = await runTrials(space, views, runnerOpts, p);
  p.stop();
  const width = rowWidth(S);
  const ranked = rankTrials(rows as Float64Array, width, N, objective, minTrades);
  const rank = new Int32Array(N);
  ranked.forEach((i, r) => (rank[i] = r + 1));
  const base: BacktestInput = { bars, context: input.context, sources: input.sources, from: input.from, to: input.to, engineConfig: input.engineConfig, params };
  const top = topRows(space, base, ranked.slice(0, input.top), w, objective);
  const ledger: SweepLedger = { sets, exits, rows: rows as Float64Array, width, objective, minTrades, rank };
  const result = resultDocument({ ...input, sets, setsSource }, space, ledger, w, top, ranked.length, S, pboNote, wfRows);
  return { result, ledger, plan, space, base };
}

/** The given sets, or the default grid of the data's scores with the given tier axes replaced. */
function resolveSets(input: SweepInput, plan: TradePlan): { sets: ThresholdSets; setsSource: Record<string, unknown> } {
  if (input.sets) return { sets: input.sets, setsSource: input.setsSource ?? {} };
  const grid = { ...defaultGridSpecs(plan.sortedScores), ...input.gridOverrides };
  return { sets: buildGrid(grid, input.params.thresholds), setsSource: { grid, default_grid: true, ...input.setsSource } };
}

function replayWithProgress(input: SweepInput, mkProgress: (label: string, total: number) => Progress): Signals {
  const p = mkProgress('replay', input.bars.n);
  const out = replay(input.bars, input.context, input.engineConfig, { onProgress: (d) => p.update(d) });
  p.stop();
  return out;
}

/** The top trials' full figures (the backtest's conventions) on the selection and test windows. */
function topRows(sp: TrialSpace, base: BacktestInput, best: number[], w: Windows, objective: Objective): TopRow[] {
  return best.map((g, r) => {
    const t = trialAt(sp, g);
    const b = { ...base, params: t.params };
    return {
      rank: r + 1,
      index: g,
      label: sp.sets.labels?.[t.set] ?? null,
      thresholds: t.thresholds,
      exits: t.exits,
      sample: setFigures(b, planWindow(t.plan, w.sel.from, w.sel.to), t.thresholds, objective).figures,
      test: w.test ? setFigures(b, planWindow(t.plan, w.test.from, w.test.to), t.thresholds, objective).figures : null,
    };
  });
}

function resultDocument(input: SweepInput & { sets: ThresholdSets }, sp: TrialSpace, l: SweepLedger, w: Windows, top: TopRow[], eligible: number, S: number, pboNote: string | null, wfRows: Float64Array[]): SweepResult {
  const N = trialCount(sp);
  const plan = sp.plans[0] as TradePlan;
  const chosen = top[0] ?? null;
  const distinct = distinctTrials(l.rows, l.width, N);
  const dsr = chosen ? dsrOf(l.rows, l.width, N, distinct, trialAt(sp, chosen.index), planWindow(trialAt(sp, chosen.index).plan, w.sel.from, w.sel.to)) : null;
  const note = pboNote ?? (S > 0 && distinct.length < 2 ? 'PBO needs at least 2 distinct trials (every trial traded alike)' : null);
  const pbo = S > 0 && !note ? pboOf(l.rows, l.width, distinct, S, w.sel.to - w.sel.from, input.objective) : null;
  const wf = input.walkForward;
  const walk = wf && w.next ? { spec: wf.spec, anchored: wf.anchored, ...walkForward(sp, w.walk, wfRows, w.next, input.objective, input.minTrades) } : null;
  const oosSharpe = walk ? walk.oos.sharpe : chosen?.test ? chosen.test.sharpe : null;
  const v = verdict({ trials: distinct.length, isSharpe: chosen ? chosen.sample.sharpe : null, oosSharpe, dsr: dsr?.value ?? null, pbo: pbo?.value ?? null });
  const weaks = Array.from({ length: sp.sets.n }, (_, i) => sp.sets.values[i * 4 + 3] as number);
  return {
    manifest: manifest('sweep', input.sources, manifestParameters(input, sp.exits)),
    mode: walk ? 'walk-forward' : w.test ? 'train-test' : 'in-sample',
    objective: input.objective,
    min_trades: input.minTrades,
    trials: N,
    threshold_sets: sp.sets.n,
    exit_combinations: sp.exits.length,
    distinct_trials: distinct.length,
    eligible_trials: eligible,
    selection: windowInfo(plan, w.sel),
    test: w.test ? windowInfo(plan, w.test) : null,
    score_distribution: scoreDistribution(plan.sortedScores, weaks),
    top,
    chosen,
    overfitting: { dsr, pbo, pbo_note: note, verdict: v },
    walk_forward: walk,
    heatmap: heatmapData(sp.sets, N, l.rows, l.width, input.objective, input.minTrades),
    notes: SWEEP_NOTES,
  };
}

function windowInfo(plan: TradePlan, w: { from: number; to: number }): { from: string | null; to: string | null; sessions: number } {
  const d = plan.sessionDates;
  return { from: w.to > w.from ? isoDate(d[w.from] as number) : null, to: w.to > w.from ? isoDate(d[w.to - 1] as number) : null, sessions: w.to - w.from };
}

function manifestParameters(input: SweepInput & { sets: ThresholdSets }, exits: ExitCombo[]): Record<string, unknown> {
  const p = input.params;
  return {
    from: input.from,
    to: input.to,
    sets: { count: input.sets.n, ...input.setsSource, first: input.sets.n ? setKey(setAt(input.sets, 0)) : null },
    exits: exits.length === 1 ? null : exits,
    objective: input.objective,
    min_trades: input.minTrades,
    top: input.top,
    train: input.train?.text ?? null,
    test: input.test?.text ?? null,
    walk_forward: input.walkForward ? { spec: input.walkForward.spec, anchored: input.walkForward.anchored } : null,
    multipliers: p.multipliers,
    ...execParamsRecord(p),
    engine: {
      name: input.engineConfig.engine,
      weights: input.engineConfig.weights,
      session: input.engineConfig.session,
      direction_dead_band: input.engineConfig.directionDeadBand,
      tick: input.engineConfig.tick,
    },
  };
}
