import { MiaError } from '../util/errors.ts';
import { DEFAULT_MULTIPLIERS, DEFAULT_THRESHOLDS, FEATURE_NAMES } from './types.ts';
import type { EngineConfig, FeatureName, Multipliers, Thresholds } from './types.ts';

/** The integrated engine's weights (ENGINE_SPEC §3), summing to 1.00. */
export const DEFAULT_WEIGHTS: Readonly<Record<FeatureName, number>> = Object.freeze({
  gamma_levels_proximity: 0.22,
  volume_confirmation: 0.16,
  vwap_trend_signal: 0.13,
  sierra_pattern_strength: 0.13,
  mtf_confluence_score: 0.1,
  smart_money_strength: 0.08,
  vwap_bands_signal: 0.08,
  volume_imbalance_signal: 0.05,
  order_book_imbalance: 0.03,
  options_flow_bias: 0.02,
});

/** Features that read below 0.5 as bearish: they vote on the side and are mirrored for shorts (D1). */
export const DIRECTIONAL: Readonly<Record<FeatureName, boolean>> = Object.freeze({
  gamma_levels_proximity: false,
  volume_confirmation: false,
  vwap_trend_signal: true,
  sierra_pattern_strength: false,
  mtf_confluence_score: true,
  smart_money_strength: true,
  vwap_bands_signal: false,
  volume_imbalance_signal: false,
  order_book_imbalance: true,
  options_flow_bias: true,
});

export const DEFAULT_DEAD_BAND = 0.05;
export const ES_TICK = 0.25;

export function defaultEngineConfig(): EngineConfig {
  return {
    engine: 'mia',
    weights: { ...DEFAULT_WEIGHTS },
    thresholds: { ...DEFAULT_THRESHOLDS },
    multipliers: { ...DEFAULT_MULTIPLIERS },
    session: 'rth',
    directionDeadBand: DEFAULT_DEAD_BAND,
    tick: ES_TICK,
  };
}

const TIER_KEYS = ['premium', 'strong', 'good', 'weak'] as const;

/** Throws one MiaError naming the first bad value; returns the config unchanged when valid. */
export function validateEngineConfig(c: EngineConfig): EngineConfig {
  if (c.engine !== 'mia' && c.engine !== 'original') throw new MiaError(`engine config: engine must be 'mia' or 'original', got '${String(c.engine)}'`);
  const names = new Set<string>(FEATURE_NAMES);
  for (const k of Object.keys(c.weights)) {
    if (!names.has(k)) throw new MiaError(`engine config: unknown feature '${k}' in weights (known: ${FEATURE_NAMES.join(', ')})`);
  }
  let sum = 0;
  for (const name of FEATURE_NAMES) {
    const w = c.weights[name];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new MiaError(`engine config: weight ${name} must be a finite number >= 0, got ${String(w)}`);
    sum += w;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new MiaError(`engine config: weights must sum to 1 (within 1e-9), they sum to ${sum}`);
  checkThresholds(c.thresholds);
  checkMultipliers(c.multipliers);
  if (c.session !== 'rth' && c.session !== 'eth') throw new MiaError(`engine config: session must be 'rth' or 'eth', got '${String(c.session)}'`);
  if (!Number.isFinite(c.directionDeadBand) || c.directionDeadBand < 0 || c.directionDeadBand > 1) {
    throw new MiaError(`engine config: directionDeadBand must be in [0,1], got ${String(c.directionDeadBand)}`);
  }
  if (!Number.isFinite(c.tick) || c.tick <= 0) throw new MiaError(`engine config: tick must be > 0, got ${String(c.tick)}`);
  return c;
}

function checkThresholds(t: Thresholds): void {
  for (const k of TIER_KEYS) {
    const v = t[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new MiaError(`engine config: threshold ${k} must be in [0,1], got ${String(v)}`);
  }
  if (!(t.premium > t.strong && t.strong > t.good && t.good > t.weak)) {
    throw new MiaError(`engine config: thresholds must be strictly ordered premium > strong > good > weak, got ${t.premium}, ${t.strong}, ${t.good}, ${t.weak}`);
  }
}

function checkMultipliers(m: Multipliers): void {
  for (const k of TIER_KEYS) {
    const v = m[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new MiaError(`engine config: multiplier ${k} must be a finite number >= 0, got ${String(v)}`);
  }
}

/** Tier code for a score: >= comparisons, top down (D2). NaN -> NO_TRADE. */
export function tierOf(score: number, t: Thresholds): number {
  return score >= t.premium ? 4 : score >= t.strong ? 3 : score >= t.good ? 2 : score >= t.weak ? 1 : 0;
}

export function multiplierOf(tier: number, m: Multipliers): number {
  return tier === 4 ? m.premium : tier === 3 ? m.strong : tier === 2 ? m.good : tier === 1 ? m.weak : 0;
}
