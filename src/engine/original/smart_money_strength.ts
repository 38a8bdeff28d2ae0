import { Ring } from '../state/ring.ts';
import type { OriginalInputs } from './inputs.ts';

// ENGINE_SPEC §2.6 as the original tracker runs it, unscaled (100/500/50/1000 lots): large trades from the
// order flow's aggressive buys/sells, inferred trades, volume surges; flow, persistence, signal type,
// confidence = sum of factor x weight over the factors present (no renormalisation), unsigned bonuses.
// Structure support/resistance lists are always empty, so alignment is 0.

const BASE = [0, 0.8, -0.8, 0.6, -0.6, 0] as const;

export class SmartMoneyStrengthOriginal {
  private readonly vols = new Ring(100);
  private volSum = 0;
  private readonly flows = new Ring(50);

  update(x: OriginalInputs): number {
    let buys = 0;
    let sells = 0;
    let n = 0;
    let confSum = 0;
    const c = x.c;
    const valid = c > 0;
    if (x.hasFlow && valid) {
      const nd = x.netDelta;
      if (x.aggBuys >= 100) {
        buys += x.aggBuys;
        n++;
        confSum += 0.8;
      }
      if (x.aggSells >= 100) {
        sells += x.aggSells;
        n++;
        confSum += 0.8;
      }
      if (nd > 100 && x.aggBuys < 100) {
        const size = Math.trunc(Math.min(Math.abs(nd), x.ask));
        if (Math.min(Math.abs(nd), x.ask) >= 100) {
          buys += size;
          n++;
          confSum += 0.6;
        }
      } else if (nd < -100 && x.aggSells < 100) {
        const size = Math.trunc(Math.min(Math.abs(nd), x.bid));
        if (Math.min(Math.abs(nd), x.bid) >= 100) {
          sells += size;
          n++;
          confSum += 0.6;
        }
      }
    }
    const vc = this.vols.count;
    if (vc > 0 && x.v > (this.volSum / vc) * 2 && x.v >= 100 && valid) {
      // a doji counts as a sell
      if (c > x.o) buys += x.v;
      else sells += x.v;
      n++;
      confSum += 0.6;
    }
    const out = this.vols.push(x.v);
    this.volSum += x.v - (out === out ? out : 0);

    let net = 0;
    let intensity = 0;
    if (n > 0) {
      const tot = buys + sells;
      net = tot > 0 ? (buys - sells) / tot : 0;
      intensity = Math.min(tot / 500, 1);
    } else if (x.hasFlow && Math.abs(x.netDelta) > 50) {
      const tot = x.bid + x.ask;
      net = tot > 0 ? Math.max(-1, Math.min(1, x.netDelta / tot)) : 0;
      intensity = Math.min(Math.abs(x.netDelta) / Math.max(tot, 1000), 1);
    }
    let persistence = 0.5;
    const fc = this.flows.count;
    if (fc >= 2) {
      const m = fc < 5 ? fc : 5;
      let same = 0;
      for (let k = 0; k < m; k++) if (this.flows.back(k) > 0 === net > 0) same++;
      persistence = same / m;
    }
    this.flows.push(net);
    const type =
      net > 0.4 && intensity > 0.5 ? 1
      : net < -0.4 && intensity > 0.5 ? 2
      : net > 0.2 && persistence > 0.6 ? 3
      : net < -0.2 && persistence > 0.6 ? 4
      : intensity > 0.7 ? 5
      : 0;
    let conf = 0 + intensity * 0.3 + Math.min(n / 10, 1) * 0.2 + persistence * 0.2 + 0 * 0.15;
    if (n > 0) conf += (confSum / n) * 0.15;
    if (conf > 1) conf = 1;
    let score = BASE[type]! * conf * (0.5 + intensity * 0.5) + persistence * 0.2 + 0 * 0.1;
    if (type === 0 && Math.abs(net) > 0.3) score = net * conf * 0.5;
    score = Math.max(-1, Math.min(1, score));
    return Math.max(0, Math.min(1, (score + 1) / 2));
  }
}
