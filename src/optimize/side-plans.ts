// The exit of a trade entered at bar t on side s does not depend on the weights. The one simulator's
// planTrades is run twice with synthetic signals — every fed bar a candidate, forced long, then forced short —
// so every candidate row carries its exit for both sides. A weight set then only picks, per row, a side (or
// none) and a score (book.ts): no second fill model.
import type { Bars } from '../data/types.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import type { SimParams, TradePlan } from '../simulate/types.ts';
import { MiaError } from '../util/errors.ts';
import type { FeatureMatrix } from './feature-matrix.ts';

export interface SidePlans {
  long: TradePlan;
  short: TradePlan;
}

function forced(bars: Bars, m: FeatureMatrix, dir: 1 | -1): { score: Float64Array; direction: Int8Array; active: Uint8Array } {
  const score = new Float64Array(bars.n).fill(NaN);
  const direction = new Int8Array(bars.n);
  const active = new Uint8Array(bars.n);
  for (let r = 0; r < m.n; r++) {
    const b = m.bar[r]!;
    score[b] = 0;
    direction[b] = dir;
    active[b] = 1;
  }
  return { score, direction, active };
}

export function sidePlans(bars: Bars, m: FeatureMatrix, params: SimParams): SidePlans {
  const long = planTrades(bars, forced(bars, m, 1), params);
  const short = planTrades(bars, forced(bars, m, -1), params);
  // the matrix rows are the engine's fed bars; inside the session filter they must be exactly the plan's candidates
  if (long.n !== m.n || short.n !== m.n) throw new MiaError(`optimize: ${m.n} fed bars but ${long.n} candidate rows (session filter mismatch)`);
  for (let r = 0; r < m.n; r++) if (long.signalBar[r] !== m.bar[r]) throw new MiaError(`optimize: candidate row ${r} is bar ${long.signalBar[r]}, matrix says ${m.bar[r]}`);
  return { long, short };
}
