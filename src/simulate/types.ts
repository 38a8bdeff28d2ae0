// The trade simulator's contract, shared by `mia backtest` and `mia sweep` (one simulator, no logic twice).
import type { Multipliers, SessionMode, Thresholds } from '../engine/types.ts';

export interface Instrument {
  symbol: string;
  tick: number;
  /** dollars per tick */
  tickValue: number;
  /** dollars per full point */
  pointValue: number;
}

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
  /** one position at a time (signals while in a position are counted, not traded) */
  maxPositions: 1;
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
}
