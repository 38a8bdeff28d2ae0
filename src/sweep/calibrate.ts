// `mia calibrate`: thresholds chosen from the training window's score distribution so that per-session signal
// counts land in the trader's target ranges ("2-4 PREMIUM and 5-10 STRONG a session"), then the rates and the
// P&L achieved on train and test, by the same simulator as the backtest.
//
// Rule (top down, tiers given from PREMIUM without gaps): the target for a tier is the midpoint of its range;
// the cumulative target of tier k is the sum of the midpoints of k and every tier above it (a STRONG signal is a
// score >= STRONG that is not PREMIUM). τ_k is the highest score (floored to 1e-4) at which the q-quantile over
// training sessions of "signals with score >= τ_k in the session" reaches that cumulative target (q = 0.5 by
// default: the median session). Tiers not given keep their current threshold.
import type { Thresholds } from '../engine/types.ts';
import { tierOf } from '../engine/config.ts';
import { replay } from '../engine/replay.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import { execParamsRecord } from '../simulate/params-record.ts';
import type { BacktestInput } from '../simulate/run-backtest.ts';
import type { Signals, TradePlan } from '../simulate/types.ts';
import { MiaError } from '../util/errors.ts';
import { manifest, type Manifest } from '../util/manifest.ts';
import type { Progress } from '../util/progress.ts';
import { TIER_KEYS, isOrdered, type TierKey } from './grid.ts';
import { isoDate, type Period } from './period.ts';
import { planWindow, sessionRange } from './plan-window.ts';
import { setFigures, type SetFigures } from './set-figures.ts';
import { quantileOf } from './score-distribution.ts';
import type { RunInput } from '../simulate/types.ts';

export interface RateTarget {
  min: number;
  max: number;
}
export type RateTargets = Partial<Record<TierKey, RateTarget>>;

/** `premium=2-4,strong=5-10` → targets; tiers must run from PREMIUM down without a gap. */
export function parsePerSession(spec: string): RateTargets {
  const out: RateTargets = {};
  for (const part of spec.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) throw new MiaError(`--per-session: '${part.trim()}' must look like premium=2-4`);
    const tier = m[1] as string;
    if (!(TIER_KEYS as readonly string[]).includes(tier)) throw new MiaError(`--per-session: unknown tier '${tier}' (premium, strong, good, weak)`);
    const k = tier as TierKey;
    if (out[k]) throw new MiaError(`--per-session: ${k} given twice`);
    const min = Number(m[2]);
    const max = Number(m[3]);
    if (max < min) throw new MiaError(`--per-session: ${k}=${min}-${max} is inverted`);
    if (max <= 0) throw new MiaError(`--per-session: ${k}=${min}-${max} asks for no signals`);
    out[k] = { min, max };
  }
  let gap = false;
  for (const k of TIER_KEYS) {
    if (!out[k]) gap = true;
    else if (gap) throw new MiaError(`--per-session: give tiers from premium down without a gap (${k} given, a tier above it missing)`);
  }
  if (!out.premium) throw new MiaError('--per-session: at least premium=MIN-MAX is needed');
  return out;
}

export interface CalibrateInput extends RunInput {
  targets: RateTargets;
  /** session quantile that must reach the target (0.5 = median session) */
  quantile?: number;
  train?: Period | null;
  test?: Period | null;
  signals?: Signals;
  progress?: (label: string, total: number) => Progress;
}

export interface RateStats {
  mean: number;
  median: number;
  /** share of sessions whose count lies in the target range */
  in_range: number | null;
}

export interface CalibrateTierRow {
  tier: TierKey;
  target: RateTarget | null;
  current_threshold: number;
  threshold: number;
  train: RateStats;
  test: RateStats | null;
}

export interface CalibrateResult {
  manifest: Manifest;
  rule: string;
  quantile: number;
  train: { from: string | null; to: string | null; sessions: number };
  test: { from: string | null; to: string | null; sessions: number } | null;
  current: Thresholds;
  thresholds: Thresholds;
  tiers: CalibrateTierRow[];
  figures: { train: { calibrated: SetFigures; current: SetFigures }; test: { calibrated: SetFigures; current: SetFigures } | null };
}

