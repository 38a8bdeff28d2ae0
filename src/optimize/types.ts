// The inputs and the JSON document of `mia optimize` (what `--json` prints).
import type { FeatureName, Thresholds } from '../engine/types.ts';
import type { RunInput, SimParams } from '../simulate/types.ts';
import type { Objective } from '../sweep/objective.ts';
import type { Span } from '../sweep/walk-forward.ts';
import type { Manifest } from '../util/manifest.ts';
import type { Progress } from '../util/progress.ts';
import type { SearchOptions } from './search.ts';
import type { WeightSpace } from './simplex.ts';
import type { RegimeSpec } from './regime.ts';
import type { SeriesFigures } from './oos.ts';
import type { DsrFigures, PboFigures } from './overfitting.ts';
import type { MatrixLoad } from './feature-matrix.ts';
import type { ExitRecord } from './evaluate.ts';
import type { RandomEntryFigures } from './random-entry.ts';

export interface OptimizeInput extends RunInput {
  objective: Objective;
  minTrades: number;
  ladder: Thresholds[];
  gateSpec: string;
  /** exit combinations searched with every weight set (each a full SimParams; one = the run's exits) */
  exits: SimParams[];
  space: WeightSpace;
  search: SearchOptions;
  walkForward: { spec: string; train: Span; test: Span; anchored: boolean } | null;
  regime: RegimeSpec | null;
  randomDraws: number;
  cacheDir: string | null;
  /** the `mia optimize …` line that reproduces this run */
  command: string;
  /** options as given, for the manifest */
  options: Record<string, unknown>;
  progress?: (label: string, total: number) => Progress;
  /** a feature matrix already built (tests, bench): skips the cache and the replay */
  matrix?: MatrixLoad;
}

export type Weights = Record<FeatureName, number>;

export interface WindowResult {
  index: number;
  train_from: string;
  train_to: string;
  test_from: string;
  test_to: string;
  weights: Weights | null;
  thresholds: Thresholds | null;
  exits: ExitRecord | null;
  weight_sets: number;
  stopped_early: boolean;
  train_objective: number | null;
  test: SeriesFigures;
  seed_thresholds: Thresholds | null;
  seed_exits: ExitRecord | null;
  seed_test: SeriesFigures;
  regime_test: SeriesFigures | null;
}

export interface RegimeResult {
  spec: string;
  buckets: number;
  /** the final (whole-span) choice */
  cut_points: number[];
  thresholds: (Thresholds | null)[];
  trials: number;
  in_sample: SeriesFigures;
  dsr: DsrFigures;
  oos: SeriesFigures | null;
  /** OOS Sharpe of the regime configuration minus the single-set one (same weights) */
  oos_sharpe_gain: number | null;
}

export interface OptimizeResult {
  manifest: Manifest;
  command: string;
  objective: Objective;
  min_trades: number;
  search: { budget: number; patience: number; seed: number; random_share: number; gates: string; ladder_sets: number; exit_combinations: ExitRecord[]; weight_sets: number; trials: number; distinct_trials: number; stopped_early: boolean; pinned: Partial<Weights> };
  feature_matrix: { key: string; rows: number; cached: boolean; path: string | null };
  recommended: { weights: Weights; thresholds: Thresholds; exits: ExitRecord; in_sample: SeriesFigures; backtest_flags: string } | null;
  seed: { weights: Weights; thresholds: Thresholds | null; exits: ExitRecord | null; in_sample: SeriesFigures | null };
  shares: { learned: Weights; seed: Weights } | null;
  overfitting: { dsr: DsrFigures | null; pbo: PboFigures | null };
  walk_forward: {
    spec: string;
    anchored: boolean;
    windows: WindowResult[];
    oos: SeriesFigures;
    seed_oos: SeriesFigures;
    random_entry: RandomEntryFigures | null;
  } | null;
  regime: RegimeResult | null;
  verdict: { significant: boolean; level: string; text: string };
  notes: string[];
}
