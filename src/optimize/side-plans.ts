// The exit of a trade entered at bar t on side s does not depend on the weights. The one simulator's
// planTrades is run twice with synthetic signals — every fed bar a candidate, forced long, then forced short —
// and the two plans are interleaved into one "dual" plan with two candidate rows per bar (2r long, 2r + 1
// short), each carrying its side's planned exit. A weight set then only writes the scores: the chosen side's
// row gets the score, the other row (and both when there is no side) NaN, which the scan never trades.
// After a trade the scan's next candidate is the first row at or after the exit bar, exactly as in a plan
// with one row per bar, so the trades are the backtest's. No second fill model.
import type { Bars } from '../data/types.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import type { SimParams, TradePlan } from '../simulate/types.ts';
import { MiaError } from '../util/errors.ts';
import type { FeatureMatrix } from './feature-matrix.ts';

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

function interleave<T extends Float64Array | Int32Array | Uint8Array | Int8Array>(a: T, b: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length * 2);
  for (let i = 0; i < a.length; i++) {
    out[2 * i] = a[i]!;
    out[2 * i + 1] = b[i]!;
  }
  return out;
}

/** One plan, two rows per fed bar (long, short), scores NaN until a weight set writes them. */
export function dualPlan(bars: Bars, m: FeatureMatrix, params: SimParams): TradePlan {
  const L = planTrades(bars, forced(bars, m, 1), params);
  const S = planTrades(bars, forced(bars, m, -1), params);
  // the matrix rows are the engine's fed bars; inside the session filter they must be exactly the plan's candidates
  if (L.n !== m.n || S.n !== m.n) throw new MiaError(`optimize: ${m.n} fed bars but ${L.n} candidate rows (session filter mismatch)`);
  for (let r = 0; r < m.n; r++) if (L.signalBar[r] !== m.bar[r]) throw new MiaError(`optimize: candidate row ${r} is bar ${L.signalBar[r]}, matrix says ${m.bar[r]}`);
  return {
    ...L,
    n: 2 * L.n,
    signalBar: interleave(L.signalBar, S.signalBar),
    score: new Float64Array(2 * L.n).fill(NaN),
    direction: interleave(L.direction, S.direction),
    sessionIdx: interleave(L.sessionIdx, S.sessionIdx),
    tradable: interleave(L.tradable, S.tradable),
    entryBar: interleave(L.entryBar, S.entryBar),
    exitBar: interleave(L.exitBar, S.exitBar),
    exitReason: interleave(L.exitReason, S.exitReason),
    entryPrice: interleave(L.entryPrice, S.entryPrice),
    exitPrice: interleave(L.exitPrice, S.exitPrice),
    pnlTicks: interleave(L.pnlTicks, S.pnlTicks),
    maeTicks: interleave(L.maeTicks, S.maeTicks),
    mfeTicks: interleave(L.mfeTicks, S.mfeTicks),
    nextCandidate: Int32Array.from(L.nextCandidate, (k) => 2 * k),
    sessionEnd: Int32Array.from(L.sessionEnd, (k) => 2 * k),
    // sortedScores only serves the sweep's per-tier signal counts, which the optimiser does not read
    sortedScores: new Float64Array(0),
  };
}
