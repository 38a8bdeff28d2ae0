// Execution-model options shared by `mia backtest` and `mia sweep`: every rule of the simulator is a flag.
import type { Command } from 'commander';
import type { EngineConfig } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { getInstrument } from '../simulate/instruments.ts';
import { addEngineOptions, resolveEngineConfig, type EngineOptions } from './engine-options.ts';
import { defaultSimParams, DEFAULT_TARGET_MULTIPLE } from '../simulate/defaults.ts';
import { validateSimParams } from '../simulate/plan-trades.ts';
import { loadBars } from '../data/load.ts';
import type { ExitCombo, SimParams } from '../simulate/types.ts';
import { parseRange, type RangeBounds } from '../sweep/grid.ts';

export function addSimOptions(cmd: Command): Command {
  const d = defaultSimParams();
  return cmd
    .option('--instrument <name>', `contract economics: ES, NQ, YM, RTY, MES, MNQ, MYM, M2K (default ${d.instrument.symbol})`)
    .option('--contracts <n>', `base contracts at multiplier 1.0 (default ${d.baseContracts})`)
    .option('--commission <usd>', `commission per contract per side (default ${d.commissionPerSide}; 0.62 for the micros)`)
    .option('--slippage <ticks>', `slippage per fill, against the trader (default ${d.slippageTicks})`)
    .option('--stop <ticks>', `stop distance from the entry bar's open (default ${d.stopTicks}); sweep/calibrate: also a range a:b:step or a list a,b`)
    .option('--target <ticks>', `target distance (default ${DEFAULT_TARGET_MULTIPLE} x stop); sweep/calibrate: a range or list too`)
    .option('--time-stop <bars>', 'exit at the close of the bar N bars after entry (default 0 = off); sweep/calibrate: a range or list too')
    .option('--daily-loss-limit <usd>', `stop trading for the trade date at this loss (default ${d.dailyLossLimit}; 0 = off); sweep/calibrate: a range or list too`)
    .option('--min-equity <usd>', 'stop trading for good once equity reaches this (ruin; default 0)')
    .option('--capital <usd>', `starting capital for returns and ratios (default ${d.startingCapital})`)
    .option('--skip-roll-week', 'count but do not trade signals in the expiring contract\'s roll week (thin volume)')
    .option('--fill-data <file>', 'finer bars (1-minute, or time and sales) of the same contracts: settle stop vs target inside a signal bar (default: stop first)');
}

type Want = 'positive' | 'non-negative' | 'integer>0' | 'integer>=0';

function num(opts: Record<string, unknown>, key: string, flag: string, want: Want, fallback: number): number {
  const raw = opts[key];
  if (raw === undefined) return fallback;
  const s = String(raw).trim();
  const v = s === '' ? NaN : Number(s);
  const ok =
    Number.isFinite(v) &&
    (want === 'positive' ? v > 0 : want === 'non-negative' ? v >= 0 : want === 'integer>0' ? Number.isInteger(v) && v > 0 : Number.isInteger(v) && v >= 0);
  if (!ok) {
    const what = { positive: 'a number > 0', 'non-negative': 'a number >= 0', 'integer>0': 'a whole number > 0', 'integer>=0': 'a whole number >= 0' }[want];
    throw new MiaError(`${flag}: expected ${what}, got "${s}"`);
  }
  return v;
}

/** The engine and execution options of a run: exactly what resolveRunConfig reads. */
export function addRunOptions(cmd: Command): Command {
  return addSimOptions(addEngineOptions(cmd));
}

/**
 * Engine config and simulator parameters of a run, consistent with each other: the engine's tick follows the
 * traded instrument (D18), and thresholds, multipliers and session come from the engine config.
 */
export function resolveRunConfig(opts: Record<string, unknown>): { engineConfig: EngineConfig; params: SimParams } {
  const base = resolveEngineConfig(opts as EngineOptions);
  const engineConfig = opts.instrument === undefined ? base : { ...base, tick: getInstrument(String(opts.instrument)).tick };
  return { engineConfig, params: resolveSimParams(opts, engineConfig) };
}

