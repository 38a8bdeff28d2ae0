import type { Bars } from '../../data/types.ts';
import type { Feature } from '../feature.ts';
import { Ring } from '../state/ring.ts';

// ENGINE_SPEC §2.2, kept as the original (D17): volume vs its 10-bar mean (current bar included),
// |delta| share of bid+ask, the aggressive-volume term (always at its 0.10 maximum when aggressive
// volume = bid + ask, as here), and |Pearson r| of the last 5 volumes and closes (a 0.10 floor once active).
export class VolumeConfirmation implements Feature {
  readonly name = 'volume_confirmation' as const;
  readonly directional = false;
  available = false;
  private readonly vol = new Ring(10);
  private readonly px = new Ring(5);
  private sum10 = 0;

  reset(): void {
    this.vol.clear();
    this.px.clear();
    this.sum10 = 0;
    this.available = false;
  }

  update(b: Bars, i: number): number {
    const v = b.volume[i]!;
    const out = this.vol.push(v);
    this.sum10 += v - (out === out ? out : 0);
    this.px.push(b.close[i]!);
    let score = 0;
    if (this.vol.count >= 10) {
      const avg = this.sum10 / 10;
      const ratio = avg === 0 ? 1 : v / avg;
      score += 0.45 * Math.min(ratio / 1.8, 1);
    }
    const bid = b.bidVolume[i]!;
    const ask = b.askVolume[i]!;
    const hasFlow = bid === bid && ask === ask;
    if (hasFlow) {
      const total = bid + ask;
      if (total > 0) {
        score += 0.25 * Math.min((2.2 * Math.abs(ask - bid)) / total, 1);
        // aggressive buys + sells = ask + bid = total, so A/V = 1 and the term is 0.10 (spec §2.2 oddity)
        score += 0.1 * Math.min(8 * (total / total), 1);
      }
    }
    if (this.px.count >= 5) {
      const r = pearson5(this.vol, this.px);
      if (r === r) score += (0.2 * (Math.abs(r) + 1)) / 2;
    }
    this.available = hasFlow;
    return score < 0 ? 0 : score > 1 ? 1 : score;
  }
}

/** Pearson r of the newest 5 values of two rings; NaN when either series is constant (one distinct value). Shared with the original engine. */
export function pearson5(a: Ring, b: Ring): number {
  if (constant5(a) || constant5(b)) return NaN;
  let ma = 0;
  let mb = 0;
  for (let k = 0; k < 5; k++) {
    ma += a.back(k);
    mb += b.back(k);
  }
  ma /= 5;
  mb /= 5;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < 5; k++) {
    const da = a.back(k) - ma;
    const db = b.back(k) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const r = sab / Math.sqrt(saa * sbb);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

function constant5(r: Ring): boolean {
  const x = r.back(0);
  return r.back(1) === x && r.back(2) === x && r.back(3) === x && r.back(4) === x;
}