const TIER_CODE: Record<TierKey, number> = { premium: 4, strong: 3, good: 2, weak: 1 };

/** Type-7 quantile of a sorted array (0 when empty: a window without sessions has no signals). */
function quantileSorted(a: Float64Array, q: number): number {
  return a.length === 0 ? 0 : quantileOf(a, q);
}

/** Per-session count of candidate signals with score >= tau. */
function countsAtOrAbove(plan: TradePlan, tau: number): Float64Array {
  const c = new Float64Array(plan.sessionDates.length);
  for (let k = 0; k < plan.n; k++) if ((plan.score[k] as number) >= tau) c[plan.sessionIdx[k] as number]! += 1;
  return c;
}

/** Per-session signal counts of one tier under thresholds t (the scan's tier signal count, split by session). */
export function tierCountsPerSession(plan: TradePlan, t: Thresholds, tier: number): Float64Array {
  const c = new Float64Array(plan.sessionDates.length);
  for (let k = 0; k < plan.n; k++) if (tierOf(plan.score[k] as number, t) === tier) c[plan.sessionIdx[k] as number]! += 1;
  return c;
}

/** The highest threshold (floored to 1e-4) whose q-quantile session count reaches `target`. */
export function thresholdForCount(plan: TradePlan, target: number, q: number): number {
  const scores = Float64Array.from(plan.score).sort();
  // distinct scores ascending; predicate "quantile count >= target" is true at low τ, false at high τ
  const qAt = (tau: number) => quantileSorted(countsAtOrAbove(plan, tau).sort(), q);
  let lo = 0;
  let hi = scores.length - 1;
  if (hi < 0 || qAt(scores[0] as number) < target) {
    throw new MiaError(`calibrate: even a threshold of ${scores.length ? (scores[0] as number).toFixed(4) : 'any value'} gives the ${q === 0.5 ? 'median' : `${q}-quantile`} session fewer than ${target} signals: the target cannot be met on the training window`);
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (qAt(scores[mid] as number) >= target) lo = mid;
    else hi = mid - 1;
  }
  return Math.floor((scores[lo] as number) * 1e4) / 1e4;
}

function rateStats(counts: Float64Array, target: RateTarget | null): RateStats {
  const n = counts.length;
  let s = 0;
  let inside = 0;
  for (const c of counts) {
    s += c;
    if (target && c >= target.min && c <= target.max) inside++;
  }
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return { mean: n ? r(s / n) : 0, median: r(quantileSorted(Float64Array.from(counts).sort(), 0.5)), in_range: target && n ? r(inside / n) : null };
}

/** Session ranges of the training window (default: all) and the test window, checked against the data. */
function calibrationWindows(plan: TradePlan, input: CalibrateInput): { tr: { from: number; to: number }; te: { from: number; to: number } | null } {
  const T = plan.sessionDates.length;
  let tr = { from: 0, to: T };
  let te: { from: number; to: number } | null = null;
  if (input.train) {
    tr = sessionRange(plan, input.train.from, input.train.to);
    if (tr.to <= tr.from) throw new MiaError(`--train ${input.train.text}: no session of the input falls in it`);
  }
  if (input.test) {
    te = sessionRange(plan, input.test.from, input.test.to);
    if (te.to <= te.from) throw new MiaError(`--test ${input.test.text}: no session of the input falls in it`);
    if (input.train && input.test.from <= input.train.to && input.train.from <= input.test.to) throw new MiaError(`--train and --test overlap: the test must be out of sample`);
  }
  if (tr.to <= tr.from) throw new MiaError('calibrate: no session in the input');
  return { tr, te };
}

