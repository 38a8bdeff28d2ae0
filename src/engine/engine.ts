import type { Bars } from '../data/types.ts';
import { FEATURE_NAMES } from './types.ts';
import type { EngineConfig } from './types.ts';
import type { DayContext, Feature } from './feature.ts';
import { SessionState } from './session-state.ts';
import { DIRECTIONAL, tierOf } from './config.ts';
import { GammaLevelsProximity } from './features/gamma_levels_proximity.ts';
import { VolumeConfirmation } from './features/volume_confirmation.ts';
import { VwapTrendSignal } from './features/vwap_trend_signal.ts';
import { SierraPatternStrength } from './features/sierra_pattern_strength.ts';
import { MtfConfluenceScore } from './features/mtf_confluence_score.ts';
import { SmartMoneyStrength } from './features/smart_money_strength.ts';
import { VwapBandsSignal } from './features/vwap_bands_signal.ts';
import { VolumeImbalanceSignal } from './features/volume_imbalance_signal.ts';
import { OrderBookImbalance } from './features/order_book_imbalance.ts';
import { OptionsFlowBias } from './features/options_flow_bias.ts';

/** Indices (FEATURE_NAMES order) of the directional features, as Engine.step() unrolls them. */
const UNROLLED_DIRECTIONAL = '2,4,5,8,9';
// A module-local binding: the TypeScript loader compiles an import to a property read on the exporting
// module's namespace, which the optimiser does not always fold away in the hottest loop.
const tierFor = tierOf;

/** The ten features in FEATURE_NAMES order, fresh state. */
export function createFeatures(barMs: number, tick: number): Feature[] {
  return [
    new GammaLevelsProximity(tick),
    new VolumeConfirmation(),
    new VwapTrendSignal(tick),
    new SierraPatternStrength(),
    new MtfConfluenceScore(barMs, tick),
    new SmartMoneyStrength(),
    new VwapBandsSignal(),
    new VolumeImbalanceSignal(tick),
    new OrderBookImbalance(),
    new OptionsFlowBias(),
  ];
}

/**
 * One engine instance: the shared session state, the ten features, the side-aligned score and the tier.
 * Replay and scenarios both drive this class; there is no second implementation. Each feature is called
 * through its own field so every call site stays monomorphic (the replay's speed depends on it).
 */
export class Engine {
  readonly state: SessionState;
  readonly features: Feature[];
  /** last step's values, FEATURE_NAMES order */
  readonly values = new Float64Array(10);
  readonly available = new Uint8Array(10);
  score = NaN;
  tier = 0;
  direction = 0;
  // the ten weights as number fields, FEATURE_NAMES order (step() adds them unrolled)
  private readonly w0: number;
  private readonly w1: number;
  private readonly w2: number;
  private readonly w3: number;
  private readonly w4: number;
  private readonly w5: number;
  private readonly w6: number;
  private readonly w7: number;
  private readonly w8: number;
  private readonly w9: number;
  // hoisted from config so step() reads fields of this one object only
  private readonly deadBand: number;
  private readonly thresholds: EngineConfig['thresholds'];
  private readonly f0: GammaLevelsProximity;
  private readonly f1: VolumeConfirmation;
  private readonly f2: VwapTrendSignal;
  private readonly f3: SierraPatternStrength;
  private readonly f4: MtfConfluenceScore;
  private readonly f5: SmartMoneyStrength;
  private readonly f6: VwapBandsSignal;
  private readonly f7: VolumeImbalanceSignal;
  private readonly f8: OrderBookImbalance;
  private readonly f9: OptionsFlowBias;

