import type { ExtraColumns } from './extra-columns.ts';
// In-memory column views of mia's three Arrow tables. Hot loops index these typed arrays directly;
// nothing downstream ever iterates Arrow rows (row proxies measured ~500x slower).

/** Bit flags per bar, computed by the data layer from the CME calendar (schedule knowledge, not the future). */
export const BarFlag = {
  /** first bar of a CME trade date (ETH session start, 17:00 CT the evening before) */
  NEW_TRADE_DATE: 1,
  /** first bar of a new contract (a roll: prices jump, never a market move) */
  NEW_CONTRACT: 2,
  /** first bar after a hole longer than the exchange schedule explains */
  AFTER_GAP: 4,
  /** first RTH bar (08:30 CT) of its trade date */
  RTH_OPEN: 8,
  /** last bar of its trade date in the data */
  LAST_OF_TRADE_DATE: 16,
  /** last RTH bar of its trade date in the data */
  LAST_OF_RTH: 32,
  /** last bar of its contract in the data (flatten here before the roll) */
  LAST_OF_CONTRACT: 64,
} as const;

/** ES-style bars with order flow. Delta = askVolume - bidVolume (aggressor convention: ask volume = buys). */
export interface Bars {
  n: number;
  symbol: string;
  /** bar length in ms (e.g. 300000 for 5-minute bars) */
  barMs: number;
  /** bar start, UTC epoch milliseconds */
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  bidVolume: Float64Array;
  askVolume: Float64Array;
  /** number of trades; NaN where the source has none */
  trades: Float64Array;
  /** index into `contracts` */
  contractId: Int32Array;
  contracts: string[];
  /** CME trade date in exchange time, yyyymmdd (a bar at 17:00 CT Sunday belongs to Monday) */
  tradeDate: Int32Array;
  /** 1 = regular trading hours (08:30-15:00 CT), 0 = overnight/ETH */
  rth: Uint8Array;
  /** 1 = bar is in its contract's roll week (after the CME roll date, volume migrating away) */
  rollWeek: Uint8Array;
  /** BarFlag bits */
  flags: Uint8Array;
  /** optional per-bar inputs of the original engine, keyed by bar start (src/data/extra-columns.ts) */
  extra?: ExtraColumns;
  /** order-flow presence recorded at import (read it through orderFlowPresence(bars) in order-flow.ts) */
  orderFlow?: { columns: boolean; share: number };
}

/**
 * Daily market context, one row per date. `date` is the session whose close the values describe (yyyymmdd).
 * Every numeric field may be NaN (missing) on any day. The engine uses, for trade date D, the latest row
 * with date < D: only what was published before D's open (ENGINE_SPEC D13).
 */
export interface DailyContext {
  n: number;
  date: Int32Array;
  vixOpen: Float64Array;
  vixHigh: Float64Array;
  vixLow: Float64Array;
  vixClose: Float64Array;
  spxClose: Float64Array;
  /** SqueezeMetrics aggregate dealer gamma, dollars (positive = dealers long gamma) */
  gex: Float64Array;
  dix: Float64Array;
  putCallRatio: Float64Array;
  callVolume: Float64Array;
  putVolume: Float64Array;
  /** options levels, in SPX index points, from chain snapshots */
  callWall: Float64Array;
  putWall: Float64Array;
  gammaFlip: Float64Array;
  /** net dealer gamma exposure from the chain, $ per 1% move */
  netGex: Float64Array;
  /** put/call open-interest ratio from the chain (added by the data layer; absent in older tables) */
  putCallOiRatio?: Float64Array;
}

/** One option-chain snapshot row set (columns), as-of a session close (or intraday where stated). */
export interface OptionChain {
  n: number;
  /** yyyymmdd of the session the snapshot reflects */
  asofSession: number;
  underlying: number;
  expiration: Int32Array;
  strike: Float64Array;
  /** 1 = call, -1 = put */
  right: Int8Array;
  openInterest: Float64Array;
  volume: Float64Array;
  iv: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  /** 1 = AM-settled (SPX monthly: settles at the 09:30 ET open), 0 = PM-settled (added by the data layer) */
  amSettled?: Uint8Array;
}

/** Where a table came from: recorded in every result's manifest. */
export interface SourceInfo {
  path: string;
  sha256: string;
  rows: number;
}
