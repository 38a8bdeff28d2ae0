import type { Ring } from '../state/ring.ts';
import type { OriginalInputs } from './inputs.ts';
// numpy corrcoef of the last 5 volumes and closes: the same Pearson r as mia's (NaN on a constant series)
import { pearson5 } from '../features/volume_confirmation.ts';

// ENGINE_SPEC §2.2 over the calculator's bar history (current bar included), unscaled.
export function volumeConfirmation(x: OriginalInputs, vols: Ring, closes: Ring): number {
  const n = vols.count;
  let score = 0;
  if (n >= 10) {
    let sum = 0;
    for (let k = 0; k < 10; k++) sum += vols.back(k);
    const avg = sum / 10;
    const ratio = avg > 0 ? x.v / avg : 1;
    score += Math.min(ratio / 1.8, 1) * 0.45;
  }
  if (x.hasFlow) {
    const tot = x.bid + x.ask;
    if (tot > 0) score += Math.min((Math.abs(x.netDelta) / tot) * 2.2, 1) * 0.25;
    const agg = x.aggBuys + x.aggSells;
    if (agg > 0) score += Math.min((tot > 0 ? agg / tot : 0) * 8, 1) * 0.1;
  }
  if (n >= 5) {
    const r = pearson5(vols, closes);
    if (r === r) score += ((Math.abs(r) + 1) / 2) * 0.2;
  }
  return Math.max(0, Math.min(1, score));
}