  constructor(readonly config: EngineConfig, barMs: number) {
    this.state = new SessionState(config.tick);
    this.deadBand = config.directionDeadBand;
    this.thresholds = config.thresholds;
    const f = createFeatures(barMs, config.tick);
    this.f0 = f[0] as GammaLevelsProximity;
    this.f1 = f[1] as VolumeConfirmation;
    this.f2 = f[2] as VwapTrendSignal;
    this.f3 = f[3] as SierraPatternStrength;
    this.f4 = f[4] as MtfConfluenceScore;
    this.f5 = f[5] as SmartMoneyStrength;
    this.f6 = f[6] as VwapBandsSignal;
    this.f7 = f[7] as VolumeImbalanceSignal;
    this.f8 = f[8] as OrderBookImbalance;
    this.f9 = f[9] as OptionsFlowBias;
    this.features = [this.f0, this.f1, this.f2, this.f3, this.f4, this.f5, this.f6, this.f7, this.f8, this.f9];
    const w = FEATURE_NAMES.map((name) => config.weights[name]) as [number, number, number, number, number, number, number, number, number, number];
    [this.w0, this.w1, this.w2, this.w3, this.w4, this.w5, this.w6, this.w7, this.w8, this.w9] = w;
    // step() hard-codes which features are directional: fail loudly if config.ts ever changes the set
    const directional = FEATURE_NAMES.flatMap((name, k) => (DIRECTIONAL[name] ? [k] : [])).join(',');
    if (directional !== UNROLLED_DIRECTIONAL) throw new Error(`engine: directional features ${directional}, step() is unrolled for ${UNROLLED_DIRECTIONAL}`);
  }

  /** New session, contract or data gap: every window and the session VWAP start over. */
  reset(): void {
    this.state.reset();
    for (const f of this.features) f.reset();
  }

  /** Feeds bar i (closed) and computes everything for it. */
  step(b: Bars, i: number, day: DayContext): void {
    const s = this.state;
    s.update(b, i);
    const v = this.values;
    const a = this.available;
    const x0 = this.f0.update(b, i, s, day);
    const x1 = this.f1.update(b, i);
    const x2 = this.f2.update(b, i, s);
    const x3 = this.f3.update();
    const x4 = this.f4.update(b, i, s);
    const x5 = this.f5.update(b, i, s);
    const x6 = this.f6.update(b, i, s);
    const x7 = this.f7.update(b, i, s);
    const x8 = this.f8.update(b, i);
    const x9 = this.f9.update(b, i, s, day);
    v[0] = x0;
    v[1] = x1;
    v[2] = x2;
    v[3] = x3;
    v[4] = x4;
    v[5] = x5;
    v[6] = x6;
    v[7] = x7;
    v[8] = x8;
    v[9] = x9;
    a[0] = this.f0.available ? 1 : 0;
    a[1] = this.f1.available ? 1 : 0;
    a[2] = this.f2.available ? 1 : 0;
    a[3] = 0;
    a[4] = this.f4.available ? 1 : 0;
    a[5] = this.f5.available ? 1 : 0;
    a[6] = this.f6.available ? 1 : 0;
    a[7] = this.f7.available ? 1 : 0;
    a[8] = this.f8.available ? 1 : 0;
    a[9] = this.f9.available ? 1 : 0;
    // sideAlignedScore (confluence.ts, D1) unrolled over the ten features: the weights are plain number
    // fields and the directional set (2, 4, 5, 8, 9) is fixed (checked in the constructor), so there is no
    // loop, mask or array read. Terms are added in the same order as the loop, so the score is bit-identical.
    const w0 = this.w0;
    const w1 = this.w1;
    const w2 = this.w2;
    const w3 = this.w3;
    const w4 = this.w4;
    const w5 = this.w5;
    const w6 = this.w6;
    const w7 = this.w7;
    const w8 = this.w8;
    const w9 = this.w9;
    let vote = 0;
    vote += w2 * 2 * (x2 - 0.5);
    vote += w4 * 2 * (x4 - 0.5);
    vote += w5 * 2 * (x5 - 0.5);
    vote += w8 * 2 * (x8 - 0.5);
    vote += w9 * 2 * (x9 - 0.5);
    const deadBand = this.deadBand;
    const side = vote > 0 && vote >= deadBand ? 1 : vote < 0 && vote <= -deadBand ? -1 : 0;
    let sc = 0;
    sc += w0 * x0;
    sc += w1 * x1;
    if (side === -1) {
      sc += w2 * (1 - x2);
      sc += w3 * x3;
      sc += w4 * (1 - x4);
      sc += w5 * (1 - x5);
      sc += w6 * x6;
      sc += w7 * x7;
      sc += w8 * (1 - x8);
      sc += w9 * (1 - x9);
    } else {
      sc += w2 * x2;
      sc += w3 * x3;
      sc += w4 * x4;
      sc += w5 * x5;
      sc += w6 * x6;
      sc += w7 * x7;
      sc += w8 * x8;
      sc += w9 * x9;
    }
    const score = sc < 0 ? 0 : sc > 1 ? 1 : sc;
    this.score = score;
    this.direction = side;
    this.tier = tierFor(score, this.thresholds);
  }
}
