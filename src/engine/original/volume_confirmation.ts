import type { Ring } from '../state/ring.ts';
import type { OriginalInputs } from './inputs.ts';

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

/** numpy corrcoef of the last 5 volumes and closes; NaN when either has a single distinct value. */
function pearson5(a: Ring, b: Ring): number {
  let ma = 0;
  let mb = 0;
  let aVaries = false;
  let bVaries = false;
  for (let k = 0; k < 5; k++) {
    ma += a.back(k);
    mb += b.back(k);
    if (a.back(k) !== a.back(0)) aVaries = true;
    if (b.back(k) !== b.back(0)) bVaries = true;
  }
  if (!aVaries || !bVaries) return NaN;
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
  const r = sab / Math.sqrt(saa) / Math.sqrt(sbb);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}
