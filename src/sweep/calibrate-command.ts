// The `mia calibrate …` command line that reproduces a recommendation: the inputs and every setting that differs
// from its default, so running it on the same files gives the same answer (tested).
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../data/defaults.ts';
import { DEFAULT_WEIGHTS } from '../engine/config.ts';
import { DEFAULT_MULTIPLIERS, DEFAULT_THRESHOLDS } from '../engine/types.ts';
import { defaultSimParams, DEFAULT_TARGET_MULTIPLE } from '../simulate/defaults.ts';
import type { ExitCombo, RunInput } from '../simulate/types.ts';
import { displayPath } from '../util/display-path.ts';
import { TIER_KEYS, type TierKey } from './grid.ts';
import type { Objective } from './objective.ts';
import type { Period } from './period.ts';
import type { RateTargets } from './calibrate.ts';

export interface CommandRule {
  objective?: Objective;
  minTrades?: number;
  exits?: ExitCombo[];
  perSession?: RateTargets;
  quantile?: number;
  walkForward?: { spec: string; anchored: boolean };
}

type CommandInput = RunInput & { train: Period | null; test: Period | null; grid?: Partial<Record<TierKey, string>> };

/** Shell-safe word: bare when it is plain, else single-quoted. */
function word(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

const four = (o: Record<TierKey, number>) => TIER_KEYS.map((k) => o[k]).join(',');
const differs = <T extends object>(a: T, b: T) => (Object.keys(b) as (keyof T)[]).some((k) => a[k] !== b[k]);
const distinct = (xs: number[]) => [...new Set(xs)];

export function calibrateCommand(input: CommandInput, rule: CommandRule): string {
  const args: string[] = ['mia', 'calibrate', ...inputFlags(input), ...engineFlags(input), ...execFlags(input, rule.exits)];
  if (rule.perSession) {
    args.push('--per-session', TIER_KEYS.filter((k) => rule.perSession![k]).map((k) => `${k}=${rule.perSession![k]!.min}-${rule.perSession![k]!.max}`).join(','));
    if (rule.quantile !== undefined && rule.quantile !== 0.5) args.push('--quantile', String(rule.quantile));
  } else {
    if (rule.objective && rule.objective !== 'sharpe') args.push('--objective', rule.objective);
    if (rule.minTrades !== undefined && rule.minTrades !== 30) args.push('--min-trades', String(rule.minTrades));
    for (const k of TIER_KEYS) if (input.grid?.[k] !== undefined) args.push(`--${k}`, input.grid[k]!);
    if (rule.walkForward) args.push('--walk-forward', rule.walkForward.spec, ...(rule.walkForward.anchored ? ['--anchored'] : []));
  }
  if (input.train) args.push('--train', isoPeriod(input.train));
  if (input.test) args.push('--test', isoPeriod(input.test));
  return args.map(word).join(' ');
}

function isoPeriod(p: Period): string {
  const f = (d: number) => `${Math.floor(d / 10000)}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`;
  return `${f(p.from)}:${f(p.to)}`;
}

function inputFlags(input: CommandInput): string[] {
  const out: string[] = [];
  const data = input.sources[0] ? displayPath(input.sources[0].path) : displayPath(DEFAULT_BARS_PATH);
  if (data !== displayPath(DEFAULT_BARS_PATH)) out.push('--data', data);
  if (!input.context) out.push('--context', 'none');
  else if (input.sources[1] && displayPath(input.sources[1].path) !== displayPath(DEFAULT_CONTEXT_PATH)) out.push('--context', displayPath(input.sources[1].path));
  if (input.from) out.push('--from', input.from);
  if (input.to) out.push('--to', input.to);
  return out;
}

function engineFlags(input: CommandInput): string[] {
  const c = input.engineConfig;
  const out: string[] = [];
  if (differs(c.weights, DEFAULT_WEIGHTS)) out.push('--weights', Object.entries(c.weights).map(([k, v]) => `${k}=${v}`).join(','));
  if (differs(c.thresholds, DEFAULT_THRESHOLDS)) out.push('--thresholds', four(c.thresholds));
  if (differs(c.multipliers, DEFAULT_MULTIPLIERS)) out.push('--multipliers', four(c.multipliers));
  if (c.session === 'eth') out.push('--eth');
  return out;
}

function execFlags(input: CommandInput, exits: ExitCombo[] | undefined): string[] {
  const p = input.params;
  const d = defaultSimParams();
  const out: string[] = [];
  if (p.instrument.symbol !== d.instrument.symbol) out.push('--instrument', p.instrument.symbol);
  if (p.baseContracts !== d.baseContracts) out.push('--contracts', String(p.baseContracts));
  if (p.commissionPerSide !== p.instrument.commission) out.push('--commission', String(p.commissionPerSide));
  if (p.slippageTicks !== d.slippageTicks) out.push('--slippage', String(p.slippageTicks));
  const ex = exits ?? [{ stopTicks: p.stopTicks, targetTicks: p.targetTicks, timeStopBars: p.timeStopBars, dailyLossLimit: p.dailyLossLimit }];
  const axis = (flag: string, values: number[], dflt: number) => {
    if (values.length > 1 || values[0] !== dflt) out.push(flag, values.join(','));
  };
  axis('--stop', distinct(ex.map((e) => e.stopTicks)), d.stopTicks);
  // a target that is the default multiple of its stop is implied by the stop
  if (ex.some((e) => e.targetTicks !== e.stopTicks * DEFAULT_TARGET_MULTIPLE)) out.push('--target', distinct(ex.map((e) => e.targetTicks)).join(','));
  axis('--time-stop', distinct(ex.map((e) => e.timeStopBars)), d.timeStopBars);
  axis('--daily-loss-limit', distinct(ex.map((e) => e.dailyLossLimit)), d.dailyLossLimit);
  if (p.startingCapital !== d.startingCapital) out.push('--capital', String(p.startingCapital));
  if ((p.minEquity ?? 0) !== 0) out.push('--min-equity', String(p.minEquity));
  if (p.skipRollWeek) out.push('--skip-roll-week');
  return out;
}
