// Runs the pipeline once for the weekend report: one replay, shared by the backtest (the backtest's own
// plan -> scan -> buildResult) and the sweep (train on the first ~2/3 of sessions, test on the rest).
import type { OptimizedRun } from '../optimize/load-result.ts';
import { performance } from 'node:perf_hooks';
import { displayPath } from '../util/display-path.ts';
import type { EngineOutput } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { runScenarios } from '../engine/scenarios.ts';
import { availabilitySummary } from '../engine/availability.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import { buildResult, type BacktestInput, type BacktestResult } from '../simulate/run-backtest.ts';
import type { SweepResult } from '../sweep/run-sweep.ts';
import type { TierKey } from '../sweep/grid.ts';
import { recommend, recommendationText } from '../sweep/recommend.ts';
import { sessionRange } from '../sweep/plan-window.ts';
import type { Period } from '../sweep/period.ts';
import type { Progress } from '../util/progress.ts';
import { MIA_VERSION, ENGINE_VERSION } from '../version.ts';
import { distributionRows, signalScores } from './distribution.ts';
import { compareEngines } from './engine-comparison.ts';
import { tradesSection } from './trades-section.ts';
import { riskFigures, DEFAULT_RISK_SEED, type RiskOptions } from '../risk/risk-figures.ts';
import type { TierName, WeekendData } from './weekend-model.ts';
import type { RunInput } from '../simulate/types.ts';
import { backtestSection, currentRow, gateNote, isoRange, sweepSectionOf } from './weekend-sections.ts';

// The recommendation's rule and defaults live in src/sweep/recommend.ts (the one recommender, shared with `mia calibrate`).
export { DEFAULT_MIN_TRADES, MIN_WINDOW_SESSIONS } from '../sweep/recommend.ts';
/** the report's risk figures: 10,000 Monte Carlo paths, 1,000 random-entry draws, seed 1, ruin at $0 */
export const DEFAULT_REPORT_RISK: RiskOptions = { monteCarlo: 10_000, randomEntry: 1000, seed: DEFAULT_RISK_SEED, minEquity: 0 };

export interface WeekendInput extends RunInput {
  train?: Period | null;
  test?: Period | null;
  /** tier axes replacing the default grid's (the data's score range) */
  grid?: Partial<Record<TierKey, string>>;
  minTrades?: number;
  /** the command line, recorded in the report */
  command: string;
  workers?: number;
  progress?: (label: string, total: number) => Progress;
  /** Monte Carlo paths, random-entry draws, seed, ruin level (default DEFAULT_REPORT_RISK) */
  risk?: RiskOptions;
  /** the optimize result the engine config and params were taken from (`--optimized`): adds the weights section */
  optimized?: OptimizedRun;
}

export interface WeekendRun {
  data: WeekendData;
  /** the backtest document the report's figures come from (= `mia backtest --json` for the same inputs) */
  backtest: BacktestResult;
  sweep: SweepResult | null;
  engine: EngineOutput;
}

/** The seed's French scenario names in English, the seed's own name kept beside it. */
const SCENARIO_NAMES: Record<string, string> = {
  'Volume Faible': 'Low volume',
  'Delta Extrême': 'Extreme delta',
  'Imbalance Massif': 'Massive imbalance',
  'Volume Zéro': 'Zero volume',
};
export function scenarioLabel(name: string): string {
  const m = /^Scénario (\d+)$/.exec(name);
  if (m) return `Scenario ${m[1]}`;
  const en = SCENARIO_NAMES[name];
  return en ? `${en} (seed: ${name})` : name;
}