/** The rule, tier by tier from PREMIUM down; tiers without a target keep `current`. */
function chooseThresholds(trainPlan: TradePlan, targets: RateTargets, q: number, current: Thresholds): Thresholds {
  const chosen = { ...current };
  let cumulative = 0;
  for (const k of TIER_KEYS) {
    const t = targets[k];
    if (!t) break;
    cumulative += (t.min + t.max) / 2;
    chosen[k] = thresholdForCount(trainPlan, cumulative, q);
  }
  // floors can collide on coarse score grids: keep the tiers strictly ordered, one 1e-4 step apart
  for (let i = 1; i < TIER_KEYS.length; i++) {
    const up = TIER_KEYS[i - 1] as TierKey;
    const k = TIER_KEYS[i] as TierKey;
    if (targets[k] && chosen[k] >= chosen[up]) chosen[k] = Math.round((chosen[up] - 1e-4) * 1e4) / 1e4;
  }
  if (!isOrdered(chosen)) {
    const given = TIER_KEYS.filter((k) => targets[k]).join(', ');
    throw new MiaError(`calibrate: the thresholds for ${given} (${chosen.premium}/${chosen.strong}/${chosen.good}/${chosen.weak}) are no longer above the tiers kept below them: give targets for the lower tiers too`);
  }
  return chosen;
}

export function runCalibrate(input: CalibrateInput): CalibrateResult {
  const { bars, params, targets } = input;
  const q = input.quantile ?? 0.5;
  if (!(q > 0 && q < 1)) throw new MiaError(`--quantile ${q}: must be between 0 and 1`);
  if (input.test && !input.train) throw new MiaError('--test needs --train (calibrate on one window, check on another)');
  let signals = input.signals;
  if (!signals) {
    const p = input.progress?.('replay', bars.n);
    signals = replay(bars, input.context, input.engineConfig, { onProgress: (d) => p?.update(d) });
    p?.stop();
  }
  const plan = planTrades(bars, signals, params);
  const { tr, te } = calibrationWindows(plan, input);
  const trainPlan = planWindow(plan, tr.from, tr.to);
  const testPlan = te ? planWindow(plan, te.from, te.to) : null;
  const current = { ...params.thresholds };
  const chosen = chooseThresholds(trainPlan, targets, q, current);

  const base: BacktestInput = { bars, context: input.context, sources: input.sources, from: input.from, to: input.to, engineConfig: input.engineConfig, params };
  const tiers: CalibrateTierRow[] = TIER_KEYS.map((k) => {
    const target = targets[k] ?? null;
    return {
      tier: k,
      target,
      current_threshold: current[k],
      threshold: chosen[k],
      train: rateStats(tierCountsPerSession(trainPlan, chosen, TIER_CODE[k]), target),
      test: testPlan ? rateStats(tierCountsPerSession(testPlan, chosen, TIER_CODE[k]), target) : null,
    };
  });
  const figs = (p: TradePlan) => ({ calibrated: setFigures(base, p, chosen, 'net').figures, current: setFigures(base, p, current, 'net').figures });
  const info = (w: { from: number; to: number }) => ({ from: isoDate(plan.sessionDates[w.from] as number), to: isoDate(plan.sessionDates[w.to - 1] as number), sessions: w.to - w.from });
  return {
    manifest: manifest('calibrate', input.sources, {
      from: input.from,
      to: input.to,
      per_session: targets,
      quantile: q,
      train: input.train?.text ?? null,
      test: input.test?.text ?? null,
      current_thresholds: current,
      multipliers: params.multipliers,
      ...execParamsRecord(params),
      engine: { name: input.engineConfig.engine, weights: input.engineConfig.weights, session: input.engineConfig.session, direction_dead_band: input.engineConfig.directionDeadBand },
    }),
    rule: `each tier's threshold is the highest score (floored to 1e-4) at which the ${q}-quantile training session has at least the summed range midpoints of that tier and the tiers above it`,
    quantile: q,
    train: info(tr),
    test: te ? info(te) : null,
    current,
    thresholds: chosen,
    tiers,
    figures: { train: figs(trainPlan), test: testPlan ? figs(testPlan) : null },
  };
}
