// Options of the risk figures, shared by `mia backtest` and `mia report weekend`: Monte Carlo paths, random-entry
// draws, their seed, and the ruin level.
import type { Command } from 'commander';
import { MiaError } from '../util/errors.ts';
import { DEFAULT_RISK_SEED, type RiskOptions } from '../risk/risk-figures.ts';

export function addRiskOptions(cmd: Command, defaults: { monteCarlo: number; randomEntry: number }): Command {
  cmd
    .option('--monte-carlo <paths>', `Monte Carlo paths over the trading days (stationary block bootstrap); 0 = off (default ${defaults.monteCarlo})`)
    .option('--random-entry <draws>', `random-entry benchmark draws (same sessions, entries, exits, sizing, costs); 0 = off (default ${defaults.randomEntry})`)
    .option('--seed <n>', `seed of the Monte Carlo, the random entries and the Sharpe/Sortino bootstrap intervals (default ${DEFAULT_RISK_SEED})`);
  // --min-equity belongs to the simulator (ruin stops trading); declare it here only when the run options lack it
  if (!cmd.options.some((o) => o.long === '--min-equity')) cmd.option('--min-equity <usd>', 'ruin level: equity at or below it counts as ruin (default 0)');
  return cmd;
}

function whole(raw: unknown, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(String(raw).trim());
  if (!Number.isInteger(v) || v < 0 || String(raw).trim() === '') throw new MiaError(`${flag}: expected a whole number >= 0, got "${String(raw)}"`);
  return v;
}

export function resolveRiskOptions(opts: Record<string, unknown>, defaults: { monteCarlo: number; randomEntry: number }): RiskOptions {
  const minRaw = opts.minEquity;
  const minEquity = minRaw === undefined ? 0 : Number(String(minRaw).trim());
  if (!Number.isFinite(minEquity) || String(minRaw ?? '0').trim() === '') throw new MiaError(`--min-equity: expected a number of dollars, got "${String(minRaw)}"`);
  const seed = whole(opts.seed, '--seed', DEFAULT_RISK_SEED);
  if (seed > 0xffffffff) throw new MiaError(`--seed: expected a whole number below 2^32, got "${String(opts.seed)}"`);
  return {
    monteCarlo: whole(opts.monteCarlo, '--monte-carlo', defaults.monteCarlo),
    randomEntry: whole(opts.randomEntry, '--random-entry', defaults.randomEntry),
    seed,
    minEquity,
  };
}
