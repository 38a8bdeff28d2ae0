import type { Bars } from '../../data/types.ts';
import type { EngineConfig } from '../types.ts';
import type { DayContext } from '../feature.ts';
import { tierOf } from '../config.ts';
import { Ring } from '../state/ring.ts';
import { OriginalInputs, fillInputs } from './inputs.ts';
import { vwapTrendSignal } from './vwap_trend_signal.ts';
import { sierraPatternStrength } from './sierra_pattern_strength.ts';
import { gammaLevelsProximity } from './gamma_levels_proximity.ts';
import { volumeConfirmation } from './volume_confirmation.ts';
import { optionsFlowBias } from './options_flow_bias.ts';
import { OrderBookImbalanceOriginal } from './order_book_imbalance.ts';
import { mtfConfluenceScore } from './mtf_confluence_score.ts';
import { SmartMoneyStrengthOriginal } from './smart_money_strength.ts';
import { VwapBandsSignalOriginal } from './vwap_bands_signal.ts';

// The original integrated engine (ENGINE_SPEC §0–§6, V-SEP), one instance for the whole run: no resets, no
// direction, the unsigned score Σ wₖ·fₖ. The 8-feature calculator runs its features in the original's order
// (vwap_trend first); a ZeroDivisionError in vwap_trend is its blanket exception: those 8 features are 0 and
// the state updates after it (order book, smart money) are skipped on that bar. vwap_bands and
// volume_imbalance are separate analyzers. `values` is in FEATURE_NAMES order.

export class OriginalEngine {
  readonly values = new Float64Array(10);
  /** which features ran on real inputs (D3's flag, applied to the original's inputs) */
  readonly available = new Uint8Array(10);
  score = 0;
  tier = 0;
  /** D1 side from the original features (the original has none; backtests need one) */
  direction = 0;
  /** 1 when the blanket exception zeroed the 8 calculator features on this bar */
  blanket = 0;
  readonly inputs = new OriginalInputs();
  private readonly closes = new Ring(100);
  private readonly highs = new Ring(100);
  private readonly lows = new Ring(100);
  private readonly vols = new Ring(100);
  private readonly book = new OrderBookImbalanceOriginal();
  private readonly smart = new SmartMoneyStrengthOriginal();
  private readonly bands = new VwapBandsSignalOriginal();
  private readonly w: Float64Array;

  constructor(readonly config: EngineConfig) {
    const c = config.weights;
    this.w = Float64Array.of(
      c.gamma_levels_proximity, c.volume_confirmation, c.vwap_trend_signal, c.sierra_pattern_strength, c.mtf_confluence_score,
      c.smart_money_strength, c.vwap_bands_signal, c.volume_imbalance_signal, c.order_book_imbalance, c.options_flow_bias,
    );
  }

  step(b: Bars, i: number, day: DayContext): void {
    const x = this.inputs;
    fillInputs(x, b, i, day);
    this.stepInputs(x);
  }

  /** One call of the integrated engine on prepared inputs. */
  stepInputs(x: OriginalInputs): void {
    const v = this.values;
    const a = this.available;
    this.closes.push(x.c);
    this.highs.push(x.h);
    this.lows.push(x.l);
    this.vols.push(x.v);
    const trend = vwapTrendSignal(x, this.closes, this.highs, this.lows);
    if (trend !== trend) {
      for (const k of [0, 1, 2, 3, 4, 5, 8, 9]) {
        v[k] = 0;
        a[k] = 0;
      }
      this.blanket = 1;
    } else {
      this.blanket = 0;
      v[2] = trend;
      v[3] = sierraPatternStrength(x);
      v[0] = gammaLevelsProximity(x);
      v[1] = volumeConfirmation(x, this.vols, this.closes);
      v[9] = optionsFlowBias(x);
      v[8] = this.book.update(x);
      v[4] = mtfConfluenceScore(x);
      v[5] = this.smart.update(x);
      a[0] = x.hasOptions ? 1 : 0;
      a[1] = 1;
      a[2] = x.hasStructure && this.closes.count >= 15 ? 1 : 0;
      a[3] = x.hasSierra ? 1 : 0;
      a[4] = 1;
      a[5] = x.hasFlow ? 1 : 0;
      a[8] = x.hasBook ? 1 : 0;
      a[9] = x.hasOptions ? 1 : 0;
    }
    v[6] = this.bands.update(x);
    a[6] = this.closes.count >= 20 ? 1 : 0;
    const vis = x.volumeImbalance;
    v[7] = vis === vis ? vis : 0;
    a[7] = vis === vis ? 1 : 0;
    this.finish();
  }

  private finish(): void {
    const v = this.values;
    const w = this.w;
    // the integrated engine's dict order: gamma, volume, vwap_trend, sierra, mtf, smart money, order book,
    // options flow, vwap_bands, volume_imbalance (float addition is not associative)
    let s = 0;
    s += v[0]! * w[0]!;
    s += v[1]! * w[1]!;
    s += v[2]! * w[2]!;
    s += v[3]! * w[3]!;
    s += v[4]! * w[4]!;
    s += v[5]! * w[5]!;
    s += v[8]! * w[8]!;
    s += v[9]! * w[9]!;
    s += v[6]! * w[6]!;
    s += v[7]! * w[7]!;
    // Python's max(0.0, min(1.0, s)): min(1.0, nan) keeps 1.0
    this.score = s !== s ? 1 : Math.max(0, Math.min(1, s));
    this.tier = tierOf(this.score, this.config.thresholds);
    // D1 vote over the original's directional features, for the backtest's side only
    let vote = 0;
    vote += w[2]! * 2 * (v[2]! - 0.5);
    vote += w[4]! * 2 * (v[4]! - 0.5);
    vote += w[5]! * 2 * (v[5]! - 0.5);
    vote += w[8]! * 2 * (v[8]! - 0.5);
    vote += w[9]! * 2 * (v[9]! - 0.5);
    const band = this.config.directionDeadBand;
    this.direction = vote > 0 && vote >= band ? 1 : vote < 0 && vote <= -band ? -1 : 0;
  }
}
