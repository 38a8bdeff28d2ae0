import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bars } from '../data/types.ts';
import { REPO_ROOT } from '../data/defaults.ts';
import { MiaError } from '../util/errors.ts';
import { FEATURE_NAMES, TIER_NAMES } from './types.ts';
import type { EngineConfig, FeatureName, TierName } from './types.ts';
import { multiplierOf, validateEngineConfig } from './config.ts';
import { Engine } from './engine.ts';
import type { DayContext } from './feature.ts';
import { runOriginalScenarios, timeOriginalScenarios } from './original/scenarios.ts';

// The 19 scenarios of the seed's weekend report (ENGINE_SPEC "The seed's scenarios" and §5), rebuilt as
// ES 5-minute bars and run in order through ONE mia engine instance (the original shared one calculator).

export const SEED_SCENARIOS_PATH = join(REPO_ROOT, 'data', 'seed-scenarios.json');

export type ScenarioGroup = 'confluence' | 'volume' | 'delta' | 'risk';

export interface SeedScenario {
  index: number;
  group: ScenarioGroup;
  name: string;
  price: number;
  volume: number;
  /** the seed's net_delta, fed independently of its bid/ask */
  delta: number;
  bid_volume: number;
  ask_volume: number;
  input_status: string;
  seed_score: number;
  seed_tier: TierName;
  /** the seed's recorded random volume_imbalance_signal (the four confluence scenarios only) */
  recorded_volume_imbalance_signal?: number;
}

export interface ScenarioResult {
  index: number;
  group: ScenarioGroup;
  name: string;
  seed: SeedScenario;
  /** the bar mia was fed */
  bar: { ts: string; open: number; high: number; low: number; close: number; volume: number; bidVolume: number; askVolume: number };
  score: number;
  tier: TierName;
  multiplier: number;
  direction: number;
  features: Record<FeatureName, number>;
  available: Record<FeatureName, boolean>;
}

/** Options context of every scenario (§5), already in the bars' price space. Net gamma: any positive value. */
export const SCENARIO_DAY: Readonly<DayContext> = Object.freeze({
  callWall: 5420,
  putWall: 5380,
  volTrigger: 5400,
  netGammaBn: 1,
  putCallRatio: 1.15,
  callVolume: 1000,
  putVolume: 1150,
});

/** 08:30 CT on the seed's Friday before the report: consecutive RTH 5-minute bars from there. */
export const SCENARIO_START_MS = Date.parse('2025-08-08T13:30:00Z');
const BAR_MS = 300_000;

export function loadSeedScenarios(path = SEED_SCENARIOS_PATH): SeedScenario[] {
  let doc: { scenarios?: SeedScenario[] };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as { scenarios?: SeedScenario[] };
  } catch (err) {
    throw new MiaError(`${path}: cannot read the seed scenarios: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc.scenarios) || doc.scenarios.length !== 19) throw new MiaError(`${path}: expected 19 scenarios`);
  return doc.scenarios;
}

/**
 * mia's bars carry no separate delta: delta is ask - bid by construction. Where the seed's delta and
 * bid/ask disagree, the seed's delta is kept (it is the quantity its sensitivity tables vary, and what
 * its order-flow terms read) and the volume is split as bid = (V - delta)/2, ask = (V + delta)/2.
 * "Imbalance Massif" is the exception: its point is the 18000/2000 bid/ask split, kept as given.
 */
export function scenarioFlow(s: SeedScenario): { bidVolume: number; askVolume: number } {
  if (s.name === 'Imbalance Massif' || s.ask_volume - s.bid_volume === s.delta) return { bidVolume: s.bid_volume, askVolume: s.ask_volume };
  return { bidVolume: (s.volume - s.delta) / 2, askVolume: (s.volume + s.delta) / 2 };
}

/** The 19 scenario bars: open = close = price, high/low = price +/- 2.5, one RTH trade date. */
export function scenarioBars(seeds: SeedScenario[]): Bars {
  const n = seeds.length;
  const col = (f: (s: SeedScenario, i: number) => number): Float64Array => Float64Array.from(seeds, f);
  const flows = seeds.map(scenarioFlow);
  return {
    n,
    symbol: 'ES',
    barMs: BAR_MS,
    ts: col((_, i) => SCENARIO_START_MS + i * BAR_MS),
    open: col((s) => s.price),
    high: col((s) => s.price + 2.5),
    low: col((s) => s.price - 2.5),
    close: col((s) => s.price),
    volume: col((s) => s.volume),
    bidVolume: col((_, i) => flows[i]!.bidVolume),
    askVolume: col((_, i) => flows[i]!.askVolume),
    trades: new Float64Array(n).fill(NaN),
    contractId: new Int32Array(n),
    contracts: ['ESU25'],
    tradeDate: new Int32Array(n).fill(20250808),
    rth: new Uint8Array(n).fill(1),
    rollWeek: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
}

/** One engine step's ten values and availability flags, by feature name. */
export function featureRecord(values: Float64Array, avail: Uint8Array): { features: Record<FeatureName, number>; available: Record<FeatureName, boolean> } {
  const features = {} as Record<FeatureName, number>;
  const available = {} as Record<FeatureName, boolean>;
  FEATURE_NAMES.forEach((name, k) => {
    features[name] = values[k]!;
    available[name] = avail[k] === 1;
  });
  return { features, available };
}

/** Runs the 19 scenarios in order through one engine instance (session settings do not apply: one session). */
export function runScenarios(config: EngineConfig, seeds: SeedScenario[] = loadSeedScenarios()): ScenarioResult[] {
  validateEngineConfig(config);
  if (config.engine === 'original') return runOriginalScenarios(config, seeds);
  const bars = scenarioBars(seeds);
  const engine = new Engine(config, bars.barMs);
  engine.reset();
  const day: DayContext = { ...SCENARIO_DAY };
  return seeds.map((seed, i) => {
    engine.step(bars, i, day);
    const { features, available } = featureRecord(engine.values, engine.available);
    return {
      index: seed.index,
      group: seed.group,
      name: seed.name,
      seed,
      bar: {
        ts: new Date(bars.ts[i]!).toISOString(),
        open: bars.open[i]!,
        high: bars.high[i]!,
        low: bars.low[i]!,
        close: bars.close[i]!,
        volume: bars.volume[i]!,
        bidVolume: bars.bidVolume[i]!,
        askVolume: bars.askVolume[i]!,
      },
      score: engine.score,
      tier: TIER_NAMES[engine.tier]!,
      multiplier: multiplierOf(engine.tier, config.multipliers),
      direction: engine.direction,
      features,
      available,
    };
  });
}

/**
 * Wall-clock cost of each scenario's engine step, median over `reps` runs of the whole 19-step sequence,
 * in microseconds. A timing, not a result: callers print it apart from the scores.
 */
export function timeScenarios(config: EngineConfig, reps = 201, seeds: SeedScenario[] = loadSeedScenarios()): number[] {
  if (config.engine === 'original') return timeOriginalScenarios(config, seeds, reps);
  const bars = scenarioBars(seeds);
  const day: DayContext = { ...SCENARIO_DAY };
  const samples = seeds.map(() => new Float64Array(reps));
  for (let r = 0; r < reps; r++) {
    const engine = new Engine(config, bars.barMs);
    engine.reset();
    for (let i = 0; i < bars.n; i++) {
      const t0 = process.hrtime.bigint();
      engine.step(bars, i, day);
      samples[i]![r] = Number(process.hrtime.bigint() - t0) / 1000;
    }
  }
  return samples.map((s) => {
    const sorted = Float64Array.from(s).sort();
    return sorted[sorted.length >> 1]!;
  });
}
