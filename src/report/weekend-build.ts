// Runs the pipeline once for the weekend report: one replay, shared by the backtest (the backtest's own
// plan -> scan -> buildResult) and the sweep (train on the first ~2/3 of sessions, test on the rest).
import type { OptimizedRun } from '../optimize/load-result.ts';
import { performance } from 'node:perf_hooks';
import { displayPath } from '../util/display-path.ts';
import type { EngineOutput, Thresholds } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { runScenarios } from '../engine/scenarios.ts';
import { availabilitySummary } from '../engine/availability.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import { buildResult, type BacktestInput, type BacktestResult } from '../simulate/run-backtest.ts';
import type { TradePlan } from '../simulate/types.ts';
import type { SweepResult } from '../sweep/run-sweep.ts';
import type { TierKey } from '../sweep/grid.ts';
import { DEFAULT_OBJECTIVE, recommend, recommendationText } from '../sweep/recommend.ts';
import { planWindow, sessionRange } from '../sweep/plan-window.ts';
import { setFigures, type SetFigures } from '../sweep/set-figures.ts';
import type { Period } from '../sweep/period.ts';
import type { Progress } from '../util/progress.ts';
import { MIA_VERSION, ENGINE_VERSION } from '../version.ts';
import { distributionRows, signalScores } from './distribution.ts';
import { compareEngines } from './engine-comparison.ts';
import { fmtSet } from './warnings.ts';
import { tradesSection } from './trades-section.ts';
import { riskFigures, DEFAULT_RISK_SEED, type RiskOptions } from '../risk/risk-figures.ts';
import type { BacktestSection, SweepSection, SweepSetRow, TierName, WeekendData } from './weekend-model.ts';
import type { RunInput } from '../simulate/types.ts';
import type { ScoreDistribution } from '../sweep/score-distribution.ts';

// The recommendation's rule and defaults live in src/sweep/recommend.ts (the one recommender, shared with `mia calibrate`).
export { DEFAULT_MIN_TRADES, MIN_WINDOW_SESSIONS } from '../sweep/recommend.ts';
export const SWEEP_OBJECTIVE = DEFAULT_OBJECTIVE;
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

const nn = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

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

function isoRange(p: Period): string {
  const f = (d: number) => `${Math.floor(d / 10000)}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`;
  return `${f(p.from)}:${f(p.to)}`;
}

/** The report's backtest section from the backtest document: no figure recomputed, only re-shaped. */
export function backtestSection(bt: BacktestResult, equity: { dates: number[]; equity: number[] }, startingCapital: number, minEquity = 0): BacktestSection {
  const s = bt.summary;
  let ticks = 0;
  for (const t of bt.trades) ticks += t.pnl_ticks;
  return {
    summary: {
      trades: s.trades,
      wins: s.wins,
      losses: s.losses,
      winRate: nn(s.win_rate),
      netUsd: s.net_pnl_usd,
      grossUsd: s.gross_pnl_usd,
      commissionUsd: s.commissions_usd,
      slippageUsd: s.slippage_usd,
      profitFactor: s.profit_factor ?? (s.wins > 0 && s.losses === 0 ? Infinity : NaN),
      expectancyUsd: nn(s.expectancy_usd),
      maxDrawdownUsd: s.max_drawdown_usd,
      sharpe: nn(s.sharpe_annualised),
      sharpeReason: s.sharpe_null_reason,
      sharpeCi: s.sharpe_ci95,
      sortino: nn(s.sortino_annualised),
      sortinoReason: s.sortino_null_reason,
      sortinoCi: s.sortino_ci95,
      ratioDays: s.ratio_days,
      sessions: s.sessions,
      haltedDays: s.halted_days,
      avgTicks: bt.trades.length ? ticks / bt.trades.length : NaN,
    },
    byTier: bt.tiers.filter((r) => r.tier !== 'NO_TRADE').map((r) => ({
      tier: r.tier as TierName,
      signals: r.signals,
      trades: r.taken,
      wins: r.wins,
      netUsd: r.net_pnl_usd,
      avgUsd: nn(r.avg_pnl_usd),
      winRate: nn(r.win_rate),
    })),
    byMonth: bt.months.map((m) => ({ month: m.key, trades: m.trades, netUsd: m.net_pnl_usd, winRate: nn(m.win_rate) })),
    equity,
    startingCapital,
    ruin: ruinOf(bt),
    minEquity,
  };
}

