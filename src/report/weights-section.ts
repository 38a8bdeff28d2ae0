// The report's "weights" section for a run with learned weights (`mia optimize`): learned vs seed weights, each
// feature's share of the score, the stability of the weights across walk-forward windows (a stacked-bar SVG),
// and whether the OOS evidence beats the seed weights and random entries. Self-contained: takes the optimize
// result, returns markdown and the chart; `mia optimize --out` writes it as weights.md and the weekend report
// includes it with `--optimized FILE` (weekend-render.ts).
import { FEATURE_NAMES } from '../engine/types.ts';
import type { OptimizeResult } from '../optimize/types.ts';
import type { OptimizedRun } from '../optimize/load-result.ts';
import { axisBottom, axisLeft, INK, linearScale, rect, svgDoc, text } from './charts/svg.ts';
import { usd } from './format.ts';

const COLOURS = ['#1f5fa8', '#e08a1e', '#2e9e5b', '#c23b3b', '#7b52ab', '#8c564b', '#d462a6', '#7f7f7f', '#b5b82a', '#17a8b8'];

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} %`);
const num2 = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(2));

/** Stacked bars: one per walk-forward window, the ten weights stacked to 1. */
export function weightStabilitySvg(r: OptimizeResult): string {
  const wins = (r.walk_forward?.windows ?? []).filter((w) => w.weights !== null);
  const width = 860;
  const left = 70;
  const right = 620;
  const top = 40;
  const bottom = 330;
  const body: string[] = [];
  if (wins.length === 0) {
    body.push(text(width / 2, 120, 'No walk-forward window chose weights: nothing to plot.', { 'text-anchor': 'middle', fill: INK, 'font-size': 14 }));
    return svgDoc(width, 200, 'Learned weights by walk-forward window', body);
  }
  const y = linearScale(0, 1, bottom, top);
  const slot = (right - left) / wins.length;
  body.push(...axisLeft(bottom, top, left, [0, 0.25, 0.5, 0.75, 1].map((v) => ({ at: y(v), label: v.toFixed(2) })), 'weight', right));
  const every = Math.max(1, Math.ceil(wins.length / 12));
  body.push(...axisBottom(left, right, bottom, wins.flatMap((w, i) => (i % every === 0 ? [{ at: left + slot * (i + 0.5), label: w.test_from.slice(0, 7) }] : [])), 'test window start'));
  wins.forEach((w, i) => {
    let acc = 0;
    FEATURE_NAMES.forEach((name, k) => {
      const v = w.weights![name];
      if (v > 0) body.push(rect(left + slot * i + 1, y(acc + v), Math.max(1, slot - 2), y(acc) - y(acc + v), { fill: COLOURS[k]! }));
      acc += v;
    });
  });
  FEATURE_NAMES.forEach((name, k) => {
    body.push(rect(640, top + k * 22, 12, 12, { fill: COLOURS[k]! }));
    body.push(text(658, top + k * 22 + 10, name, { fill: INK, 'font-size': 11 }));
  });
  return svgDoc(width, 380, 'Learned weights by walk-forward window', body);
}

/** The section's markdown lines; `img` places the stability chart and returns its markdown reference. */
export function weightsMarkdown(r: OptimizeResult, heading: string, img: (alt: string, svg: string) => string): string[] {
  const out: string[] = [heading, ''];
  out.push(`Verdict: **${r.verdict.text}**`, '');
  out.push(`Reproduce: \`${r.command}\``, '');
  if (r.recommended) {
    const t = r.recommended.thresholds;
    const e = r.recommended.exits;
    out.push(`Recommended thresholds PREMIUM/STRONG/GOOD/WEAK ${t.premium}/${t.strong}/${t.good}/${t.weak}; exits stop ${e.stop_ticks} ticks, target ${e.target_ticks} ticks, time stop ${e.time_stop_bars || 'off'}, daily loss limit ${usd(e.daily_loss_limit_usd)}.`, '');
  }
  out.push('| feature | seed weight (after pins) | learned weight | seed share of score | learned share of score |', '|---|---:|---:|---:|---:|');
  for (const name of FEATURE_NAMES) {
    const lw = r.recommended?.weights[name];
    out.push(`| ${name} | ${r.seed.weights[name].toFixed(4)} | ${lw === undefined ? 'n/a' : lw.toFixed(4)} | ${pct(r.shares?.seed[name])} | ${pct(r.shares?.learned[name])} |`);
  }
  out.push('');
  const wf = r.walk_forward;
  if (wf) {
    out.push(`Out of sample (walk-forward ${wf.spec}${wf.anchored ? ', anchored' : ''}, ${wf.windows.length} windows, ${wf.oos.sessions} sessions):`, '');
    out.push('| configuration | trades | net P&L | Sharpe |', '|---|---:|---:|---:|');
    out.push(`| learned weights | ${wf.oos.trades} | ${usd(wf.oos.net_pnl_usd)} | ${num2(wf.oos.sharpe)} |`);
    out.push(`| seed weights (gate and exits chosen the same way) | ${wf.seed_oos.trades} | ${usd(wf.seed_oos.net_pnl_usd)} | ${num2(wf.seed_oos.sharpe)} |`);
    if (r.regime?.oos) out.push(`| learned weights, thresholds per ${r.regime.spec} bucket | ${r.regime.oos.trades} | ${usd(r.regime.oos.net_pnl_usd)} | ${num2(r.regime.oos.sharpe)} |`);
    const re = wf.random_entry;
    if (re) out.push(`| random entry, median of ${re.draws} runs | | ${re.median_net_usd === null ? 'n/a' : usd(re.median_net_usd)} | |`);
    out.push('');
    const beatsSeed = (wf.oos.sharpe ?? -Infinity) > (wf.seed_oos.sharpe ?? -Infinity);
    out.push(`The learned weights ${beatsSeed ? 'beat' : 'do not beat'} the seed weights out of sample (Sharpe).`);
    if (re) out.push(`Random entry: ${re.sentence} (net P&L percentile ${pct(re.net_percentile)}, Sharpe percentile ${pct(re.sharpe_percentile)}).`);
    out.push('', img('Learned weights by walk-forward window', weightStabilitySvg(r)), '');
  } else {
    out.push('No walk-forward test was run: the weights are in-sample only.', '');
  }
  const d = r.overfitting.dsr;
  const p = r.overfitting.pbo;
  out.push(`Overfitting: deflated Sharpe ${num2(d?.value)} over ${d?.trials ?? 0} distinct trials (${d?.all_trials ?? 0} tried${r.search ? `: ${r.search.weight_sets} weight sets × ${r.search.exit_combinations.length} exit combinations × ${r.search.ladder_sets} gates` : ''}); PBO ${num2(p?.value)}${p ? ` (${p.blocks} blocks, ${p.trials} distinct trials)` : ''}.`, '');
  return out;
}

