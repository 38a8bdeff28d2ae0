// One trial = one threshold set scanned over a (window of a) TradePlan by the backtest's own scanPlan,
// reduced to a fixed row of numbers so chunks of trials travel between threads as one Float64Array.
import { scanPlan } from '../simulate/scan-plan.ts';
import type { SimParams, SimResult, TradePlan } from '../simulate/types.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { sortinoRatio } from '../metrics/sortino.ts';
import { maxDrawdown } from '../metrics/max-drawdown.ts';

/** Trading days per year for annualised ratios (the backtest's convention in src/metrics/sharpe.ts). */
export const PERIODS_PER_YEAR = 252;

/** Column order of a packed trial row; NaN stands for "undefined" (e.g. profit factor without a loss). */
export const TRIAL_FIELDS = [
  'trades',
  'wins',
  'net_usd',
  'gross_profit_usd',
  'gross_loss_usd',
  'sharpe',
  'sortino',
  'max_dd_usd',
  'max_dd_pct',
  'profit_factor',
  'expectancy_usd',
  'win_rate',
  'signals_premium',
  'signals_strong',
  'signals_good',
  'signals_weak',
  'trades_premium',
  'trades_strong',
  'trades_good',
  'trades_weak',
  'sessions',
  'pnl_hash',
  /** trade date (yyyymmdd) equity reached the floor (--min-equity); NaN = never */
  'ruin_date',
] as const;
export type TrialField = (typeof TRIAL_FIELDS)[number];
export const F = Object.fromEntries(TRIAL_FIELDS.map((k, i) => [k, i])) as Record<TrialField, number>;
export const FIELD_COUNT = TRIAL_FIELDS.length;

/** Row width: the fields, then Σ and Σ² of daily P&L per PBO block (0 blocks = none). */
export function rowWidth(blocks: number): number {
  return FIELD_COUNT + 2 * blocks;
}

/** Session bounds of the PBO blocks for a window of T sessions (kept by the caller, shared by all trials). */
export interface TrialContext {
  plan: TradePlan;
  params: SimParams;
  multipliers: Multipliers;
  /** S + 1 session indices, or null for no PBO statistics */
  blockBounds: Int32Array | null;
}

const nz = (v: number | null): number => (v === null ? NaN : v);

/** Scan one set (summary only) and write its row at `out[offset..]`. */
export function evaluateTrial(ctx: TrialContext, t: Thresholds, out: Float64Array, offset: number): SimResult {
  const r = scanPlan(ctx.plan, t, ctx.multipliers, { ...ctx.params, thresholds: t }, { summaryOnly: true, tierDetail: false });
  writeTrialRow(r, ctx.params.startingCapital, ctx.blockBounds, out, offset);
  return r;
}

export function writeTrialRow(r: SimResult, capital: number, blockBounds: Int32Array | null, out: Float64Array, offset: number): void {
  const T = r.dailyPnlCents.length;
  const ret = new Float64Array(T);
  const usd = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    usd[i] = (r.dailyPnlCents[i] as number) / 100;
    ret[i] = (usd[i] as number) / capital;
  }
  const dd = maxDrawdown(usd, capital);
  const o = offset;
  out[o + F.trades] = r.tradeCount;
  out[o + F.wins] = r.wins;
  out[o + F.net_usd] = r.netCents / 100;
  out[o + F.gross_profit_usd] = r.grossProfitCents / 100;
  out[o + F.gross_loss_usd] = r.grossLossCents / 100;
  out[o + F.sharpe] = nz(sharpeRatio(ret, PERIODS_PER_YEAR));
  out[o + F.sortino] = nz(sortinoRatio(ret, PERIODS_PER_YEAR));
  out[o + F.max_dd_usd] = dd.amount;
  out[o + F.max_dd_pct] = dd.pct;
  // profit factor, expectancy and win rate from the scan's exact cent totals (same definitions as src/metrics)
  out[o + F.profit_factor] = r.grossLossCents > 0 ? r.grossProfitCents / r.grossLossCents : NaN;
  out[o + F.expectancy_usd] = r.tradeCount > 0 ? r.netCents / 100 / r.tradeCount : NaN;
  out[o + F.win_rate] = r.tradeCount > 0 ? r.wins / r.tradeCount : NaN;
  for (let tier = 4; tier >= 1; tier--) {
    out[o + F.signals_premium + (4 - tier)] = r.tiers.signals[tier] as number;
    out[o + F.trades_premium + (4 - tier)] = r.tiers.taken[tier] as number;
  }
  out[o + F.sessions] = T;
  out[o + F.pnl_hash] = dailyPnlHash(r.dailyPnlCents);
  out[o + F.ruin_date] = r.ruin ? r.ruin.tradeDate : NaN;
  if (blockBounds) {
    const S = blockBounds.length - 1;
    const base = o + FIELD_COUNT;
    for (let b = 0; b < S; b++) {
      let s = 0;
      let q = 0;
      for (let i = blockBounds[b] as number; i < (blockBounds[b + 1] as number); i++) {
        const v = usd[i] as number;
        s += v;
        q += v * v;
      }
      out[base + b] = s;
      out[base + S + b] = q;
    }
  }
}

/**
 * A 52-bit hash of the per-session P&L vector (integer cents): two trials with the same hash made the same daily
 * P&L, so DSR and PBO count them as one trial. Two FNV-1a lanes over each value's low and high 32 bits; exact
 * in a double, so it travels in the trial row.
 */
export function dailyPnlHash(dailyCents: Float64Array): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ dailyCents.length;
  for (let i = 0; i < dailyCents.length; i++) {
    const v = dailyCents[i] as number;
    const lo = v | 0;
    const hi = Math.floor(v / 4294967296) | 0;
    a = Math.imul(a ^ lo, 0x01000193);
    a = Math.imul(a ^ hi, 0x01000193);
    b = Math.imul(b ^ hi, 0x5bd1e995);
    b = Math.imul(b ^ lo, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) + ((b >>> 0) & 0xfffff) * 4294967296;
}