/**
 * The simulator's ruin date, when the backtest carries one (`ruin` on the result: trading stopped at the minimum
 * equity). Read defensively: the field belongs to the simulator, the chart only marks it.
 */
function ruinOf(bt: BacktestResult): { date: number } | null {
  const r = (bt as { ruin?: { date?: string | number | null } | null }).ruin;
  const d = r?.date;
  if (d === undefined || d === null) return null;
  const ymd = typeof d === 'number' ? d : Number(String(d).slice(0, 10).replace(/-/g, ''));
  return Number.isInteger(ymd) && ymd > 19000000 ? { date: ymd } : null;
}

/** The thresholds in force on the training and test windows, for comparison with the sweep's picks. */
function currentRow(base: BacktestInput, plan: TradePlan, t: Thresholds, train: Period, test: Period): { train: SetFigures; test: SetFigures } {
  const tr = sessionRange(plan, train.from, train.to);
  const te = sessionRange(plan, test.from, test.to);
  return {
    train: setFigures(base, planWindow(plan, tr.from, tr.to), t, SWEEP_OBJECTIVE).figures,
    test: setFigures(base, planWindow(plan, te.from, te.to), t, SWEEP_OBJECTIVE).figures,
  };
}

function rowOf(t: Thresholds, train: SetFigures, test: SetFigures | null): SweepSetRow {
  return {
    thresholds: t,
    trainNetUsd: train.net_pnl_usd,
    trainSharpe: nn(train.sharpe),
    trainTrades: train.trades,
    testNetUsd: test ? test.net_pnl_usd : null,
    testSharpe: test ? nn(test.sharpe) : null,
    testTrades: test ? test.trades : null,
  };
}

/** Axis titles carry their unit: thresholds are confluence scores. */
function withUnit(label: string): string {
  return label.includes('(') ? label : `${label} (score)`;
}

function sweepSectionOf(sw: SweepResult, t: Thresholds, current: { train: SetFigures; test: SetFigures }): SweepSection {
  const h = sw.heatmap;
  const z = h.z_label === 'sharpe' ? 'Sharpe (annualised)' : h.z_label;
  return {
    sets: sw.trials,
    metric: `annualised Sharpe (at least ${sw.min_trades} trades)`,
    top: sw.top.map((r) => rowOf(r.thresholds, r.sample, r.test)),
    heatmap: h.x.length && h.y.length
      ? { title: `Training window: best ${z} by PREMIUM × STRONG threshold (over GOOD/WEAK)`, xLabel: withUnit(h.x_label), yLabel: withUnit(h.y_label), zLabel: z, xValues: h.x, yValues: h.y, z: h.z }
      : null,
    current: rowOf(t, current.train, current.test),
    dsr: sw.overfitting.dsr?.value ?? null,
    pbo: sw.overfitting.pbo?.value ?? null,
    verdict: sw.overfitting.verdict.text,
  };
}

/**
 * The traded-side score in words, and whether the gate in force or the recommended one sits below its 1st
 * percentile: such a gate admits every directional bar, so the other thresholds only change position size.
 */
function gateNote(d: ScoreDistribution, current: Thresholds, recommended: Thresholds | null): string {
  const at = (q: number) => d.quantiles.find((x) => x.q === q)?.score ?? NaN;
  const p1 = at(0.01);
  const parts = [`Traded-side score over ${d.candidates.toLocaleString('en-US')} candidate bars: p1 ${p1.toFixed(3)}, median ${at(0.5).toFixed(3)}, p99 ${at(0.99).toFixed(3)}.`];
  const gates: [string, Thresholds | null][] = [['in force', current], ['recommended', recommended]];
  for (const [name, t] of gates) {
    if (t && t.weak < p1) parts.push(`The gate ${name} (WEAK ${t.weak}) is below the score floor: every directional bar is a candidate, and the other thresholds only change position size.`);
  }
  return parts.join(' ');
}