/** The section as `mia optimize --out` writes it: weights.md beside its chart. */
export function weightsSection(r: OptimizeResult, chartPath: string): { markdown: string; svg: string } {
  const svg = weightStabilitySvg(r);
  return { markdown: weightsMarkdown(r, '## Weights', (alt) => `![${alt}](${chartPath})`).join('\n'), svg };
}

/** The weekend report's section when the run used learned weights (`report weekend --optimized FILE`). */
export function renderWeights(o: OptimizedRun, img: (file: string, alt: string, svg: string) => string): string[] {
  const out = weightsMarkdown(o.result, '## 4b. Learned weights (mia optimize)', (alt, svg) => img('weights-stability.svg', alt, svg));
  out.splice(2, 0, `This report runs with the weights, thresholds and exits of \`${o.file}\` (every figure above uses them; the threshold sweep in section 4 re-searches thresholds with these weights).`, '');
  return out;
}

/** `report weekend --json`: the weights section's figures (null when the run used the seed weights). */
export function weightsJson(o: OptimizedRun): Record<string, unknown> {
  const r = o.result;
  return {
    file: o.file,
    command: r.command,
    weights: r.recommended?.weights ?? null,
    seed_weights: r.seed.weights,
    shares: r.shares,
    thresholds: r.recommended?.thresholds ?? null,
    exits: r.recommended?.exits ?? null,
    windows: (r.walk_forward?.windows ?? []).map((w) => ({ test_from: w.test_from, test_to: w.test_to, weights: w.weights })),
    oos: r.walk_forward?.oos ?? null,
    seed_oos: r.walk_forward?.seed_oos ?? null,
    random_entry: r.walk_forward?.random_entry ?? null,
    overfitting: r.overfitting,
    search: { weight_sets: r.search.weight_sets, trials: r.search.trials, distinct_trials: r.search.distinct_trials },
    verdict: r.verdict,
  };
}