/** Simulator parameters from the command's options; thresholds, multipliers and session come from the engine config. */
export function resolveSimParams(opts: Record<string, unknown>, engineConfig: EngineConfig): SimParams {
  const d = defaultSimParams();
  const instrument = opts.instrument === undefined ? d.instrument : getInstrument(String(opts.instrument));
  const stopTicks = num(opts, 'stop', '--stop', 'positive', d.stopTicks);
  const params: SimParams = {
    instrument,
    thresholds: { ...engineConfig.thresholds },
    multipliers: { ...engineConfig.multipliers },
    baseContracts: num(opts, 'contracts', '--contracts', 'integer>0', d.baseContracts),
    commissionPerSide: num(opts, 'commission', '--commission', 'non-negative', instrument.commission),
    slippageTicks: num(opts, 'slippage', '--slippage', 'non-negative', d.slippageTicks),
    stopTicks,
    targetTicks: num(opts, 'target', '--target', 'positive', stopTicks * DEFAULT_TARGET_MULTIPLE),
    timeStopBars: num(opts, 'timeStop', '--time-stop', 'integer>=0', d.timeStopBars),
    session: engineConfig.session,
    dailyLossLimit: num(opts, 'dailyLossLimit', '--daily-loss-limit', 'non-negative', d.dailyLossLimit),
    startingCapital: num(opts, 'capital', '--capital', 'positive', d.startingCapital),
    skipRollWeek: opts.skipRollWeek === true,
    maxPositions: 1,
    minEquity: num(opts, 'minEquity', '--min-equity', 'non-negative', 0),
  };
  validateSimParams(params);
  if (typeof opts.fillData === 'string') {
    const fine = loadBars(opts.fillData, typeof opts.tz === 'string' ? { tz: opts.tz } : {});
    params.fillData = { source: fine.source, bars: fine.bars };
  }
  return params;
}

/** The exit options a sweep can range over, with the bounds of their values. */
const EXIT_AXES: { key: 'stop' | 'target' | 'timeStop' | 'dailyLossLimit'; flag: string; bounds: RangeBounds }[] = [
  { key: 'stop', flag: 'stop', bounds: { min: 0, max: 1e6, zero: false, what: 'stop' } },
  { key: 'target', flag: 'target', bounds: { min: 0, max: 1e6, zero: false, what: 'target' } },
  { key: 'timeStop', flag: 'time-stop', bounds: { min: 0, max: 1e6, integer: true, what: 'time stop' } },
  { key: 'dailyLossLimit', flag: 'daily-loss-limit', bounds: { min: 0, max: 1e12, what: 'daily loss limit' } },
];

/**
 * `sweep` / `calibrate`: the run config plus the exit combinations. `--stop`, `--target`, `--time-stop` and
 * `--daily-loss-limit` take the thresholds' forms (a value, `a,b,c`, `start:stop:step`); their cross product, in
 * that order, is the exit grid. Without `--target`, each stop's target is DEFAULT_TARGET_MULTIPLE x that stop.
 * `params` carries the first combination.
 */
export function resolveSweepRunConfig(opts: Record<string, unknown>): { engineConfig: EngineConfig; params: SimParams; exits: ExitCombo[] } {
  const lists: Partial<Record<(typeof EXIT_AXES)[number]['key'], number[]>> = {};
  const first: Record<string, unknown> = { ...opts };
  for (const a of EXIT_AXES) {
    if (opts[a.key] === undefined) continue;
    const v = parseRange(String(opts[a.key]), a.flag, a.bounds);
    lists[a.key] = v;
    first[a.key] = String(v[0]);
  }
  const { engineConfig, params } = resolveRunConfig(first);
  const exits: ExitCombo[] = [];
  for (const stopTicks of lists.stop ?? [params.stopTicks])
    for (const targetTicks of lists.target ?? [opts.target === undefined ? stopTicks * DEFAULT_TARGET_MULTIPLE : params.targetTicks])
      for (const timeStopBars of lists.timeStop ?? [params.timeStopBars])
        for (const dailyLossLimit of lists.dailyLossLimit ?? [params.dailyLossLimit]) exits.push({ stopTicks, targetTicks, timeStopBars, dailyLossLimit });
  const e0 = exits[0]!;
  return { engineConfig, params: { ...params, ...e0 }, exits };
}
