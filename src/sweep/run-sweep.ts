// `mia sweep` as a function: replay once, plan once, scan every threshold set (in parallel when worth it),
// rank by the objective, validate out of sample (train/test or walk-forward) and measure overfitting (DSR, PBO).
// The JSON document it returns is exactly what `mia sweep --json` prints.
import type { Thresholds } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import { execParamsRecord } from '../simulate/params-record.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import { buildResult, type BacktestInput, type BacktestResult } from '../simulate/run-backtest.ts';
import type { Signals, Trade, TradePlan } from '../simulate/types.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { sortinoRatio } from '../metrics/sortino.ts';
import { maxDrawdown } from '../metrics/max-drawdown.ts';
import { profitFactor } from '../metrics/profit-factor.ts';
import { winRate } from '../metrics/win-rate.ts';
import { expectancy } from '../metrics/expectancy.ts';
import { MiaError } from '../util/errors.ts';
import { manifest, type Manifest } from '../util/manifest.ts';
import type { Progress } from '../util/progress.ts';
import { setAt, setKey, type ThresholdSets } from './grid.ts';
import { objectiveOf, rankTrials, type Objective } from './objective.ts';
import { isoDate, type Period } from './period.ts';
import { planWindow, sessionRange } from './plan-window.ts';
import { blockBounds, chooseBlocks, newBlockStats, probabilityOfBacktestOverfitting, type PboMetric } from './pbo.ts';
import { deflatedSharpe } from './deflated-sharpe.ts';
import { returnMoments, sampleVariance } from './moments.ts';
import { setFigures, type SetFigures } from './set-figures.ts';
import { TrialRunner, type TrialRows } from './trial-runner.ts';
import { F, FIELD_COUNT, PERIODS_PER_YEAR, rowWidth } from './trial.ts';
import type { TrialJob, ViewSpec } from './trial-batch.ts';
import { verdict, type Verdict } from './verdict.ts';
import { walkForwardWindows, type Span } from './walk-forward.ts';
import type { RunInput } from '../simulate/types.ts';

export interface SweepInput extends RunInput {
  sets: ThresholdSets;
  /** how the sets were given (grid specs, file and its hash, preset name): recorded in the manifest */
  setsSource: Record<string, unknown>;
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
  index: number;
  label: string | null;
  thresholds: Thresholds;
  sample: SetFigures;
  /** the same set on the test window (train/test mode) */
  test: SetFigures | null;
}

export interface WalkForwardWindowResult {
  index: number;
  train_from: string;
  train_to: string;
  test_from: string;
  test_to: string;
  partial: boolean;
  chosen: Thresholds | null;
  train_objective: number | null;
  train_sharpe: number | null;
  test_trades: number;
  test_net_pnl_usd: number;
  test_sharpe: number | null;
}

/** The stitched out-of-sample figures: a set's figures without an objective (no single set was run). */
export type StitchedSummary = Omit<SetFigures, 'objective'>;

export interface SweepResult {
  manifest: Manifest;
  mode: 'in-sample' | 'train-test' | 'walk-forward';
  objective: Objective;
  min_trades: number;
  trials: number;
  eligible_trials: number;
  /** the window the sets were ranked on */
  selection: { from: string | null; to: string | null; sessions: number };
  test: { from: string | null; to: string | null; sessions: number } | null;
  top: TopRow[];
  chosen: TopRow | null;
  overfitting: {
    dsr: { value: number | null; psr: number | null; sr0_annualised: number | null; sharpe_annualised: number | null; trials: number; trial_sharpe_variance_annualised: number; observations: number; skew: number | null; kurtosis: number | null } | null;
    pbo: { value: number; blocks: number; combinations: number; metric: PboMetric; degradation_slope: number | null; probability_of_loss: number; median_logit: number } | null;
    pbo_note: string | null;
    verdict: Verdict;
  };
  walk_forward: {
    spec: string;
    anchored: boolean;
    windows: WalkForwardWindowResult[];
    oos: StitchedSummary;
    /** end-of-session equity of the stitched out-of-sample trades */
    equity: { date: string; equity_usd: number }[];
  } | null;
  heatmap: { x_label: string; y_label: string; z_label: string; x: number[]; y: number[]; z: (number | null)[][] };
  notes: string[];
}

