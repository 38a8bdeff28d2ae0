// The weights live on the simplex (Σw = 1, w ≥ 0) with per-feature bounds and pinned features. CMA-ES
// searches an unconstrained vector z over the free features; `toWeights` maps it to a valid weight set
// (softmax over the free share, then bounds by clip-and-renormalise).
import { MiaError } from '../util/errors.ts';

export interface WeightSpace {
  /** per feature (FEATURE_NAMES order): pinned value, or NaN when free */
  pinned: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  /** indices of the free features */
  free: number[];
  /** 1 − Σ pinned */
  freeShare: number;
}

export function weightSpace(nFeatures: number, pins: Map<number, number>, bounds: Map<number, [number, number]>): WeightSpace {
  const pinned = new Float64Array(nFeatures).fill(NaN);
  const lo = new Float64Array(nFeatures);
  const hi = new Float64Array(nFeatures).fill(1);
  let pinSum = 0;
  for (const [k, v] of pins) {
    pinned[k] = v;
    pinSum += v;
  }
  for (const [k, [a, b]] of bounds) {
    lo[k] = a;
    hi[k] = b;
  }
  const free = [...Array(nFeatures).keys()].filter((k) => Number.isNaN(pinned[k]!));
  const freeShare = 1 - pinSum;
  if (free.length === 0) throw new MiaError('optimize: every feature is pinned: nothing to search');
  if (freeShare < -1e-12) throw new MiaError(`optimize: pinned weights sum to ${pinSum} > 1`);
  const loSum = free.reduce((s, k) => s + lo[k]!, 0);
  const hiSum = free.reduce((s, k) => s + hi[k]!, 0);
  if (loSum > freeShare + 1e-12 || hiSum < freeShare - 1e-12) throw new MiaError(`optimize: the bounds of the free features cannot sum to ${freeShare.toFixed(6)} (lower ${loSum}, upper ${hiSum})`);
  return { pinned, lo, hi, free, freeShare: Math.max(0, freeShare) };
}

/** Free shares (summing to 1 over the free features) → full weight vector, bounds enforced. */
export function fromShares(space: WeightSpace, shares: ArrayLike<number>): Float64Array {
  const n = space.pinned.length;
  const w = new Float64Array(n);
  const { free, freeShare, lo, hi } = space;
  for (let k = 0; k < n; k++) if (!Number.isNaN(space.pinned[k]!)) w[k] = space.pinned[k]!;
  for (let i = 0; i < free.length; i++) w[free[i]!] = freeShare * (shares[i] as number);
  // clip-and-renormalise: features at a bound are fixed there, the rest share what is left in proportion
  const fixed = new Uint8Array(n);
  for (let pass = 0; pass < free.length + 1; pass++) {
    let changed = false;
    let fixedSum = 0;
    let restSum = 0;
    for (const k of free) {
      if (fixed[k]) fixedSum += w[k]!;
      else restSum += w[k]!;
    }
    const scale = restSum > 0 ? (freeShare - fixedSum) / restSum : 0;
    for (const k of free) {
      if (fixed[k]) continue;
      w[k] = restSum > 0 ? w[k]! * scale : (freeShare - fixedSum) / free.filter((j) => !fixed[j]).length;
      if (w[k]! < lo[k]!) (w[k] = lo[k]!), (fixed[k] = 1), (changed = true);
      else if (w[k]! > hi[k]!) (w[k] = hi[k]!), (fixed[k] = 1), (changed = true);
    }
    if (!changed) break;
  }
  return w;
}

/** Softmax of z over the free features → full weight vector. */
export function toWeights(space: WeightSpace, z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i] as number);
  const e = Float64Array.from({ length: z.length }, (_, i) => Math.exp((z[i] as number) - max));
  const s = e.reduce((a, b) => a + b, 0);
  return fromShares(space, Float64Array.from(e, (v) => v / s));
}

/** The z whose softmax gives these weights' free shares (the CMA-ES start from a Dirichlet winner). */
export function toLogits(space: WeightSpace, w: ArrayLike<number>): Float64Array {
  return Float64Array.from(space.free, (k) => Math.log(Math.max(w[k] as number, 1e-6)));
}
