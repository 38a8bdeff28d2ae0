// The trade simulator's contract, shared by `mia backtest` and `mia sweep` (one simulator, no logic twice).
import type { Multipliers, SessionMode, Thresholds } from '../engine/types.ts';
import type { Bars, DailyContext, SourceInfo } from '../data/types.ts';
import type { EngineConfig } from '../engine/types.ts';
import type { FillData } from './fill-resolve.ts';
import type { Instrument } from '../data/instruments.ts';

export type { Instrument } from '../data/instruments.ts';

export interface SimParams {
  instrument: Instrument;
  thresholds: Thresholds;
  multipliers: Multipliers;
  /** contracts at multiplier 1.0; size = round(base x multiplier), at least 1 when multiplier > 0 */
  baseContracts: number;
  /** dollars per contract per side */
  commissionPerSide: number;
  /** ticks per side, always against the trader */
  slippageTicks: number;
  stopTicks: number;
  targetTicks: number;
  /** exit at the close of the bar this many bars after entry; 0 = off */
  timeStopBars: number;
  /** trade and flatten by RTH or by the full trade date */
  session: SessionMode;
  /** dollars; realised + open loss on the trade date reaching it closes the position and stops trading until the next trade date */
  dailyLossLimit: number;
  startingCapital: number;
  /** signals in a contract's roll week (thin expiring-contract volume) are counted but not traded */
  skipRollWeek: boolean;
  /** one position at a time (signals while in a position are counted, not traded) */
  maxPositions: 1;
  /** --fill-data: a finer series that settles stop-vs-target inside one signal bar (absent: stop first) */
  fillData?: FillData;
  /** dollars; trading stops for good once equity (capital + realised P&L) reaches it (ruin). Absent = 0 */
  minEquity?: number;
}

/** The exit rules a sweep can vary: the plan depends on the first three, the scan on the loss limit. */
export interface ExitCombo {
  stopTicks: number;
  targetTicks: number;
  timeStopBars: number;
  dailyLossLimit: number;
}

/** Where equity first reached `minEquity`: no signal after that trade was traded. */
export interface Ruin {
  /** trade date (yyyymmdd) of the trade that reached the floor */
  tradeDate: number;
  /** signal bar of that trade */
  signalBar: number;
  /** signals at or above WEAK after that trade that were not traded */
  signalsNotTaken: number;
}

export type ExitReason = 'stop' | 'target' | 'time' | 'session_end' | 'roll' | 'daily_limit' | 'end_of_data';

/** One simulated round trip. Times are bar indices; the writers turn them into ISO-8601 UTC. */
export interface Trade {
  signalBar: number;
  entryBar: number;
  exitBar: number;
  direction: 1 | -1;
  contracts: number;
  entryPrice: number;
  exitPrice: number;
  tier: number;
  score: number;
  exitReason: ExitReason;
  pnlUsd: number;
  pnlTicks: number;
  commissionUsd: number;
  slippageUsd: number;
  maeTicks: number;
  mfeTicks: number;
  contract: string;
  /** CME trade date of the signal bar, yyyymmdd */
  tradeDate: number;
  /** pnlUsd in integer cents (what the summary sums) */
  pnlCents: number;
}

// ---------------------------------------------------------------------------------------------
// Two-stage simulator (helper C). `planTrades` is threshold-independent and runs once per
// (bars, signals, execution params); `scanPlan` is the cheap threshold-dependent pass the sweep
// calls thousands of times. `simulate = scanPlan(planTrades(...))`.

/** The engine columns the simulator reads (an `EngineOutput` satisfies it). */
export interface Signals {
  score: Float64Array;
  /** 1 long, -1 short, 0 none */
  direction: Int8Array;
  /** 1 where the engine processed the bar */
  active: Uint8Array;
}

/** Exit reasons in code order: `TradePlan.exitReason` stores the index. */
export const EXIT_REASONS: readonly ExitReason[] = ['stop', 'target', 'time', 'session_end', 'roll', 'daily_limit', 'end_of_data'];
export const ExitCode = { stop: 0, target: 1, time: 2, session_end: 3, roll: 4, daily_limit: 5, end_of_data: 6 } as const;

/**
 * Every bar that could carry a signal, with what a trade entered from it would do per contract,
 * before sizing, costs and the daily loss limit. Struct of arrays, one row per candidate, sorted by
 * signal bar. Prices are raw bar prices (no slippage); ticks are per contract, signed for the trade
 * (positive = in the trade's favour).
 */
