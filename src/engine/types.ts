// The engine's contract: ten features in [0,1], one weighted score, a tier and a direction per bar.

/** Column names from ENGINE_SPEC.md, in the spec's summary order. */
export const FEATURE_NAMES = [
  'gamma_levels_proximity',
  'volume_confirmation',
  'vwap_trend_signal',
  'sierra_pattern_strength',
  'mtf_confluence_score',
  'smart_money_strength',
  'vwap_bands_signal',
  'volume_imbalance_signal',
  'order_book_imbalance',
  'options_flow_bias',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Tier codes, ordered so that a higher code is a stronger signal. */
export const Tier = { NO_TRADE: 0, WEAK: 1, GOOD: 2, STRONG: 3, PREMIUM: 4 } as const;
export type TierCode = (typeof Tier)[keyof typeof Tier];
export const TIER_NAMES = ['NO_TRADE', 'WEAK', 'GOOD', 'STRONG', 'PREMIUM'] as const;
export type TierName = (typeof TIER_NAMES)[number];

/** Minimum score for each tier (>= comparisons, top down). */
export interface Thresholds {
  premium: number;
  strong: number;
  good: number;
  weak: number;
}
/** Position multiplier per tier. */
export interface Multipliers {
  premium: number;
  strong: number;
  good: number;
  weak: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { premium: 0.38, strong: 0.32, good: 0.28, weak: 0.18 };
/** The original code's variant (ENGINE_SPEC D2). */
export const CODE_THRESHOLDS: Thresholds = { premium: 0.38, strong: 0.3, good: 0.25, weak: 0.18 };
export const DEFAULT_MULTIPLIERS: Multipliers = { premium: 2.0, strong: 1.5, good: 1.0, weak: 0.5 };

/** Which bars the engine replays: RTH only (state resets at 08:30 CT) or the full ETH trade date (resets 17:00 CT). */
export type SessionMode = 'rth' | 'eth';

/** Which engine: mia's (the original as amended by ENGINE_SPEC §7) or the original as the live system runs it (§0–§6). */
export type EngineKind = 'mia' | 'original';
export const ENGINE_KINDS: readonly EngineKind[] = ['mia', 'original'];

export interface EngineConfig {
  /** 'mia' (default) or 'original' (docs/engine.md) */
  engine: EngineKind;
  weights: Record<FeatureName, number>;
  thresholds: Thresholds;
  multipliers: Multipliers;
  session: SessionMode;
  /** dead-band on the directional vote |V| (D1) */
  directionDeadBand: number;
  /** instrument tick size (D18) */
  tick: number;
}

/** Everything the replay produces, one typed array per column. Bars the engine did not see score NaN / tier 0 / direction 0. */
export interface EngineOutput {
  n: number;
  features: Record<FeatureName, Float64Array>;
  /** 1 where the feature ran on real inputs, 0 where it sat on its spec default */
  available: Record<FeatureName, Uint8Array>;
  score: Float64Array;
  tier: Uint8Array;
  /** 1 long, -1 short, 0 none */
  direction: Int8Array;
  /** 1 where the engine processed the bar (session filter) */
  active: Uint8Array;
  config: EngineConfig;
}
