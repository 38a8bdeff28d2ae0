// The optimiser's verdict, computed from the evidence, never written by hand: the sweep's overfitting verdict
// (in-sample vs OOS Sharpe, PBO, DSR) plus the random-entry percentile. "significant" needs all of: a positive
// walk-forward OOS Sharpe, DSR ≥ 0.95, PBO < 0.5 and OOS net P&L above 95 % of random-entry runs.
import { verdict } from '../sweep/verdict.ts';
import type { OptimizeResult } from './types.ts';

export interface JudgeInput {
  trials: number;
  isSharpe: number | null;
  dsr: number | null;
  pbo: number | null;
  walk: OptimizeResult['walk_forward'];
}

export function judge(j: JudgeInput): OptimizeResult['verdict'] {
  const oos = j.walk ? j.walk.oos.sharpe : null;
  const v = verdict({ trials: j.trials, isSharpe: j.isSharpe, oosSharpe: oos, dsr: j.dsr, pbo: j.pbo });
  const why: string[] = [];
  if (j.walk === null) why.push('no walk-forward test was run');
  else if (!(oos !== null && oos > 0)) why.push(`walk-forward OOS Sharpe ${oos === null ? 'undefined' : oos.toFixed(2)} is not positive`);
  if (!(j.dsr !== null && j.dsr >= 0.95)) why.push(`deflated Sharpe ${j.dsr === null ? 'undefined' : j.dsr.toFixed(2)} < 0.95 after ${j.trials} trials`);
  if (j.pbo !== null && j.pbo >= 0.5) why.push(`PBO ${j.pbo.toFixed(2)} ≥ 0.5`);
  const re = j.walk?.random_entry ?? null;
  if (re && !(re.net_percentile !== null && re.net_percentile >= 0.95)) why.push(`OOS net P&L beats only ${Math.round((re.net_percentile ?? 0) * 100)} % of ${re.draws} random-entry runs`);
  const significant = why.length === 0;
  const head = significant ? 'significant: the learned weights beat the overfitting checks and random entries out of sample' : `not significant: ${why.join('; ')}`;
  return { significant, level: v.level, text: `${head} (${v.text})` };
}
