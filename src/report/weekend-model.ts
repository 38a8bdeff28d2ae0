// What the weekend report shows, computed once by the builder and rendered by the renderer. Everything here
// except `timing` is a pure function of the inputs, so the rendered report byte-compares run to run.
import type { OptimizedRun } from '../optimize/load-result.ts';
import type { ExitCombo } from '../simulate/types.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import type { SourceInfo } from '../data/types.ts';
import type { MonteCarloResult } from '../risk/monte-carlo.ts';
import type { RandomEntryResult } from '../risk/random-entry.ts';
import type { EngineComparison } from './engine-comparison.ts';

export type TierName = 'PREMIUM' | 'STRONG' | 'GOOD' | 'WEAK' | 'NO_TRADE';

export interface ScenarioRow {
  group: 'confluence' | 'volume' | 'delta' | 'risk';
  label: string;
  volume: number | null;
  delta: number | null;
  score: number;
  tier: string;
  multiplier: number;
  /** the seed's hand-made figures, beside mia's */
  seedScore: number | null;
  seedTier: string | null;
}

export interface TierDistributionRow {
  tier: TierName;
  /** bars (signals) whose score falls in the tier */
  count: number;
  /** share of scored bars */
  share: number;
  perSession: number;
  /** sessions with at least one signal of the tier */
  sessions: number;
  target: { lo: number; hi: number } | null;
}

export interface TierBacktestRow {
  tier: TierName;
  signals: number;
  trades: number;
  wins: number;
  netUsd: number;
  avgUsd: number;
  winRate: number;
}

export interface MonthRow {
  month: string;
  trades: number;
  netUsd: number;
  winRate: number;
}

export interface BacktestSummary {
  trades: number;
  wins: number;
  losses: number;
  winRate: number;
  netUsd: number;
  grossUsd: number;
  commissionUsd: number;
  slippageUsd: number;
  profitFactor: number;
  expectancyUsd: number;
  maxDrawdownUsd: number;
  /** annualised daily Sharpe; NaN when undefined (then sharpeReason says why) */
  sharpe: number;
  sharpeReason: string | null;
  /** 95 % bootstrap interval over the days */
  sharpeCi: [number, number] | null;
  sortino: number;
  sortinoReason: string | null;
  sortinoCi: [number, number] | null;
  /** trading days behind the ratios */
  ratioDays: number;
  sessions: number;
  haltedDays: number;
  avgTicks: number;
}

export interface BacktestSection {
  summary: BacktestSummary;
  byTier: TierBacktestRow[];
  byMonth: MonthRow[];
  /** daily equity at each session date's close, for the chart */
  equity: { dates: number[]; equity: number[] };
  startingCapital: number;
  /** the trade date trading stopped at the minimum equity (the simulator's ruin), if it did */
  ruin: { date: number } | null;
  /** the ruin level, dollars */
  minEquity: number;
}

/** Section "Trades": how the trades behave, from the backtest's trade rows. */
export interface TradesSection {
  holding: { group: string; trades: number; p50Min: number; p90Min: number; maxMin: number }[];
  /** by hour of entry, exchange time (Central) */
  byHour: { hour: string; trades: number; netUsd: number; winRate: number }[];
  /** adverse / favourable excursion quantiles, ticks per contract */
  excursions: { group: string; trades: number; maeP50: number; maeP90: number; mfeP50: number; mfeP90: number }[];
  exitReasons: { reason: string; trades: number; wins: number; netUsd: number; winRate: number; profitFactor: number }[];
  sides: { side: string; trades: number; wins: number; netUsd: number; winRate: number; profitFactor: number }[];
}

/** Section "P&L and risk": the seeded Monte Carlo and random-entry benchmark of the backtest (null when off). */
export interface RiskSection {
  monteCarlo: MonteCarloResult | null;
  randomEntry: RandomEntryResult | null;
}

export interface SweepSetRow {
  thresholds: Thresholds;
  trainNetUsd: number;
  trainSharpe: number;
  trainTrades: number;
  testNetUsd: number | null;
  testSharpe: number | null;
  testTrades: number | null;
}

export interface SweepSection {
  sets: number;
  /** the metric that ranked the sets on the training window */
  metric: string;
  top: SweepSetRow[];
  heatmap: { title: string; xLabel: string; yLabel: string; zLabel: string; xValues: number[]; yValues: number[]; z: (number | null)[][] } | null;
  current: SweepSetRow | null;
  dsr: number | null;
  pbo: number | null;
  verdict: string;
}

export interface ThresholdSection {
  current: Thresholds;
  recommended: Thresholds | null;
  rule: string;
  /** the recommended exits (stop, target, time stop, loss limit), null with no recommendation */
  exits?: ExitCombo | null;
  /** the `mia calibrate …` command that reproduces the recommendation */
  command: string | null;
  /** "the gate is below the score floor…" when a WEAK value tried lets every directional bar through */
  scoreNote?: string | null;
  train: { from: number; to: number; sessions: number };
  test: { from: number; to: number; sessions: number } | null;
}

export interface FeatureAvailability {
  feature: string;
  /** share of scored bars where the feature ran on real inputs */
  available: number;
}

export interface Timing {
  replayMs: number;
  bars: number;
  msPerBar: number;
  barsPerSec: number;
  scenarioMsPerCalc: number;
  wallMs: number;
}

export interface WeekendData {
  reportDate: number;
  /** facts to read before any figure, in words (e.g. the daily loss limit ending most sessions) */
  headline: string[];
  symbol: string;
  span: {
    from: number;
    to: number;
    sessions: number;
    /** bars in the data window */
    bars: number;
    /** bars inside the session filter (RTH or ETH) */
    sessionBars: number;
    /** bars carrying a signal: engine active, a direction, a finite score */
    signalBars: number;
    /** sessions in a contract's roll week */
    rollWeekSessions: number;
    contextRows: number;
  };
  thresholds: ThresholdSection;
  multipliers: Multipliers;
  scenarios: ScenarioRow[];
  distribution: TierDistributionRow[];
  /** scores of the signal bars (histogram), not serialised */
  scores: Float64Array;
  availability: FeatureAvailability[];
  backtest: BacktestSection;
  risk: RiskSection;
  trades: TradesSection;
  sweep: SweepSection | null;
  sizing: { capital: number; baseContracts: number; rows: { tier: TierName; threshold: number; multiplier: number; contracts: number }[] };
  repro: { miaVersion: string; engineVersion: string; inputs: SourceInfo[]; parameters: Record<string, unknown>; command: string };
  timing: Timing | null;
  /** mia's engine and the original side by side on the same bars (engine-comparison.ts) */
  engines?: EngineComparison;
  /** the `mia optimize` result whose weights, thresholds and exits this run used (`--optimized`), for the weights section */
  optimized?: OptimizedRun;
}

/** The machine-readable block each report embeds (in an HTML comment) so the next report can diff against it. */
export interface ReportDigest {
  reportDate: number;
  from: number;
  to: number;
  thresholds: Thresholds;
  recommended: Thresholds | null;
  trades: number;
  netUsd: number;
  winRate: number;
  maxDrawdownUsd: number;
  distribution: Record<string, number>;
}