/** The ledger: one row per trial over the selection window (rowWidth(blocks) numbers per set). */
export interface SweepLedger {
  sets: ThresholdSets;
  rows: Float64Array;
  width: number;
  objective: Objective;
  minTrades: number;
  /** rank (1 = best) per set, 0 = not eligible */
  rank: Int32Array;
}

export interface SweepRun {
  result: SweepResult;
  ledger: SweepLedger;
  /** the one trade plan every set was scanned on, and the backtest input it came from */
  plan: TradePlan;
  base: BacktestInput;
}

/**
 * The full backtest document (trades, tiers, months...) of trial `index` over the whole input, built by the
 * backtest's own buildResult from the sweep's plan: what `mia backtest --thresholds <that set>` prints.
 */
export function backtestForSet(run: SweepRun, index: number): BacktestResult {
  const t = setAt(run.ledger.sets, index);
  const params = { ...run.base.params, thresholds: t };
  return buildResult({ ...run.base, params }, run.plan, scanPlan(run.plan, t, params.multipliers, params));
}

const SILENT: Progress = { update() {}, stop() {} };
const r6 = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);

export const SWEEP_NOTES = [
  'score replayed once over the whole input; every set is a scan of one trade plan by the backtest simulator (scanPlan)',
  'windows (train, test, walk-forward) are session ranges of that one plan: indicators are warm at every window start',
  'ledger max drawdown is on end-of-session equity; the top table uses the backtest\'s closed-trade drawdown',
  'DSR: per-session Sharpe of the chosen set against the expected maximum of N trials with the variance of all trials\' Sharpe ratios (trials without a defined Sharpe count as 0)',
  'PBO: CSCV over the per-session P&L of all trials on the selection window; metric Sharpe for sharpe/sortino objectives, mean P&L otherwise',
];

export async function runSweep(input: SweepInput): Promise<SweepResult> {
  return (await runSweepDetailed(input)).result;
}

