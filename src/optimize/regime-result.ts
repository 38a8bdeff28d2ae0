// The regime-conditioned thresholds of the final choice (whole span), their in-sample figures and DSR with the
// trial count grown to weight sets × exit combinations × (ladder sets)^(buckets) — every combination of one set per
// bucket counts; distinct: the single-set search's distinct trials × (ladder sets)^(buckets − 1) —
// and the walk-forward comparison with the single-set baseline run on the same windows.
import type { Book } from './book.ts';
import type { EvalContext } from './evaluate.ts';
import { seriesFigures } from './oos.ts';
import { dsrOf } from './overfitting.ts';
import { chooseRegime, testRegime } from './regime-choice.ts';
import type { RegimeSpec } from './regime.ts';
import type { TrainingChoice } from './search.ts';
import type { RegimeResult } from './types.ts';
import type { WalkOutcome } from './walk.ts';

export function regimeResult(full: Book[], ctx: EvalContext, choice: TrainingChoice, setup: { spec: RegimeSpec; values: Float64Array; buckets: number }, sharpes: Float64Array, distinct: number, walk: WalkOutcome | null): RegimeResult {
  const capital = ctx.capital;
  const rc = chooseRegime(full, choice.exit, ctx, choice.weights, setup.spec, setup.values, setup.buckets);
  const fallback = ctx.ladder.indexOf(choice.thresholds);
  const r = testRegime(full, choice.exit, ctx, choice.weights, rc, setup.values, fallback);
  const trials = choice.weightSets * ctx.exits.length * Math.pow(ctx.ladder.length, setup.buckets);
  const distinctTrials = distinct * Math.pow(ctx.ladder.length, setup.buckets - 1);
  const oos = walk?.regime ? walk.regime.figures(capital) : null;
  const base = walk ? walk.learned.figures(capital) : null;
  return {
    spec: setup.spec.text,
    buckets: setup.buckets,
    cut_points: rc.cuts.map((c) => Math.round(c * 1e8) / 1e8),
    thresholds: rc.pick.map((g) => (g >= 0 ? ctx.ladder[g]! : null)),
    trials,
    in_sample: seriesFigures(r.daily, r.trades.map((t) => t.pnlCents), capital),
    dsr: dsrOf(r.daily, distinctTrials, trials, sharpes),
    oos,
    oos_sharpe_gain: oos?.sharpe != null && base?.sharpe != null ? Math.round((oos.sharpe - base.sharpe) * 1e6) / 1e6 : null,
  };
}
