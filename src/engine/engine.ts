import type { Bars } from '../data/types.ts';
import { FEATURE_NAMES } from './types.ts';
import type { EngineConfig } from './types.ts';
import type { DayContext, Feature } from './feature.ts';
import { SessionState } from './session-state.ts';
import { DIRECTIONAL, tierOf } from './config.ts';
import { sideAlignedScore } from './confluence.ts';
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

// The per-bar calls below go through module-local bindings: the TypeScript loader compiles each import to a
// property read on the exporting module's namespace (an accessor), which the optimiser does not always fold
// away in the hottest loop. A local const is read once at load time.
const scoreFor = sideAlignedScore;
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
  private readonly w = new Float64Array(10);
  private readonly dirMask = new Uint8Array(10);
  private readonly side = new Int8Array(1);
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
    FEATURE_NAMES.forEach((name, k) => {
      this.w[k] = config.weights[name];
      this.dirMask[k] = DIRECTIONAL[name] ? 1 : 0;
    });
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
    v[0] = this.f0.update(b, i, s, day);
    a[0] = this.f0.available ? 1 : 0;
    v[1] = this.f1.update(b, i);
    a[1] = this.f1.available ? 1 : 0;
    v[2] = this.f2.update(b, i, s);
    a[2] = this.f2.available ? 1 : 0;
    v[3] = this.f3.update();
    a[3] = 0;
    v[4] = this.f4.update(b, i, s);
    a[4] = this.f4.available ? 1 : 0;
    v[5] = this.f5.update(b, i, s);
    a[5] = this.f5.available ? 1 : 0;
    v[6] = this.f6.update(b, i, s);
    a[6] = this.f6.available ? 1 : 0;
    v[7] = this.f7.update(b, i, s);
    a[7] = this.f7.available ? 1 : 0;
    v[8] = this.f8.update(b, i);
    a[8] = this.f8.available ? 1 : 0;
    v[9] = this.f9.update(b, i, s, day);
    a[9] = this.f9.available ? 1 : 0;
    this.score = scoreFor(v, this.w, this.dirMask, this.deadBand, this.side);
    this.direction = this.side[0]!;
    this.tier = tierFor(this.score, this.thresholds);
  }
}