export interface TradePlan {
  /** number of candidate rows */
  n: number;
  /** the bars the plan was built on (the scan walks them only to place a daily-limit exit) */
  bars: Bars;
  /** the execution parameters the plan depends on (stop, target, time stop, session, instrument) */
  stopTicks: number;
  targetTicks: number;
  timeStopBars: number;
  session: SessionMode;
  instrument: Instrument;
  skipRollWeek: boolean;
  /** bars inside the session filter (denominator of "share of bars") */
  eligibleBars: number;
  /** distinct trade dates with at least one bar inside the session filter, ascending yyyymmdd */
  sessionDates: Int32Array;
  // ---- per candidate ----
  signalBar: Int32Array;
  score: Float64Array;
  direction: Int8Array;
  /** index into sessionDates of the signal bar's trade date */
  sessionIdx: Int32Array;
  /** 0 when no trade can follow the signal (last bar before a session end, roll, data gap or the data's end) */
  tradable: Uint8Array;
  entryBar: Int32Array;
  exitBar: Int32Array;
  /** ExitCode */
  exitReason: Uint8Array;
  /** open of entryBar */
  entryPrice: Float64Array;
  /** raw exit price (stop/target level, a gap open, or a bar close) */
  exitPrice: Float64Array;
  /** (exit - entry) x direction / tick, before costs */
  pnlTicks: Float64Array;
  /** worst adverse excursion from entry, ticks >= 0 (see docs/backtest.md for the exit-bar convention) */
  maeTicks: Float64Array;
  /** best favourable excursion from entry, ticks >= 0 */
  mfeTicks: Float64Array;
  /** FillRes: 0 when the exit bar did not span both stop and target, else how their order was settled */
  fillRes: Uint8Array;
  // ---- threshold-independent indexes the scan jumps with (so a scan costs O(trades), not O(candidates)) ----
  /** per bar 0..bars.n (length bars.n + 1): the first candidate row whose signal bar is >= that bar (n if none) */
  nextCandidate: Int32Array;
  /** per session (index into sessionDates): one past its last candidate row */
  sessionEnd: Int32Array;
  /** the candidates' scores, ascending: signals per tier by binary search when the scan skips tier detail */
  sortedScores: Float64Array;
}

/** Per-tier counters, indexed by tier code (0 NO_TRADE .. 4 PREMIUM). */
export interface TierCounts {
  /** candidate bars whose score falls in the tier (tier 0 = scored but below WEAK) */
  signals: Int32Array;
  /** trades opened */
  taken: Int32Array;
  /** signals while a position was open (counted, not traded) */
  inPosition: Int32Array;
  /** signals after the daily loss limit stopped trading for the trade date */
  halted: Int32Array;
  /** signals on a bar no trade can follow (session end, roll, data gap, end of data; a roll-week bar under skipRollWeek) */
  untradable: Int32Array;
  /** sessions with at least one signal of the tier */
  sessions: Int32Array;
  /** trades of the tier with pnl > 0 */
  wins: Int32Array;
  /** sum of trade pnl after costs, integer cents */
  netCents: Float64Array;
  /** sum over trades of pnl / initial risk (R multiples) */
  sumR: Float64Array;
}

/** What one scan produces. Money is integer cents (exact reconciliation); `trades` is empty when `summaryOnly`. */
export interface SimResult {
  trades: Trade[];
  tradeCount: number;
  wins: number;
  losses: number;
  /** Σ pnl after costs */
  netCents: number;
  /** Σ pnl before costs (ticks x tick value x contracts) */
  grossCents: number;
  commissionCents: number;
  slippageCents: number;
  /** Σ of positive / |negative| trade pnl after costs */
  grossProfitCents: number;
  grossLossCents: number;
  /** pnl after costs per plan session date (`plan.sessionDates`), zero days included */
  dailyPnlCents: Float64Array;
  /** trade dates on which the daily loss limit stopped trading */
  haltedDays: number;
  tiers: TierCounts;
  /** null unless equity reached `minEquity` */
  ruin: Ruin | null;
  /** false when the scan skipped the per-tier in-position / halted / sessions counters (`ScanOptions.tierDetail`): they are then 0 */
  tierDetail: boolean;
}

export interface ScanOptions {
  /** skip building Trade objects (the sweep's mode): same loop, same figures */
  summaryOnly?: boolean;
  /**
   * false = count per tier only signals, trades, wins, net and R (the sweep's mode, default true): in-position,
   * halted, untradable and sessions-with-signal counters stay 0, so the scan visits only the trades of its cached
   * trade chain (src/simulate/trade-chain.ts), never the candidates between them. Every other figure is unchanged.
   */
  tierDetail?: boolean;
}

/** What every run of the pipeline starts from: bars, day context, their sources and window, and the settings. */
export interface RunInput {
  bars: Bars;
  context: DailyContext | null;
  sources: SourceInfo[];
  from: string | null;
  to: string | null;
  engineConfig: EngineConfig;
  params: SimParams;
}
