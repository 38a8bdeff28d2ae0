// Section 4: the calibration evidence — the sweep's top sets in and out of sample, DSR / PBO, the heatmap.
import { heatmapSvg } from './charts/heatmap.ts';
import { n, pct, ratio, usd } from './format.ts';
import { mdTable } from './markdown.ts';
import type { RenderContext } from './render-context.ts';
import { fmtSet } from './warnings.ts';
import type { SweepSetRow, WeekendData } from './weekend-model.ts';

export function renderEvidence(d: WeekendData, c: RenderContext): string[] {
  const out: string[] = ['## 4. Calibration evidence: threshold sweep and out-of-sample test', ''];
  const sw = d.sweep;
  if (!sw) return [...out, 'Not run: the window is too short to split into a training and a test period.', ''];
  out.push(`${n(sw.sets)} threshold sets ranked by ${sw.metric} on the ${c.trainLine}, then replayed on the ${c.testLine}.`);
  out.push('');
  const row = (label: string, r: SweepSetRow) => [
    label, fmtSet(r.thresholds), n(r.trainTrades), usd(r.trainNetUsd), ratio(r.trainSharpe),
    r.testTrades === null ? '—' : n(r.testTrades), r.testNetUsd === null ? '—' : usd(r.testNetUsd), r.testSharpe === null ? '—' : ratio(r.testSharpe),
  ];
  const rows = sw.top.map((r, i) => row(`#${i + 1}`, r));
  if (sw.current) rows.push(row('in force', sw.current));
  out.push(mdTable(['Rank', 'P/S/G/W', 'Train trades', 'Train net', 'Train Sharpe', 'Test trades', 'Test net', 'Test Sharpe'], rows));
  out.push('');
  out.push(mdTable(['Overfitting check', 'Value', 'Reading'], [
    ['Deflated Sharpe ratio (best set)', sw.dsr === null ? 'n/a' : ratio(sw.dsr), sw.dsr === null ? 'not computed' : sw.dsr >= 0.95 ? 'the best Sharpe survives the number of trials' : 'not distinguishable from the best of many random tries'],
    ['Probability of backtest overfitting', sw.pbo === null ? 'n/a' : pct(sw.pbo), sw.pbo === null ? 'not computed' : sw.pbo <= 0.5 ? 'the in-sample winner usually stays above median' : 'the in-sample winner usually falls below median'],
  ], ['l', 'r', 'l']));
  out.push('');
  out.push(`Sweep verdict: ${sw.verdict}`);
  out.push('');
  if (sw.heatmap) {
    out.push(c.img('sweep-heatmap.svg', 'Sweep heatmap', heatmapSvg(sw.heatmap)));
    out.push('');
  }
  return out;
}
