// What "best" means for a sweep, read off a trial row. Undefined values (no trades, no losing day) never win.
import { MiaError } from '../util/errors.ts';
import { F, type TrialField } from './trial.ts';

export const OBJECTIVES = ['net', 'sharpe', 'sortino', 'profit-factor', 'expectancy'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const OBJECTIVE_FIELD: Record<Objective, TrialField> = {
  net: 'net_usd',
  sharpe: 'sharpe',
  sortino: 'sortino',
  'profit-factor': 'profit_factor',
  expectancy: 'expectancy_usd',
};

export function parseObjective(s: string): Objective {
  if ((OBJECTIVES as readonly string[]).includes(s)) return s as Objective;
  throw new MiaError(`--objective ${s}: expected one of ${OBJECTIVES.join(', ')}`);
}

/**
 * The objective of trial i, or NaN when it is undefined, the trial has fewer than minTrades trades, or it reached
 * ruin (equity at --min-equity) on the window: a configuration that ends the account is never "best".
 */
export function objectiveOf(rows: Float64Array, width: number, i: number, objective: Objective, minTrades: number): number {
  const o = i * width;
  if ((rows[o + F.trades] as number) < minTrades) return NaN;
  if ((rows[o + F.ruin_date] as number) > 0) return NaN; // a yyyymmdd; NaN (or 0 in hand-made rows) = no ruin
  const v = rows[o + F[OBJECTIVE_FIELD[objective]]] as number;
  return Number.isFinite(v) ? v : NaN;
}

/**
 * Trial indices ranked best first: objective descending, then net P&L descending, then set order
 * (lexicographic thresholds), so ties resolve the same way on every run. Ineligible trials are left out.
 */
export function rankTrials(rows: Float64Array, width: number, n: number, objective: Objective, minTrades: number): number[] {
  const idx: number[] = [];
  const val = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    val[i] = objectiveOf(rows, width, i, objective, minTrades);
    if (!Number.isNaN(val[i] as number)) idx.push(i);
  }
  idx.sort((a, b) => compareTrials(val[a] as number, rows[a * width + F.net_usd] as number, a, val[b] as number, rows[b * width + F.net_usd] as number, b));
  return idx;
}

/**
 * THE ranking of two eligible trials (objective values, net P&L, order of trial): negative when trial a ranks
 * first. Higher objective, then higher net P&L, then the earlier trial. The sweep, the recommender and
 * `mia optimize` (which compares trials across weight sets in the order it tried them) all rank with it.
 */
export function compareTrials(valueA: number, netA: number, orderA: number, valueB: number, netB: number, orderB: number): number {
  const d = valueB - valueA;
  if (d !== 0) return d;
  const dn = netB - netA;
  return dn !== 0 ? dn : orderA - orderB;
}
