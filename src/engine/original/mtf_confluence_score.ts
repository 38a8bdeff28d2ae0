import type { OriginalInputs } from './inputs.ts';

// ENGINE_SPEC §2.5 as the original runs it: all four "timeframes" get the current bar, so they are identical;
// unscaled 1000/1500/2000-lot constants, the unsigned alignment bonus (+0.2 whenever some confidence is > 0),
// the quality bonus, no divergence penalty (it cannot fire). A ZeroDivisionError (open or close 0) gives 0.5.

const W_HIGH = [0.7, 0.2, 0.1, 0] as const;
const W_MID = [0.5, 0.3, 0.15, 0.05] as const;
const W_LOW = [0.3, 0.3, 0.25, 0.15] as const;

export function mtfConfluenceScore(x: OriginalInputs): number {
  const { o, h, l, c, v } = x;
  if (o === 0 || c === 0) return 0.5;
  const tr = Math.max(h - l, Math.abs(h - c), Math.abs(l - c));
  const rv = c > 0 ? Math.min((tr / c) * 100, 2) : 0;
  const w = rv > 0.8 ? W_HIGH : rv > 0.4 ? W_MID : W_LOW;
  const raw = Math.tanh(((c - o) / o) * 100) * Math.min(v / 1000, 2);
  const range = Math.abs(h - l);
  const bq = Math.min((range / c) * 10, 1);
  const vc = Math.min(v / 1500, 2) / 2;
  const pc = (Math.min(range / 5, 1) + Math.min(v / 2000, 1)) / 2;
  let conf = (bq + vc + pc) / 3;
  if (c > o) conf *= 1.15;
  const q = (bq + vc + pc) / 3;
  const dir = raw > 0 ? 1 : -1;
  let base = 0;
  let tw = 0;
  let sdw = 0;
  let sw = 0;
  let tq = 0;
  for (let k = 0; k < 4; k++) {
    const wk = w[k]!;
    if (wk <= 0) continue;
    base += raw * conf * wk;
    tw += wk;
    sdw += dir * (wk * conf);
    sw += wk * conf;
    tq += q * wk;
  }
  base /= tw;
  let align = 0;
  if (sw !== 0) {
    const s = Math.abs(sdw / sw);
    align = s > 0.8 ? 0.2 * s : s > 0.6 ? 0.1 * s : 0;
  }
  const aq = tq / tw;
  const quality = aq > 0.8 ? 0.15 * aq : aq > 0.6 ? 0.08 * aq : 0;
  const score = Math.max(-1, Math.min(1, base + align + quality));
  return Math.max(0, Math.min(1, (score + 1) / 2));
}
