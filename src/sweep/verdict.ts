// A plain-language verdict computed from the overfitting statistics, never written by hand.
// Cut-offs: DSR ≥ 0.95 is the paper's 95% confidence; PBO ≥ 0.5 means the in-sample winner is at least as
// likely as not to land in the bottom half out of sample; an out-of-sample Sharpe under half the
// in-sample one (or ≤ 0) is a material decay.

export type VerdictLevel = 'credible' | 'inconclusive' | 'likely-overfit' | 'no-edge' | 'no-choice';

export interface VerdictInput {
  trials: number;
  isSharpe: number | null;
  oosSharpe: number | null;
  dsr: number | null;
  pbo: number | null;
}

export interface Verdict {
  level: VerdictLevel;
  text: string;
}

const f2 = (x: number) => x.toFixed(2);

export function verdict(v: VerdictInput): Verdict {
  if (v.isSharpe === null) return { level: 'no-choice', text: `no threshold set met the selection criteria among ${v.trials} trials: nothing to validate` };
  if (v.isSharpe <= 0) {
    return { level: 'no-edge', text: `the best of ${v.trials} threshold sets has an in-sample Sharpe of ${f2(v.isSharpe)}: no threshold choice shows an edge on this data` };
  }
  const parts: string[] = [];
  let bad = false;
  let good = true;
  if (v.oosSharpe !== null) {
    const decayed = v.oosSharpe <= 0 || v.oosSharpe < 0.5 * v.isSharpe;
    parts.push(decayed ? `out-of-sample Sharpe fell from ${f2(v.isSharpe)} to ${f2(v.oosSharpe)}` : `out-of-sample Sharpe held up (${f2(v.isSharpe)} in sample, ${f2(v.oosSharpe)} out of sample)`);
    if (v.oosSharpe <= 0) bad = true;
    if (decayed) good = false;
  } else {
    parts.push(`in-sample Sharpe ${f2(v.isSharpe)} (no out-of-sample test was run)`);
    good = false;
  }
  if (v.pbo !== null) {
    parts.push(`PBO ${f2(v.pbo)}`);
    if (v.pbo >= 0.5) bad = true;
    if (v.pbo >= 0.2) good = false;
  } else {
    good = false;
  }
  if (v.dsr !== null && Number.isFinite(v.dsr)) {
    parts.push(`deflated Sharpe ${f2(v.dsr)} after ${v.trials} trials${v.dsr >= 0.95 ? '' : ' (not significant at 95%)'}`);
    if (v.dsr < 0.95) good = false;
    if (v.dsr < 0.5) bad = true;
  } else {
    good = false;
  }
  const level: VerdictLevel = bad ? 'likely-overfit' : good ? 'credible' : 'inconclusive';
  const tail = level === 'likely-overfit' ? 'this choice is likely overfit' : level === 'credible' ? 'this choice survives the overfitting checks' : 'the evidence for this choice is weak';
  return { level, text: `${parts.join('; ')}: ${tail}` };
}