export async function runSweepDetailed(input: SweepInput): Promise<SweepRun> {
  const { bars, params, sets, objective, minTrades } = input;
  if (!Number.isInteger(minTrades) || minTrades < 0) throw new MiaError(`--min-trades ${minTrades}: must be a whole number >= 0`);
  if (!Number.isInteger(input.top) || input.top < 1) throw new MiaError(`--top ${input.top}: must be a whole number >= 1`);
  if (input.walkForward && (input.train || input.test)) throw new MiaError('--walk-forward cannot be combined with --train/--test');
  if (Boolean(input.train) !== Boolean(input.test)) throw new MiaError('--train and --test go together');
  const mkProgress = input.progress ?? (() => SILENT);

  let engine = input.signals;
  if (!engine) {
    const p = mkProgress('replay', bars.n);
    engine = replay(bars, input.context, input.engineConfig, { onProgress: (d) => p.update(d) });
    p.stop();
  }
  const plan = planTrades(bars, engine, params);
  const T = plan.sessionDates.length;
  if (T === 0) throw new MiaError('sweep: no session in the input has bars inside the session filter');
  const base: BacktestInput = { bars, context: input.context, sources: input.sources, from: input.from, to: input.to, engineConfig: input.engineConfig, params };

  // selection window (and test window)
  let sel = { from: 0, to: T };
  let test: { from: number; to: number } | null = null;
  if (input.train && input.test) {
    sel = sessionRange(plan, input.train.from, input.train.to);
    test = sessionRange(plan, input.test.from, input.test.to);
    if (sel.to <= sel.from) throw new MiaError(`--train ${input.train.text}: no session of the input falls in it`);
    if (test.to <= test.from) throw new MiaError(`--test ${input.test.text}: no session of the input falls in it`);
    if (input.test.from <= input.train.to && input.train.from <= input.test.to) throw new MiaError(`--train ${input.train.text} and --test ${input.test.text} overlap: the test must be out of sample`);
  }
  const windows = input.walkForward ? walkForwardWindows(plan.sessionDates, input.walkForward.train, input.walkForward.test, input.walkForward.anchored) : [];
  if (input.walkForward && windows.length === 0) throw new MiaError(`--walk-forward ${input.walkForward.spec}: no complete train/test window fits the data`);

  const N = sets.n;
  const selT = sel.to - sel.from;
  let S = 0;
  let pboNote: string | null = null;
  if (N < 2) pboNote = 'PBO needs at least 2 trials';
  else if (selT < 4) pboNote = `PBO needs at least 4 sessions in the selection window, got ${selT}`;
  else S = chooseBlocks(selT, N);
  const views: ViewSpec[] = [{ from: sel.from, to: sel.to, blocks: S }, ...windows.map((w) => ({ from: w.trainStart, to: w.trainEnd, blocks: 0 }))];

  const trialJob: TrialJob = { plan, params, multipliers: params.multipliers, sets: sets.values, views };
  const runner = input.runner ? await input.runner(trialJob) : TrialRunner.create(trialJob, input.workers === undefined ? (input.forceParallel ? { forceParallel: true } : {}) : { workers: input.workers, forceParallel: input.forceParallel ?? false });
  let rows: Float64Array;
  const wfRows: Float64Array[] = [];
  try {
    const p = mkProgress(`sweep ${N} sets`, N * (1 + windows.length));
    rows = await runner.run(0, (d) => p.update(d));
    for (let k = 0; k < windows.length; k++) wfRows.push(await runner.run(k + 1, (d) => p.update(N * (k + 1) + d)));
    p.stop();
  } finally {
    await runner.close();
  }
  const width = rowWidth(S);
  const ranked = rankTrials(rows, width, N, objective, minTrades);
  const rank = new Int32Array(N);
  ranked.forEach((i, r) => (rank[i] = r + 1));

  const selPlan = planWindow(plan, sel.from, sel.to);
  const testPlan = test ? planWindow(plan, test.from, test.to) : null;
  const label = (i: number) => sets.labels?.[i] ?? null;
  const top: TopRow[] = ranked.slice(0, input.top).map((i, r) => {
    const t = setAt(sets, i);
    return {
      rank: r + 1,
      index: i,
      label: label(i),
      thresholds: t,
      sample: setFigures(base, selPlan, t, objective).figures,
      test: testPlan ? setFigures(base, testPlan, t, objective).figures : null,
    };
  });
  const chosen = top[0] ?? null;

  // Deflated Sharpe of the chosen set on the selection window
  const trialSharpes = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const s = rows[i * width + F.sharpe] as number;
    trialSharpes[i] = Number.isFinite(s) ? s / Math.sqrt(PERIODS_PER_YEAR) : 0;
  }
  const variance = sampleVariance(trialSharpes);
  let dsr: SweepResult['overfitting']['dsr'] = null;
  if (chosen) {
    const sim = scanPlan(selPlan, chosen.thresholds, params.multipliers, { ...params, thresholds: chosen.thresholds }, { summaryOnly: true, tierDetail: false });
    const m = returnMoments(sim.dailyPnlCents);
    const d = deflatedSharpe({ sharpe: m.sharpe, nObs: m.n, skew: m.skew, kurtosis: m.kurtosis, nTrials: N, trialSharpeVariance: variance });
    const ann = Math.sqrt(PERIODS_PER_YEAR);
    dsr = {
      value: r6(d.dsr),
      psr: r6(d.psr),
      sr0_annualised: r6(d.sr0 * ann),
      sharpe_annualised: r6(m.sharpe * ann),
      trials: N,
      trial_sharpe_variance_annualised: r6(variance * PERIODS_PER_YEAR) ?? 0,
      observations: m.n,
      skew: r6(m.skew),
      kurtosis: r6(m.kurtosis),
    };
  }

  // PBO by CSCV over the ledger's per-block P&L sums
  let pbo: SweepResult['overfitting']['pbo'] = null;
  if (S > 0) {
    const blocks = newBlockStats(S, N);
    const bb = blockBounds(selT, S);
    for (let b = 0; b < S; b++) blocks.count[b] = (bb[b + 1] as number) - (bb[b] as number);
    for (let j = 0; j < N; j++) {
      const o = j * width + FIELD_COUNT;
      for (let b = 0; b < S; b++) {
        blocks.sum[b * N + j] = rows[o + b] as number;
        blocks.sumSq[b * N + j] = rows[o + S + b] as number;
      }
    }
    const metric: PboMetric = objective === 'sharpe' || objective === 'sortino' ? 'sharpe' : 'mean';
    const r = probabilityOfBacktestOverfitting(blocks, { metric });
    const sorted = [...r.logits].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    pbo = {
      value: r6(r.pbo) as number,
      blocks: S,
      combinations: r.combinations,
      metric,
      degradation_slope: r6(r.degradation.slope),
      probability_of_loss: r6(r.probLoss) as number,
      median_logit: r6(sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2) as number,
    };
  }

  // walk-forward: re-choose on each training window, trade the choice on the following test window
  let walk: SweepResult['walk_forward'] = null;
  if (input.walkForward) {
    const wins: WalkForwardWindowResult[] = [];
    const oosTrades: Trade[] = [];
    const oosDaily: number[] = [];
    const oosDates: number[] = [];
    const sig = [0, 0, 0, 0, 0];
    for (let k = 0; k < windows.length; k++) {
      const w = windows[k]!;
      const wr = wfRows[k]!;
      const best = rankTrials(wr, FIELD_COUNT, N, objective, minTrades)[0];
      const tPlan = planWindow(plan, w.testStart, w.testEnd);
      let chosenK: Thresholds | null = null;
      let tradesK = 0;
      let netK = 0;
      let sharpeK: number | null = null;
      if (best !== undefined) {
        chosenK = setAt(sets, best);
        const sim = scanPlan(tPlan, chosenK, params.multipliers, { ...params, thresholds: chosenK });
        for (const t of sim.trades) oosTrades.push(t);
        for (let s = 1; s <= 4; s++) sig[s]! += sim.tiers.signals[s] as number;
        tradesK = sim.tradeCount;
        netK = sim.netCents / 100;
        sharpeK = sharpeRatio(Float64Array.from(sim.dailyPnlCents, (c) => c / 100 / params.startingCapital), PERIODS_PER_YEAR);
        for (const c of sim.dailyPnlCents) oosDaily.push(c);
      } else {
        // no eligible set: stand aside for the window (flat days still count in the stitched series)
        for (let s = 0; s < w.testEnd - w.testStart; s++) oosDaily.push(0);
      }
      for (let s = w.testStart; s < w.testEnd; s++) oosDates.push(plan.sessionDates[s] as number);
      wins.push({
        index: w.index,
        train_from: isoDate(w.trainFrom),
        train_to: isoDate(w.trainTo),
        test_from: isoDate(w.testFrom),
        test_to: isoDate(w.testTo),
        partial: w.partial,
        chosen: chosenK,
        train_objective: best === undefined ? null : r6(objectiveOf(wr, FIELD_COUNT, best, objective, minTrades)),
        train_sharpe: best === undefined ? null : r6(wr[best * FIELD_COUNT + F.sharpe] as number),
        test_trades: tradesK,
        test_net_pnl_usd: netK,
        test_sharpe: r6(sharpeK),
      });
    }
    walk = { spec: input.walkForward.spec, anchored: input.walkForward.anchored, windows: wins, ...stitch(oosTrades, oosDaily, oosDates, sig, params.startingCapital) };
  }

  const isSharpe = chosen ? chosen.sample.sharpe : null;
  const oosSharpe = walk ? walk.oos.sharpe : chosen?.test ? chosen.test.sharpe : null;
  const v = verdict({ trials: N, isSharpe, oosSharpe, dsr: dsr?.value ?? null, pbo: pbo?.value ?? null });

  const result: SweepResult = {
    manifest: manifest('sweep', input.sources, manifestParameters(input)),
    mode: walk ? 'walk-forward' : test ? 'train-test' : 'in-sample',
    objective,
    min_trades: minTrades,
    trials: N,
    eligible_trials: ranked.length,
    selection: windowInfo(plan, sel),
    test: test ? windowInfo(plan, test) : null,
    top,
    chosen,
    overfitting: { dsr, pbo, pbo_note: pboNote, verdict: v },
    walk_forward: walk,
    heatmap: heatmapData(sets, rows, width, objective, minTrades),
    notes: SWEEP_NOTES,
  };
  return { result, ledger: { sets, rows, width, objective, minTrades, rank }, plan, base };
}

