// Reading an `mia optimize` result back (optimize.json, what `--out` writes) so another command can run with its
// learned weights, thresholds and exits: `mia report weekend --optimized FILE`. Only the fields that change the
// run are checked strictly (file:line: field: what); the rest is carried to the report as evidence.
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES, type EngineConfig } from '../engine/types.ts';
import type { SimParams } from '../simulate/types.ts';
import { InputError, MiaError } from '../util/errors.ts';
import type { OptimizeResult } from './types.ts';

export interface OptimizedRun {
  /** the file as given */
  file: string;
  result: OptimizeResult;
  recommended: NonNullable<OptimizeResult['recommended']>;
}

/** 1-based line of the first `"key":` at or after line `from` (the file is JSON.stringify(…, 2)); `from` if absent. */
function lineOf(lines: string[], key: string, from: number): number {
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(`"${key}":`)) return i + 1;
  return from;
}

export function readOptimized(file: string): OptimizedRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new MiaError(`--optimized ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, 1, 'json', `not an mia optimize result (${(err as Error).message})`);
  }
  const lines = text.split('\n');
  const r = doc as Partial<OptimizeResult> | null;
  if (!r || typeof r !== 'object' || r.manifest?.command !== 'optimize') throw new InputError(file, 1, 'manifest.command', 'expected "optimize": give the optimize.json that `mia optimize --out DIR` writes');
  const recLine = lineOf(lines, 'recommended', 1);
  const rec = r.recommended;
  if (!rec) throw new InputError(file, recLine, 'recommended', 'null: that optimize run recommended nothing (no weight set qualified), so there is nothing to run');
  const num = (obj: Record<string, unknown> | undefined, group: string, key: string, check: (v: number) => boolean, what: string): void => {
    const v = obj?.[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) throw new InputError(file, lineOf(lines, key, lineOf(lines, group, recLine)), `recommended.${group}.${key}`, `expected ${what}, got ${JSON.stringify(v)}`);
  };
  for (const n of FEATURE_NAMES) num(rec.weights as unknown as Record<string, unknown>, 'weights', n, (v) => v >= 0 && v <= 1, 'a weight in [0, 1]');
  for (const k of ['premium', 'strong', 'good', 'weak']) num(rec.thresholds as unknown as Record<string, unknown>, 'thresholds', k, () => true, 'a number');
  for (const k of ['stop_ticks', 'target_ticks', 'time_stop_bars', 'daily_loss_limit_usd']) num(rec.exits as unknown as Record<string, unknown>, 'exits', k, (v) => v >= 0, 'a number >= 0');
  return { file, result: r as OptimizeResult, recommended: rec };
}

/** The run's engine configuration and simulator parameters with the optimize result's weights, thresholds and exits. */
export function applyOptimized(o: OptimizedRun, engineConfig: EngineConfig, params: SimParams): { engineConfig: EngineConfig; params: SimParams } {
  const { weights, thresholds, exits } = o.recommended;
  return {
    engineConfig: { ...engineConfig, weights: { ...weights }, thresholds: { ...thresholds } },
    params: { ...params, thresholds: { ...thresholds }, stopTicks: exits.stop_ticks, targetTicks: exits.target_ticks, timeStopBars: exits.time_stop_bars, dailyLossLimit: exits.daily_loss_limit_usd },
  };
}
