// Each feature's share of the score: over the bars with a side, Σ w_k·f'_k / Σ score (f' mirrored for a short),
// before the [0,1] clip. Says which features actually move the score, not only which weigh the most.
import { DIRECTIONAL } from '../engine/config.ts';
import { FEATURE_NAMES } from '../engine/types.ts';

const DIR = FEATURE_NAMES.map((n) => DIRECTIONAL[n]);

export function scoreShares(cols: Float64Array[], w: ArrayLike<number>, deadBand: number): Float64Array {
  const n = cols[0]!.length;
  const acc = new Float64Array(10);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let vote = 0;
    for (let k = 0; k < 10; k++) if (DIR[k]) vote += (w[k] as number) * 2 * (cols[k]![i]! - 0.5);
    const side = vote > 0 && vote >= deadBand ? 1 : vote < 0 && vote <= -deadBand ? -1 : 0;
    if (side === 0) continue;
    for (let k = 0; k < 10; k++) {
      const f = cols[k]![i]!;
      const c = (w[k] as number) * (side === -1 && DIR[k] ? 1 - f : f);
      acc[k] = acc[k]! + c;
      total += c;
    }
  }
  return Float64Array.from(acc, (a) => (total > 0 ? a / total : 0));
}
