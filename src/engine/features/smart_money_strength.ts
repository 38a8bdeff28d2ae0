import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';
import { Ring } from '../state/ring.ts';

// ENGINE_SPEC §2.6 as amended by D11: large trades from the bar's aggressive volume (ask = buys,
// bid = sells), inferred trades, volume surges; flow, persistence, signal type, confidence, score.
// The persistence and alignment bonuses carry the sign of the net flow (0 when it is 0), and the
// lot thresholds (50/100/500/1000) scale with the 50-bar median volume (D6/D11).

const NEUTRAL = 0;
const BUYING = 1;
const SELLING = 2;
const ACCUMULATION = 3;
const DISTRIBUTION = 4;
const ROTATION = 5;
const BASE = [0, 0.8, -0.8, 0.6, -0.6, 0] as const;

export class SmartMoneyStrength implements Feature {
  readonly name = 'smart_money_strength' as const;
  readonly directional = true;
  available = false;
  /** previous bar volumes (max 100) for the surge test */
  private readonly vols = new Ring(100);
  private volSum = 0;
  /** previous flows' net (max 50; persistence reads the last 5) */
  private readonly flows = new Ring(50);
  /** how many of the last (up to) 5 flows are > 0, kept as they enter and leave: persistence needs no loop */
  private pos5 = 0;

  reset(): void {
    this.vols.clear();
    this.volSum = 0;
    this.flows.clear();
    this.pos5 = 0;
    this.available = false;
  }

  update(b: Bars, i: number, s: SessionState): number {
    const lot = s.lot;
    const l50 = 50 * lot;
    const l100 = 100 * lot;
    const l500 = 500 * lot;
    const l1000 = 1000 * lot;
    const v = b.volume[i]!;
    const bid = b.bidVolume[i]!;
    const ask = b.askVolume[i]!;
    const hasFlow = bid === bid && ask === ask;
    const nd = hasFlow ? ask - bid : 0;

    // 1. large trades: buys B, sells S, count and summed confidence
    let buys = 0;
    let sells = 0;
    let n = 0;
    let confSum = 0;
    if (hasFlow) {
      if (ask >= l100) {
        buys += ask;
        n++;
        confSum += 0.8;
      }
      if (bid >= l100) {
        sells += bid;
        n++;
        confSum += 0.8;
      }
      if (nd > l100 && ask < l100) {
        const size = Math.min(Math.abs(nd), ask);
        if (size >= l100) {
          buys += size;
          n++;
          confSum += 0.6;
        }
      } else if (nd < -l100 && bid < l100) {
        const size = Math.min(Math.abs(nd), bid);
        if (size >= l100) {
          sells += size;
          n++;
          confSum += 0.6;
        }
      }
    }
    const c = b.close[i]!;
    if (this.vols.count > 0 && v > (2 * this.volSum) / this.vols.count && v >= l100 && c > 0) {
      // a doji counts as a sell, as in the original
      if (c > b.open[i]!) buys += v;
      else sells += v;
      n++;
      confSum += 0.6;
    }
    const out = this.vols.push(v);
    this.volSum += v - (out === out ? out : 0);

    // 2. flow
    let net = 0;
    let intensity = 0;
    if (n > 0) {
      const tot = buys + sells;
      net = (buys - sells) / tot;
      intensity = Math.min(tot / l500, 1);
    } else if (hasFlow && Math.abs(nd) > l50) {
      const tot = bid + ask;
      net = tot > 0 ? Math.max(-1, Math.min(1, nd / tot)) : 0;
      intensity = Math.min(Math.abs(nd) / Math.max(tot, l1000), 1);
    }

    // 3. persistence over the last 5 previous flows
    let persistence = 0.5;
    const fc = this.flows.count;
    if (fc >= 2) {
      const m = fc < 5 ? fc : 5;
      // flows on the same side as this one: the positive ones if it is > 0, else the others
      const same = net > 0 ? this.pos5 : m - this.pos5;
      persistence = same / m;
    }
    this.flows.push(net);
    this.pos5 += +(net > 0) - (this.flows.count > 5 ? +(this.flows.back(5) > 0) : 0);

    // 4. alignment needs support/resistance levels the engine never has: 0
    const alignment = 0;

    // 5. signal type
    const type =
      net > 0.4 && intensity > 0.5 ? BUYING
      : net < -0.4 && intensity > 0.5 ? SELLING
      : net > 0.2 && persistence > 0.6 ? ACCUMULATION
      : net < -0.2 && persistence > 0.6 ? DISTRIBUTION
      : intensity > 0.7 ? ROTATION
      : NEUTRAL;

    // 6. confidence: Σ factor × weight over the factors present, weights 0.3/0.2/0.2/0.15/0.15; the
    // trade-confidence factor only when there are trades, and nothing renormalised (the original's rule)
    let conf = 0.3 * intensity + 0.2 * Math.min(n / 10, 1) + 0.2 * persistence + 0.15 * alignment;
    if (n > 0) conf += 0.15 * (confSum / n);
    if (conf > 1) conf = 1;

    // 7. score, bonuses signed by the flow (D11)
    const sign = net > 0 ? 1 : net < 0 ? -1 : 0;
    let score: number;
    if (type === NEUTRAL && Math.abs(net) > 0.3) score = net * conf * 0.5;
    else score = BASE[type]! * conf * (0.5 + 0.5 * intensity) + sign * (0.2 * persistence + 0.1 * alignment);
    if (score > 1) score = 1;
    else if (score < -1) score = -1;
    this.available = hasFlow;
    return (score + 1) / 2;
  }
}