function windowInfo(plan: TradePlan, w: { from: number; to: number }): { from: string | null; to: string | null; sessions: number } {
  const d = plan.sessionDates;
  return { from: w.to > w.from ? isoDate(d[w.from] as number) : null, to: w.to > w.from ? isoDate(d[w.to - 1] as number) : null, sessions: w.to - w.from };
}

function stitch(trades: Trade[], dailyCents: number[], dates: number[], sig: number[], capital: number): { oos: StitchedSummary; equity: { date: string; equity_usd: number }[] } {
  const pnl = Float64Array.from(trades, (t) => t.pnlCents);
  const ret = Float64Array.from(dailyCents, (c) => c / 100 / capital);
  const dd = maxDrawdown(pnl, capital * 100);
  let net = 0;
  for (const c of pnl) net += c;
  const equity: { date: string; equity_usd: number }[] = [];
  let eq = Math.round(capital * 100);
  for (let i = 0; i < dailyCents.length; i++) {
    eq += dailyCents[i] as number;
    equity.push({ date: isoDate(dates[i] as number), equity_usd: eq / 100 });
  }
  const n = dates.length;
  const rate = (s: number) => (n > 0 ? r6((sig[s] as number) / n) : null);
  const e = expectancy(pnl);
  return {
    oos: {
      from: n ? isoDate(dates[0] as number) : null,
      to: n ? isoDate(dates[n - 1] as number) : null,
      sessions: n,
      trades: pnl.length,
      win_rate: r6(winRate(pnl)),
      net_pnl_usd: net / 100,
      sharpe: r6(sharpeRatio(ret, PERIODS_PER_YEAR)),
      sortino: r6(sortinoRatio(ret, PERIODS_PER_YEAR)),
      profit_factor: r6(profitFactor(pnl)),
      expectancy_usd: e === null ? null : r6(e / 100),
      max_drawdown_usd: dd.amount / 100,
      max_drawdown_pct: r6(dd.pct) as number,
      signals_per_session: { premium: rate(4), strong: rate(3), good: rate(2), weak: rate(1) },
    },
    equity,
  };
}

