import type { EngineConfig } from '../types.ts';
import { TIER_NAMES } from '../types.ts';
import { multiplierOf } from '../config.ts';
import type { ScenarioResult, SeedScenario } from '../scenarios.ts';
import { SCENARIO_START_MS, featureRecord } from '../scenarios.ts';
import { OriginalEngine } from './engine.ts';
import { OriginalInputs } from './inputs.ts';

// The seed's 19 scenarios through the original engine with the inputs ENGINE_SPEC §5 proved: one engine for
// all 19 calls in order; open = close = price, high/low ± 2.5; order flow with aggressive buys = ask,
// aggressive sells = bid and the seed's own net delta; options 5420/5400/5380, net gamma > 0, put/call 1.15,
// call/put volume 1000/1150; no structure, patterns or book. volume_imbalance_signal is the seed's recorded
// draw where it was recorded (the four confluence scenarios), else absent (0, unavailable).

const BAR_MS = 300_000;

export function scenarioInputs(s: SeedScenario, x: OriginalInputs = new OriginalInputs()): OriginalInputs {
  x.o = s.price;
  x.c = s.price;
  x.h = s.price + 2.5;
  x.l = s.price - 2.5;
  x.v = s.volume;
  x.hasFlow = true;
  x.bid = s.bid_volume;
  x.ask = s.ask_volume;
  x.aggBuys = s.ask_volume;
  x.aggSells = s.bid_volume;
  x.netDelta = s.delta;
  x.hasOptions = true;
  x.callWall = 5420;
  x.putWall = 5380;
  x.volTrigger = 5400;
  x.netGamma = 1;
  x.putCallRatio = 1.15;
  x.callVolume = 1000;
  x.putVolume = 1150;
  x.hasStructure = false;
  x.hasSierra = false;
  x.hasBook = false;
  x.volumeImbalance = s.recorded_volume_imbalance_signal ?? NaN;
  return x;
}

export function runOriginalScenarios(config: EngineConfig, seeds: SeedScenario[]): ScenarioResult[] {
  const engine = new OriginalEngine(config);
  const x = new OriginalInputs();
  return seeds.map((seed, i) => {
    engine.stepInputs(scenarioInputs(seed, x));
    const { features, available } = featureRecord(engine.values, engine.available);
    return {
      index: seed.index,
      group: seed.group,
      name: seed.name,
      seed,
      bar: { ts: new Date(SCENARIO_START_MS + i * BAR_MS).toISOString(), open: x.o, high: x.h, low: x.l, close: x.c, volume: x.v, bidVolume: x.bid, askVolume: x.ask },
      score: engine.score,
      tier: TIER_NAMES[engine.tier]!,
      multiplier: multiplierOf(engine.tier, config.multipliers),
      // the original has no direction
      direction: 0,
      features,
      available,
    };
  });
}

/** Median wall-clock µs per scenario step of the original engine over `reps` runs of the 19. */
export function timeOriginalScenarios(config: EngineConfig, seeds: SeedScenario[], reps: number): number[] {
  const inputs = seeds.map((s) => scenarioInputs(s));
  const samples = seeds.map(() => new Float64Array(reps));
  for (let r = 0; r < reps; r++) {
    const engine = new OriginalEngine(config);
    for (let i = 0; i < inputs.length; i++) {
      const t0 = process.hrtime.bigint();
      engine.stepInputs(inputs[i]!);
      samples[i]![r] = Number(process.hrtime.bigint() - t0) / 1000;
    }
  }
  return samples.map((s) => Float64Array.from(s).sort()[reps >> 1]!);
}
