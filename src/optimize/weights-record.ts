// Weight vectors (FEATURE_NAMES order) as the named records the engine config and the JSON use, rounded for display.
import { FEATURE_NAMES, type FeatureName } from '../engine/types.ts';

export function weightsRecord(w: ArrayLike<number>, digits = 6): Record<FeatureName, number> {
  const f = 10 ** digits;
  return Object.fromEntries(FEATURE_NAMES.map((n, k) => [n, Math.round((w[k] as number) * f) / f])) as Record<FeatureName, number>;
}

/** Weights that sum to exactly 1 within the engine's 1e-9 check after rounding to `digits` (residual on the largest). */
export function roundedWeights(w: ArrayLike<number>, digits = 6): Float64Array {
  const f = 10 ** digits;
  const out = Float64Array.from({ length: w.length }, (_, k) => Math.round((w[k] as number) * f) / f);
  let sum = 0;
  let big = 0;
  for (let k = 0; k < out.length; k++) {
    sum += out[k]!;
    if (out[k]! > out[big]!) big = k;
  }
  out[big] = Math.round((out[big]! + 1 - sum) * f) / f;
  return out;
}
