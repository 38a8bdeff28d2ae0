// WeekendData -> markdown + SVG charts, top-down for a trader: verdict -> recommended configuration -> P&L and
// risk -> calibration evidence -> trades -> data coverage -> changes -> reproducibility -> engine diagnostics
// (appendix). Pure: no I/O, no clock; timing figures appear only between the TIMING markers of the appendix.
import { digestBlock, digestOf } from './digest.ts';
import { longDate, n, pct, thresholdSet, usd, ymd } from './format.ts';
import { bullet, mdTable } from './markdown.ts';
import { renderAppendix } from './render-appendix.ts';
import { renderEngineComparison } from './engine-comparison.ts';
import { renderConfig } from './render-config.ts';
import { renderContext } from './render-context.ts';
import { renderCoverage } from './render-coverage.ts';
import { renderEvidence } from './render-evidence.ts';
import { renderRisk } from './render-risk.ts';
import { renderTrades } from './render-trades.ts';
import { renderWeights } from './weights-section.ts';
import { verdict, VERDICT_RULE } from './verdict.ts';
import { CHECKS, computeWarnings } from './warnings.ts';
import type { ReportDigest, WeekendData } from './weekend-model.ts';

export { TIMING_BEGIN, TIMING_END, SEED_MS_PER_CALC, OBJECTIVE_MS, LATER_OBJECTIVE_MS, stripTiming } from './render-appendix.ts';

export interface RenderedReport {
  /** file name of the markdown, e.g. weekend-2024-08-30.md */
  name: string;
  /** folder for the charts, relative to the markdown */
  chartDir: string;
  markdown: string;
  charts: Record<string, string>;
}

export function reportName(d: WeekendData): string {
  return `weekend-${ymd(d.reportDate)}`;
}

/** `base` names the markdown and its chart folder (default weekend-<date>; a suffixed name when that one is taken). */
export function renderWeekend(d: WeekendData, previous: { file: string; digest: ReportDigest } | null = null, base = reportName(d)): RenderedReport {
  const charts: Record<string, string> = {};
  const c = renderContext(d, base, charts);
  const out: string[] = [
    ...renderVerdict(d),
    ...renderConfig(d, c),
    ...renderRisk(d, c),
    ...renderEvidence(d, c),
    ...(d.optimized ? renderWeights(d.optimized, c.img) : []),
    ...renderTrades(d),
    ...renderCoverage(d, c),
    ...renderChanges(d, previous),
    ...renderRepro(d),
    ...renderAppendix(d),
    // appendix B: the same bars through the original engine, when the run compared them
    ...(d.engines ? [renderEngineComparison(d.engines).replace(/^## /, '## Appendix B. ')] : []),
    digestBlock(digestOf(d)),
    '',
  ];
  return { name: `${base}.md`, chartDir: base, markdown: out.join('\n'), charts };
}

/** Title, what to read first (in words), the verdict and its rule, the warnings. */
function renderVerdict(d: WeekendData): string[] {
  const out: string[] = [`# mia weekend report — ${longDate(d.reportDate)}`, ''];
  out.push(`${d.symbol}, ${ymd(d.span.from)} to ${ymd(d.span.to)}: ${n(d.span.sessions)} sessions, ${n(d.backtest.summary.trades)} trades at the thresholds in force (${thresholdSet(d.thresholds.current)}).`);
  out.push('');
  for (const h of d.headline) out.push(`**Read first: ${h}**`, '');
  out.push('## 1. Verdict', '');
  out.push(`**${verdict(d)}**`, '');
  out.push(`Verdict rule: ${VERDICT_RULE}`, '');
  const warnings = computeWarnings(d);
  out.push(warnings.length ? bullet(warnings) : 'None of the checks below raised a warning on these numbers.');
  out.push('', '<details><summary>Checks run</summary>', '', bullet(CHECKS), '', '</details>', '');
  return out;
}

function renderChanges(d: WeekendData, previous: { file: string; digest: ReportDigest } | null): string[] {
  const out: string[] = ['## 7. Changes since the previous report', ''];
  if (!previous) return [...out, 'No earlier weekend report with a digest in this folder.', ''];
  const p = previous.digest;
  const cur = digestOf(d);
  out.push(`Compared with [${previous.file}](${previous.file}) (data ${ymd(p.from)} to ${ymd(p.to)}).`, '');
  const rows: (string | number)[][] = [
    ['Thresholds in force', thresholdSet(p.thresholds), thresholdSet(cur.thresholds), sameSet(p.thresholds, cur.thresholds) ? 'unchanged' : 'changed'],
    ['Recommended thresholds', p.recommended ? thresholdSet(p.recommended) : '—', cur.recommended ? thresholdSet(cur.recommended) : '—', p.recommended && cur.recommended && sameSet(p.recommended, cur.recommended) ? 'unchanged' : 'changed'],
    ['Trades', n(p.trades), n(cur.trades), signedInt(cur.trades - p.trades)],
    ['Net P&L', usd(p.netUsd), usd(cur.netUsd), usd(cur.netUsd - p.netUsd)],
    ['Win rate', pct(p.winRate), pct(cur.winRate), `${signedPts(cur.winRate - p.winRate)} pts`],
    ['Max drawdown', usd(-p.maxDrawdownUsd), usd(-cur.maxDrawdownUsd), usd(p.maxDrawdownUsd - cur.maxDrawdownUsd)],
  ];
  for (const tier of ['PREMIUM', 'STRONG', 'GOOD', 'WEAK']) {
    const a = p.distribution[tier] ?? 0;
    const b = cur.distribution[tier] ?? 0;
    rows.push([`${tier} signals`, n(a), n(b), signedInt(b - a)]);
  }
  out.push(mdTable(['Measure', 'Previous', 'Now', 'Change'], rows), '');
  return out;
}

function renderRepro(d: WeekendData): string[] {
  const out: string[] = ['## 8. Reproducibility', ''];
  out.push(mdTable(['Item', 'Value'], [
    ['mia version', d.repro.miaVersion],
    ['Engine version', d.repro.engineVersion],
    ['Command', `\`${d.repro.command}\``],
  ], ['l', 'l']));
  out.push('');
  out.push(mdTable(['Input', 'Rows', 'sha256'], d.repro.inputs.map((i) => [`\`${i.path}\``, n(i.rows), `\`${i.sha256}\``]), ['l', 'r', 'l']));
  out.push('', '<details><summary>Every parameter of this run (JSON)</summary>', '', '```json', JSON.stringify(d.repro.parameters, null, 2), '```', '', '</details>', '');
  return out;
}

function signedInt(v: number): string {
  return v > 0 ? `+${n(v)}` : n(v);
}
function signedPts(fraction: number): string {
  const r = Math.round(fraction * 1000) / 10;
  return r > 0 ? `+${r.toFixed(1)}` : r < 0 ? r.toFixed(1) : '0.0';
}
function sameSet(a: { premium: number; strong: number; good: number; weak: number }, b: typeof a): boolean {
  return a.premium === b.premium && a.strong === b.strong && a.good === b.good && a.weak === b.weak;
}
