// THE recommended configuration (thresholds and exits). Exactly one function, `recommend`, produces it, from a
// stated rule; `mia calibrate` prints it and `report weekend` shows it, with the same defaults, and both carry the
// one `mia calibrate …` command line that reproduces it.
//
// Rules:
//  - objective (default): sweep the default grid (every tier across the data's score range, the entry gate
//    included; `grid` replaces tier axes) × the exit combinations on the training window; the recommendation is
//    the best trial by `objective` among those with at least `minTrades` training trades; ties go to higher net
//    P&L, then to the lower trial index (exit combinations in the order given, thresholds ascending). A trial
//    whose objective is undefined (Sharpe of < 20 days or no variance), or that reaches ruin (equity at
//    --min-equity) on the training window, never wins. No eligible trial: "no set qualifies".
//  - signal-rate (`perSession`): each tier's threshold from per-session signal targets (src/sweep/calibrate.ts).
// Windows: `train`/`test` as given; by default the first 2/3 of the sessions train and the rest test (each side
// needs MIN_WINDOW_SESSIONS, else the whole input trains and nothing is tested). With `walkForward`, the choice
// is re-made on every window (the out-of-sample evidence) and the recommendation is the choice on the TRAIN span
// ending at the last session: what walk-forward would trade next.
import type { Thresholds } from '../engine/types.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import type { ExitCombo, RunInput, Signals } from '../simulate/types.ts';
import { replay } from '../engine/replay.ts';
import { MiaError } from '../util/errors.ts';
import type { Progress } from '../util/progress.ts';
import type { TierKey } from './grid.ts';
import type { Objective } from './objective.ts';
import type { Span } from './walk-forward.ts';
import { isoDate, type Period } from './period.ts';
import { runSweep, type SweepInput, type SweepResult } from './run-sweep.ts';
import { runCalibrate, type CalibrateResult, type RateTargets } from './calibrate.ts';
import { exitOf, exitText } from './exit-space.ts';
import { calibrateCommand } from './calibrate-command.ts';

export const DEFAULT_OBJECTIVE: Objective = 'sharpe';
export const DEFAULT_MIN_TRADES = 30;
export const DEFAULT_TRAIN_SHARE = 2 / 3;
/** below this many sessions on either side an out-of-sample split says nothing */
export const MIN_WINDOW_SESSIONS = 10;
export const NO_SET_QUALIFIES = 'no set qualifies';

export interface RecommendInput extends RunInput {
  objective?: Objective;
  minTrades?: number;
  train?: Period | null;
  test?: Period | null;
  /** tier axes replacing the default grid's (range specs) */
  grid?: Partial<Record<TierKey, string>>;
  /** exit combinations to sweep (default: the exits of `params`) */
  exits?: ExitCombo[];
  /** walk-forward instead of one train/test split: the recommendation is the choice on the last TRAIN span */
  walkForward?: { spec: string; train: Span; test: Span; anchored: boolean } | null;
  /** the signal-rate rule instead of the objective rule */
  perSession?: RateTargets | null;
  quantile?: number;
  signals?: Signals;
  workers?: number;
  /** another runner for the sweep's trials (the Redis fleet); the rows, so the recommendation, are the same */
  runner?: NonNullable<SweepInput['runner']>;
  progress?: (label: string, total: number) => Progress;
}

export interface Recommendation {
  rule: 'objective' | 'signal-rate';
  /** the rule in words, with its parameters */
  rule_text: string;
  objective: Objective | null;
  min_trades: number | null;
  train: Period | null;
  test: Period | null;
  /** null = no recommendation (see `no_recommendation`) */
  thresholds: Thresholds | null;
  exits: ExitCombo | null;
  /** "no set qualifies: …" when nothing is recommended */
  no_recommendation: string | null;
  /** the `mia calibrate …` command line that reproduces this recommendation */
  command: string;
  sweep: SweepResult | null;
  calibrate: CalibrateResult | null;
}

/** The default split of the sessions: the first 2/3 train, the rest test; null when either side is too short. */
export function defaultWindows(dates: ArrayLike<number>): { train: Period; test: Period } | null {
  const T = dates.length;
  const cut = Math.round(T * DEFAULT_TRAIN_SHARE);
  if (cut < MIN_WINDOW_SESSIONS || T - cut < MIN_WINDOW_SESSIONS) return null;
  const p = (a: number, b: number): Period => ({ from: a, to: b, text: `${isoDate(a)}:${isoDate(b)}` });
  return { train: p(dates[0] as number, dates[cut - 1] as number), test: p(dates[cut] as number, dates[T - 1] as number) };
}