export async function buildWeekend(input: WeekendInput): Promise<WeekendRun> {
  const wall0 = performance.now();
  const { bars, engineConfig, params } = input;
  const grid = input.grid ?? {};

  const p = input.progress?.('replay', bars.n);
  const r0 = performance.now();
  const out = replay(bars, input.context, engineConfig, p ? { onProgress: (d) => p.update(d) } : {});
  const replayMs = performance.now() - r0;
  p?.stop();

  // scenarios: timed over a few repetitions so the per-calculation figure is not one cold call
  const reps = 5;
  const s0 = performance.now();
  let scenarios = runScenarios(engineConfig);
  for (let i = 1; i < reps; i++) scenarios = runScenarios(engineConfig);
  const scenarioMsPerCalc = (performance.now() - s0) / (reps * Math.max(1, scenarios.length));

  // the backtest, exactly as runBacktest builds it (same plan, scan and result builder), keeping the scan for the daily equity
  const riskOpts = input.risk ?? DEFAULT_REPORT_RISK;
  const base: BacktestInput = { bars, context: input.context, sources: input.sources, from: input.from, to: input.to, engineConfig, params, seed: riskOpts.seed };
  const plan = planTrades(bars, out, params);
  const sim = scanPlan(plan, params.thresholds, params.multipliers, params);
  const bt = buildResult(base, plan, sim);
  const dates = Array.from(plan.sessionDates);
  const equity: number[] = [];
  let eq = Math.round(params.startingCapital * 100);
  for (let i = 0; i < dates.length; i++) {
    eq += sim.dailyPnlCents[i]!;
    equity.push(eq / 100);
  }
  const backtest = backtestSection(bt, { dates, equity }, params.startingCapital, riskOpts.minEquity);
  const risk = riskFigures(bars, out, params, plan, sim, riskOpts);

  // the recommendation: the one recommender, with calibrate's defaults (windows, grid, objective, minimum trades)
  const T = dates.length;
  const current = params.thresholds;
  const rec = await recommend({
    bars, context: input.context, sources: input.sources, from: input.from, to: input.to, engineConfig, params,
    train: input.train ?? null, test: input.test ?? null, grid, signals: out,
    ...(input.minTrades !== undefined ? { minTrades: input.minTrades } : {}),
    ...(input.workers !== undefined ? { workers: input.workers } : {}),
    ...(input.progress ? { progress: input.progress } : {}),
  });
  const { train, test } = rec;
  const sweep = rec.sweep;
  const sweepSection = sweep && train && test ? sweepSectionOf(sweep, current, currentRow(base, plan, current, train, test)) : null;
  const rule = rec.thresholds
    ? `${rec.rule_text}; recommended: ${recommendationText(rec)}.`
    : `${rec.rule_text}: ${rec.no_recommendation}.`;

  const rollDates = new Set<number>();
  const sessionSet = new Set(dates);
  for (let i = 0; i < bars.n; i++) if (bars.rollWeek[i] && sessionSet.has(bars.tradeDate[i]!)) rollDates.add(bars.tradeDate[i]!);
  const scores = signalScores(out);
  const trainSessions = train ? sessionRange(plan, train.from, train.to) : { from: 0, to: T };
  const testSessions = test ? sessionRange(plan, test.from, test.to) : null;

  const data: WeekendData = {
    reportDate: T ? dates[T - 1]! : 0,
    headline: bt.headline,
    symbol: bars.symbol,
    span: {
      from: T ? dates[0]! : 0,
      to: T ? dates[T - 1]! : 0,
      sessions: T,
      bars: bars.n,
      sessionBars: plan.eligibleBars,
      signalBars: scores.length,
      rollWeekSessions: rollDates.size,
      contextRows: input.context?.n ?? 0,
    },
    thresholds: {
      current,
      recommended: rec.thresholds,
      rule,
      exits: rec.exits,
      command: rec.command,
      scoreNote: sweep ? gateNote(sweep.score_distribution, current, rec.thresholds) : null,
      train: { from: train?.from ?? dates[0] ?? 0, to: train?.to ?? dates[T - 1] ?? 0, sessions: trainSessions.to - trainSessions.from },
      test: test && testSessions ? { from: dates[testSessions.from] ?? test.from, to: dates[testSessions.to - 1] ?? test.to, sessions: testSessions.to - testSessions.from } : null,
    },
    multipliers: params.multipliers,
    scenarios: scenarios.map((s) => ({
      group: s.group,
      label: scenarioLabel(s.name),
      volume: s.seed.volume,
      delta: s.seed.delta,
      score: s.score,
      tier: s.tier,
      multiplier: s.multiplier,
      seedScore: s.seed.seed_score,
      seedTier: s.seed.seed_tier,
    })),
    distribution: distributionRows(bt.tiers),
    scores,
    availability: availabilitySummary(out).map((a) => ({ feature: a.feature, available: a.share })),
    backtest,
    risk: { monteCarlo: risk.monte_carlo, randomEntry: risk.random_entry },
    trades: tradesSection(bt),
    sweep: sweepSection,
    sizing: {
      capital: params.startingCapital,
      baseContracts: params.baseContracts,
      rows: bt.tiers.map((r) => ({ tier: r.tier as TierName, threshold: r.threshold ?? params.thresholds.weak, multiplier: r.multiplier, contracts: r.contracts })),
    },
    repro: {
      miaVersion: MIA_VERSION,
      engineVersion: ENGINE_VERSION,
      inputs: input.sources.map((x) => ({ ...x, path: displayPath(x.path) })),
      parameters: {
        ...bt.manifest.parameters,
        optimized: input.optimized ? { file: input.optimized.file, command: input.optimized.result.command } : null,
        sweep: sweep ? { objective: rec.objective, min_trades: rec.min_trades, grid: sweep.manifest.parameters.sets, train: train && isoRange(train), test: test && isoRange(test) } : null,
      },
      command: input.command,
    },
    timing: null,
  };
  data.engines = compareEngines(base, out, bt);
  if (input.optimized) data.optimized = input.optimized;
  data.timing = {
    replayMs,
    bars: bars.n,
    msPerBar: bars.n ? replayMs / bars.n : 0,
    barsPerSec: replayMs > 0 ? (bars.n / replayMs) * 1000 : 0,
    scenarioMsPerCalc,
    wallMs: performance.now() - wall0,
  };
  return { data, backtest: bt, sweep, engine: out };
}
