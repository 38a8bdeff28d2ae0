// Options levels from one chain snapshot. Dealer convention (stated in docs/data.md): dealers are long the calls and
// short the puts customers hold, so call gamma counts +, put gamma − (the usual "naive GEX" convention).
import type { OptionChain } from '../types.ts';
import { yyyymmddToDays } from '../calendar.ts';
import { bsGamma } from './black-scholes.ts';

export interface ChainLevels {
  /** strike with the largest call gamma exposure (gamma x OI x 100 x spot), summed over expirations */
  callWall: number;
  /** strike with the largest put gamma exposure */
  putWall: number;
  /** spot level nearest the current spot where total dealer gamma changes sign; NaN when none in +-15% */
  gammaFlip: number;
  /** net dealer gamma exposure at the snapshot spot, $ per 1% move: sum(sign x gamma x OI x 100 x S^2 x 0.01) */
  netGex: number;
  callVolume: number;
  putVolume: number;
  callOi: number;
  putOi: number;
  /** options with open interest and expiration after the as-of session */
  optionsUsed: number;
}

/** Time to expiry in years from the as-of session close (16:00 ET); AM-settled expiries settle 6.5 h earlier. */
export function yearsToExpiry(asof: number, expiration: number, am: boolean): number {
  const days = yyyymmddToDays(expiration) - yyyymmddToDays(asof) - (am ? 6.5 / 24 : 0);
  return days / 365;
}

/** Total dealer gamma exposure ($ per 1% move) if spot were `s`: BS re-pricing with each option's iv. */
export function gexAt(s: number, idx: Int32Array, c: OptionChain, t: Float64Array): number {
  let g = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    // iv 0 (deep ITM/OTM quotes): fall back to the chain's own gamma, held fixed
    const gamma = c.iv[i]! > 0 ? bsGamma(s, c.strike[i]!, c.iv[i]!, t[k]!) : c.gamma[i]! || 0;
    g += c.right[i]! * gamma * c.openInterest[i]!;
  }
  return g * 100 * s * s * 0.01;
}

export function chainLevels(c: OptionChain, gridPct = 0.15, steps = 121): ChainLevels {
  const S = c.underlying;
  const used: number[] = [];
  let callVolume = 0;
  let putVolume = 0;
  let callOi = 0;
  let putOi = 0;
  let netGex = 0;
  const callByStrike = new Map<number, number>();
  const putByStrike = new Map<number, number>();
  for (let i = 0; i < c.n; i++) {
    // options that traded that session count for volume; only live ones for OI and gamma
    if (c.right[i] === 1) callVolume += c.volume[i]!;
    else putVolume += c.volume[i]!;
    if (c.expiration[i]! <= c.asofSession) continue;
    const oi = c.openInterest[i]!;
    if (c.right[i] === 1) callOi += oi;
    else putOi += oi;
    if (!(oi > 0)) continue;
    used.push(i);
    const g = Number.isFinite(c.gamma[i]!) ? c.gamma[i]! : 0;
    const exposure = g * oi * 100 * S;
    const m = c.right[i] === 1 ? callByStrike : putByStrike;
    m.set(c.strike[i]!, (m.get(c.strike[i]!) ?? 0) + exposure);
    netGex += c.right[i]! * g * oi * 100 * S * S * 0.01;
  }
  const wall = (m: Map<number, number>): number => {
    let best = NaN;
    let bestV = 0;
    for (const k of [...m.keys()].sort((a, b) => a - b)) {
      const v = m.get(k)!;
      if (v > bestV) [best, bestV] = [k, v];
    }
    return best;
  };
  const idx = Int32Array.from(used);
  const t = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    t[k] = yearsToExpiry(c.asofSession, c.expiration[i]!, c.amSettled?.[i] === 1);
  }
  return {
    callWall: wall(callByStrike),
    putWall: wall(putByStrike),
    gammaFlip: gammaFlip(c, idx, t, S, gridPct, steps),
    netGex,
    callVolume,
    putVolume,
    callOi,
    putOi,
    optionsUsed: idx.length,
  };
}

/** Zero crossing of the re-priced gamma profile nearest to spot: grid scan, then bisection. */
function gammaFlip(c: OptionChain, idx: Int32Array, t: Float64Array, S: number, gridPct: number, steps: number): number {
  if (idx.length === 0) return NaN;
  const lo = S * (1 - gridPct);
  const step = (2 * gridPct * S) / (steps - 1);
  let prevS = lo;
  let prevG = gexAt(lo, idx, c, t);
  let best = NaN;
  for (let j = 1; j < steps; j++) {
    const s = lo + j * step;
    const g = gexAt(s, idx, c, t);
    if ((prevG < 0 && g >= 0) || (prevG > 0 && g <= 0)) {
      let a = prevS;
      let b = s;
      let ga = prevG;
      for (let it = 0; it < 40; it++) {
        const m = 0.5 * (a + b);
        const gm = gexAt(m, idx, c, t);
        if ((ga < 0) === (gm < 0)) {
          a = m;
          ga = gm;
        } else b = m;
      }
      const x = 0.5 * (a + b);
      if (Number.isNaN(best) || Math.abs(x - S) < Math.abs(best - S)) best = x;
    }
    prevS = s;
    prevG = g;
  }
  return Number.isNaN(best) ? NaN : Math.round(best * 100) / 100;
}