export async function recommend(input: RecommendInput): Promise<Recommendation> {
  if (Boolean(input.train) !== Boolean(input.test) && !input.perSession) throw new MiaError('--train and --test go together');
  if (input.walkForward && input.perSession) throw new MiaError('calibrate: --walk-forward belongs to the objective rule, not --per-session');
  const signals = input.signals ?? replayOnce(input);
  let train = input.train ?? null;
  let test = input.test ?? null;
  // the signal-rate rule keeps its own default (calibrate on the whole input); the objective rule holds out a test
  if (!train && !test && !input.perSession && !input.walkForward) {
    const w = defaultWindows(planTrades(input.bars, signals, input.params).sessionDates);
    if (w) ({ train, test } = w);
  }
  const run = { ...input, signals, train, test };
  return input.perSession ? rateRule(run, input.perSession) : objectiveRule(run);
}

function replayOnce(input: RecommendInput): Signals {
  const p = input.progress?.('replay', input.bars.n);
  const out = replay(input.bars, input.context, input.engineConfig, p ? { onProgress: (d) => p.update(d) } : {});
  p?.stop();
  return out;
}

type Resolved = RecommendInput & { signals: Signals; train: Period | null; test: Period | null };

async function objectiveRule(input: Resolved): Promise<Recommendation> {
  const objective = input.objective ?? DEFAULT_OBJECTIVE;
  const minTrades = input.minTrades ?? DEFAULT_MIN_TRADES;
  const exits = input.exits ?? [exitOf(input.params)];
  const sweep = await runSweep({
    ...input, exits, objective, minTrades, top: 5, gridOverrides: input.grid ?? {}, setsSource: { rule: 'recommend' },
    ...(input.workers !== undefined ? { workers: input.workers } : {}),
  });
  const wf = sweep.walk_forward;
  const next = wf?.next;
  const c = wf ? (next?.chosen ? { thresholds: next.chosen, exits: next.chosen_exits as ExitCombo } : null) : sweep.chosen;
  const where = wf && next
    ? `the last ${input.walkForward!.anchored ? 'anchored' : `${input.walkForward!.spec.split('/')[0]}`} training window (${next.train_from}..${next.train_to}; walk-forward ${wf.spec} re-chose on every earlier window, out-of-sample evidence in the sweep)`
    : input.train ? 'the training window' : 'the whole input (too few sessions to hold a test window out)';
  const gridText = `${sweep.threshold_sets} ordered threshold sets spanning the traded-side score range, entry gate (WEAK) included${exits.length > 1 ? `, × ${exits.length} exit combinations` : ''}`;
  return {
    rule: 'objective',
    rule_text: `highest ${objective} on ${where} among ${gridText}, with at least ${minTrades} trades there and no ruin; ties: higher net P&L, then grid order`,
    objective,
    min_trades: minTrades,
    train: input.train,
    test: input.test,
    thresholds: c ? c.thresholds : null,
    exits: c ? c.exits : null,
    no_recommendation: c ? null : `${NO_SET_QUALIFIES}: none of the ${sweep.trials} trials has a defined ${objective} with at least ${minTrades} trades and no ruin on ${where}`,
    command: calibrateCommand(input, { objective, minTrades, exits, ...(input.walkForward ? { walkForward: input.walkForward } : {}) }),
    sweep,
    calibrate: null,
  };
}

function rateRule(input: Resolved, targets: RateTargets): Recommendation {
  if (input.exits && input.exits.length > 1) throw new MiaError('calibrate --per-session: the signal-rate rule chooses thresholds only; give single --stop/--target/--time-stop/--daily-loss-limit values');
  const cal = runCalibrate({ ...input, targets, quantile: input.quantile ?? 0.5, train: input.train, test: input.test });
  return {
    rule: 'signal-rate',
    rule_text: cal.rule,
    objective: null,
    min_trades: null,
    train: input.train,
    test: input.test,
    thresholds: cal.thresholds,
    exits: exitOf(input.params),
    no_recommendation: null,
    command: calibrateCommand(input, { perSession: targets, quantile: input.quantile ?? 0.5 }),
    sweep: null,
    calibrate: cal,
  };
}

/** "0.44/0.40/0.32/0.29 with stop 8, target 16, time stop off, limit $2000" */
export function recommendationText(r: Recommendation): string {
  if (!r.thresholds) return r.no_recommendation ?? NO_SET_QUALIFIES;
  const t = r.thresholds;
  return `${t.premium}/${t.strong}/${t.good}/${t.weak}${r.exits ? ` with ${exitText(r.exits)}` : ''}`;
}
