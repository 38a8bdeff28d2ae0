// 95 % interval of an annualised daily ratio = the 2.5 % and 97.5 % quantiles of the ratio over B resamples of
// the days, drawn with replacement (seeded percentile bootstrap, Efron). Resamples where the ratio is undefined
// (every drawn day equal, or no losing day for Sortino) count as ±∞ on the side their mean points to, so the
// interval stays honest instead of dropping the awkward draws. Null when the ratio itself is undefined.
import { lcg } from '../util/prng.ts';
import { quantileSorted } from './quantile.ts';

export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_SEED = 1;

export interface Interval {
  lo: number;
  hi: number;
  /** the confidence level, e.g. 0.95 */
  level: number;
  /** days behind the ratio (and each resample's length) */
  days: number;
  resamples: number;
  seed: number;
}

export interface IntervalOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

/** `stat` returns the ratio of a resample, or null when it is undefined there. */
export function bootstrapInterval(daily: ArrayLike<number>, stat: (x: Float64Array) => number | null, o: IntervalOptions = {}): Interval {
  const resamples = o.resamples ?? BOOTSTRAP_RESAMPLES;
  const seed = o.seed ?? BOOTSTRAP_SEED;
  const level = o.level ?? 0.95;
  const n = daily.length;
  const rnd = lcg(seed);
  const buf = new Float64Array(n);
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += buf[i] = daily[Math.floor(rnd() * n)]!;
    const v = stat(buf);
    out[b] = v !== null && Number.isFinite(v) ? v : sum >= 0 ? Infinity : -Infinity;
  }
  out.sort();
  const a = (1 - level) / 2;
  return { lo: quantileSorted(out, a)!, hi: quantileSorted(out, 1 - a)!, level, days: n, resamples, seed };
}