/** PREMIUM × STRONG: the best objective over the other two tiers among eligible sets; null where none. */
export function heatmapData(sets: ThresholdSets, rows: Float64Array, width: number, objective: Objective, minTrades: number): SweepResult['heatmap'] {
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (let i = 0; i < sets.n; i++) {
    xs.add(sets.values[i * 4] as number);
    ys.add(sets.values[i * 4 + 1] as number);
  }
  const x = [...xs].sort((a, b) => a - b);
  const y = [...ys].sort((a, b) => a - b);
  const xi = new Map(x.map((v, i) => [v, i]));
  const yi = new Map(y.map((v, i) => [v, i]));
  const z: (number | null)[][] = y.map(() => x.map(() => null));
  for (let i = 0; i < sets.n; i++) {
    const v = objectiveOf(rows, width, i, objective, minTrades);
    if (Number.isNaN(v)) continue;
    const row = z[yi.get(sets.values[i * 4 + 1] as number) as number] as (number | null)[];
    const c = xi.get(sets.values[i * 4] as number) as number;
    const cur = row[c];
    if (cur === null || cur === undefined || v > cur) row[c] = v;
  }
  return { x_label: 'PREMIUM threshold', y_label: 'STRONG threshold', z_label: objective, x, y, z: z.map((r) => r.map((v) => r6(v))) };
}

function manifestParameters(input: SweepInput): Record<string, unknown> {
  const p = input.params;
  return {
    from: input.from,
    to: input.to,
    sets: { count: input.sets.n, ...input.setsSource, first: input.sets.n ? setKey(setAt(input.sets, 0)) : null },
    objective: input.objective,
    min_trades: input.minTrades,
    top: input.top,
    train: input.train?.text ?? null,
    test: input.test?.text ?? null,
    walk_forward: input.walkForward ? { spec: input.walkForward.spec, anchored: input.walkForward.anchored } : null,
    multipliers: p.multipliers,
    ...execParamsRecord(p),
    engine: {
      weights: input.engineConfig.weights,
      session: input.engineConfig.session,
      direction_dead_band: input.engineConfig.directionDeadBand,
      tick: input.engineConfig.tick,
    },
  };
}
