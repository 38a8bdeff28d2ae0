import type { OriginalInputs } from './inputs.ts';

// ENGINE_SPEC §2.1 (V-SEP) with the original's fixed ES tick: 8-tick wall tents, 12-tick vol-trigger tent.
const T = 0.25;

export function gammaLevelsProximity(x: OriginalInputs): number {
  if (!x.hasOptions) return 0;
  const p = x.c;
  const cw = x.callWall;
  const pw = x.putWall;
  const ng = x.netGamma;
  let g = 0;
  if (cw > 0 && pw > 0) {
    const cp = Math.max(0, 1 - Math.abs(p - cw) / (8 * T));
    const pp = Math.max(0, 1 - Math.abs(p - pw) / (8 * T));
    g += Math.max(cp, pp) * 0.65;
  }
  if (ng !== 0) {
    let r: number;
    if (ng > 0) r = p > cw && cw > 0 ? 0.25 : p < pw && pw > 0 ? 0.75 : 0.65;
    else r = 0.5 + Math.min(Math.abs(ng) / 10, 1) * 0.35;
    g += r * 0.25;
  }
  if (x.volTrigger > 0) g += Math.max(0, 1 - Math.abs(p - x.volTrigger) / (12 * T)) * 0.1;
  return Math.max(0, Math.min(1, g));
}
