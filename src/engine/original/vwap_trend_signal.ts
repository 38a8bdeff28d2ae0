import type { Ring } from '../state/ring.ts';
import type { OriginalInputs } from './inputs.ts';
import { ringSlope } from './slope.ts';

// ENGINE_SPEC §2.3 as the original computes it: the structure feed's VWAP, SD1 and slope, and the 8-feature
// calculator's bar history (current bar included). Returns NaN where Python raises ZeroDivisionError
// (SD1 equal to the VWAP on the side of the price): the caller applies the blanket exception.

const T = 0.25;

export function vwapTrendSignal(x: OriginalInputs, closes: Ring, highs: Ring, lows: Ring): number {
  const n = closes.count;
  if (!x.hasStructure || n < 15) return 0.5;
  const p = x.c;
  const vwap = x.vwap;
  const slope = x.vwapSlope;
  let signal = 0;
  if (slope > 0.5) signal += 0.3;
  else if (slope > 0.2) signal += 0.25;
  else if (slope > -0.2) signal += 0.15;
  else if (slope > -0.5) signal += 0.1;
  if (p > vwap) {
    const d = x.sd1Up - vwap;
    if (d === 0) return NaN;
    signal += 0.125 + Math.min((p - vwap) / d, 2) * 0.125;
  } else {
    const d = vwap - x.sd1Down;
    if (d === 0) return NaN;
    signal += 0.125 - Math.min((vwap - p) / d, 2) * 0.125;
  }
  // n >= 15 here, so the 10-bar trend term is always on
  const s = ringSlope(closes, 10);
  const st = Math.min(Math.abs(s) / T, 1);
  if (s > 0 && slope > 0) signal += 0.25 * st;
  else if (s < 0 && slope < 0) signal += 0.25 * (1 - st);
  else signal += 0.125;
  if (n >= 20) {
    const hs = ringSlope(highs, 20);
    const ls = ringSlope(lows, 20);
    let dow = 0.1;
    if (hs > 0 && ls > 0) dow = 0.1 + 0.1 * Math.min((hs + ls) / (2 * T), 1);
    else if (hs < 0 && ls < 0) dow = 0.1 - 0.1 * Math.min(Math.abs(hs + ls) / (2 * T), 1);
    signal += dow;
  }
  return Math.max(0, Math.min(1, signal));
}
