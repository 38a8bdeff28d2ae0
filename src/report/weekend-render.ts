// WeekendData -> markdown + SVG charts. Pure: no I/O, no clock. Timing figures appear only in section 5,
// between the TIMING markers, so everything outside them byte-compares run to run.
import { equityDrawdownSvg } from './charts/equity.ts';
import { heatmapSvg } from './charts/heatmap.ts';
import { histogramSvg } from './charts/histogram.ts';
import { monthlyPnlSvg } from './charts/monthly.ts';
import { tierRatesSvg } from './charts/tier-rates.ts';
import { digestBlock, digestOf } from './digest.ts';
import { level, longDate, n, pct, ratio, score, thresholdSet, ticks, usd, usdPlain, ymd } from './format.ts';
import { bullet, mdTable } from './markdown.ts';
import { verdict, VERDICT_RULE } from './verdict.ts';
import { CHECKS, computeWarnings, fmtSet } from './warnings.ts';
import type { ReportDigest, ScenarioRow, SweepSetRow, WeekendData } from './weekend-model.ts';

export const TIMING_BEGIN = '<!-- timing:begin (varies run to run; excluded from byte comparisons) -->';
export const TIMING_END = '<!-- timing:end -->';

/** The seed's engine figures (hand-measured, Python, 19 scenario calls). */
export const SEED_MS_PER_CALC = 1.8;
export const OBJECTIVE_MS = 40;
export const LATER_OBJECTIVE_MS = 20;

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

export function renderWeekend(d: WeekendData, previous: { file: string; digest: ReportDigest } | null = null): RenderedReport {
  const base = reportName(d);
  const charts: Record<string, string> = {};
  const img = (file: string, alt: string, svg: string) => {
    charts[file] = svg;
    return `![${alt}](${base}/${file})`;
  };
  const s = d.backtest.summary;
  const t = d.thresholds;
  const out: string[] = [];

  // 1. Header
  out.push(`# mia weekend report — ${longDate(d.reportDate)}`);
  out.push('');
  out.push(`**Verdict: ${verdict(d)}**`);
  out.push('');
  out.push(mdTable(['Item', 'Value'], [
    ['Report date (last trade date in the data)', ymd(d.reportDate)],
    ['Instrument', d.symbol],
    ['Data span', `${ymd(d.span.from)} to ${ymd(d.span.to)}`],
    ['Sessions / bars', `${n(d.span.sessions)} sessions, ${n(d.span.bars)} bars (${n(d.span.sessionBars)} in the ${d.repro.parameters.session === 'eth' ? 'ETH' : 'RTH'} session filter, ${n(d.span.signalBars)} with a signal)`],
    ['Thresholds in force (P / S / G / W)', thresholdSet(t.current)],
    ['Multipliers (P / S / G / W)', `×${ratio(d.multipliers.premium, 1)} / ×${ratio(d.multipliers.strong, 1)} / ×${ratio(d.multipliers.good, 1)} / ×${ratio(d.multipliers.weak, 1)}`],
    ['Backtest net P&L (after costs)', `${usd(s.netUsd)} over ${n(s.trades)} trades`],
  ], ['l', 'l']));
  out.push('');
  out.push(`Verdict rule: ${VERDICT_RULE}`);
  out.push('');

  // 2. Thresholds
  out.push('## 2. Thresholds: in force vs recommended');
  out.push('');
  const trainLine = `training window ${ymd(t.train.from)} to ${ymd(t.train.to)} (${n(t.train.sessions)} sessions)`;
  const testLine = t.test ? `test window ${ymd(t.test.from)} to ${ymd(t.test.to)} (${n(t.test.sessions)} sessions)` : 'no test window';
  out.push(mdTable(['Tier', 'In force', 'Recommended', 'Multiplier'], (['premium', 'strong', 'good', 'weak'] as const).map((k) => [
    k.toUpperCase(),
    level(t.current[k]),
    t.recommended ? level(t.recommended[k]) : '—',
    `×${ratio(d.multipliers[k], 1)}`,
  ])));
  out.push('');
  out.push(`Rule: ${t.rule}`);
  if (t.command) out.push('', `Reproduce: \`${t.command}\``);
  const best = d.sweep?.top[0];
  if (t.recommended && best && !(best.trainNetUsd > 0)) {
    out.push('');
    out.push(`**The recommended set loses money on the training window too (${usd(best.trainNetUsd)}): it is the least bad set of the grid, not a set to trade.**`);
  }
  out.push('');
  out.push(`Windows: ${trainLine}; ${testLine}.`);
  out.push('');

  // 3. Scenarios
  out.push("## 3. Scenario tests (the seed's 19 scenarios through mia's engine)");
  out.push('');
  out.push("mia's score and tier beside the seed's hand-made figures. Time per calculation is in section 5 (timing).");
  out.push('');
  const scenarioTable = (rows: ScenarioRow[], cols: ('label' | 'volume' | 'delta')[]) => {
    const head = [...cols.map((c) => (c === 'label' ? 'Scenario' : c === 'volume' ? 'Volume' : 'Delta')), 'Score', 'Tier', 'Multiplier', 'Seed score', 'Seed tier', 'Δ score'];
    return mdTable(head, rows.map((r) => [
      ...cols.map((c) => (c === 'label' ? r.label : c === 'volume' ? (r.volume === null ? '—' : n(r.volume)) : r.delta === null ? '—' : n(r.delta))),
      score(r.score),
      r.tier,
      `×${ratio(r.multiplier, 1)}`,
      r.seedScore === null ? '—' : score(r.seedScore),
      r.seedTier ?? '—',
      r.seedScore === null ? '—' : signed3(r.score - r.seedScore),
    ]), [...cols.map((c): 'l' | 'r' => (c === 'label' ? 'l' : 'r')), 'r', 'l', 'r', 'r', 'l', 'r']);
  };
  const groups: [ScenarioRow['group'], string, ('label' | 'volume' | 'delta')[]][] = [
    ['confluence', 'Confluence', ['label', 'volume', 'delta']],
    ['volume', 'Volume sensitivity', ['volume']],
    ['delta', 'Delta sensitivity', ['delta']],
    ['risk', 'Risk scenarios', ['label']],
  ];
  for (const [g, title, cols] of groups) {
    const rows = d.scenarios.filter((r) => r.group === g);
    if (!rows.length) continue;
    out.push(`### ${title} (${rows.length})`);
    out.push('');
    out.push(scenarioTable(rows, cols));
    out.push('');
    out.push(`Result: ${tierTally(rows)}.`);
    out.push('');
  }
  if (d.scenarios.length) {
    const same = d.scenarios.filter((r) => r.seedTier !== null && r.seedTier === r.tier).length;
    const withSeed = d.scenarios.filter((r) => r.seedTier !== null).length;
    out.push(`Overall: ${tierTally(d.scenarios)}; ${same} of ${withSeed} scenarios land in the seed's tier.`);
    out.push('');
  }

  // 4. Distribution
  out.push('## 4. Signal distribution over the backtest window');
  out.push('');
  out.push(`Every signal bar (engine active, a direction, a finite score) counted by tier: ${n(d.span.signalBars)} signal bars over ${n(d.span.sessions)} sessions, the backtest's own counts. Targets are the seed's expectations for live trading.`);
  out.push('');
  out.push(mdTable(['Tier', 'Signals', 'Share of session bars', 'Per session', 'Sessions with one', 'Target per session'], d.distribution.map((r) => [
    r.tier, n(r.count), pct(r.share), n(r.perSession, 2), `${n(r.sessions)} (${pct(d.span.sessions ? r.sessions / d.span.sessions : NaN, 0)})`, r.target ? `${r.target.lo}–${r.target.hi}` : '—',
  ])));
  out.push('');
  out.push(img('score-histogram.svg', 'Score histogram with tier thresholds', histogramSvg({
    title: `Confluence score distribution, ${ymd(d.span.from)} to ${ymd(d.span.to)}`,
    xLabel: 'Confluence score (0–1)',
    yLabel: 'Signal bars (count)',
    values: d.scores,
    binWidth: 0.01,
    markers: [
      { label: 'PREMIUM', value: t.current.premium },
      { label: 'STRONG', value: t.current.strong },
      { label: 'GOOD', value: t.current.good },
      { label: 'WEAK', value: t.current.weak },
    ],
  })));
  out.push('');
  out.push(img('tier-rates.svg', 'Signals per session by tier against target bands', tierRatesSvg({
    title: 'Signals per session by tier (shaded: target band)',
    tiers: d.distribution.filter((r) => r.tier !== 'NO_TRADE').map((r) => ({ name: r.tier, perSession: r.perSession, ...(r.target ? { target: r.target } : {}) })),
  })));
  out.push('');

  // 5. Timing
  out.push('## 5. Engine performance (timing — varies run to run)');
  out.push('');
  out.push(TIMING_BEGIN);
  out.push('');
  if (d.timing) {
    const tm = d.timing;
    out.push(mdTable(['Measure', 'mia now', 'Seed', 'Objective'], [
      ['Time per bar (full replay, all features)', `${n(tm.msPerBar * 1000, 2)} µs`, '—', '—'],
      ['Bars per second', n(tm.barsPerSec), '—', '—'],
      ['Replay of the window', `${n(tm.replayMs, 0)} ms for ${n(tm.bars)} bars`, '—', '—'],
      ['Time per scenario calculation', `${n(tm.scenarioMsPerCalc, 3)} ms`, `${SEED_MS_PER_CALC} ms`, `< ${OBJECTIVE_MS} ms, later < ${LATER_OBJECTIVE_MS} ms`],
      ['Pipeline wall time (replay, scenarios, backtest, sweep)', `${n(tm.wallMs / 1000, 1)} s`, '—', '—'],
    ]));
    out.push('');
    const ok = tm.scenarioMsPerCalc < LATER_OBJECTIVE_MS ? `meets both objectives (< ${OBJECTIVE_MS} ms and < ${LATER_OBJECTIVE_MS} ms)` : tm.scenarioMsPerCalc < OBJECTIVE_MS ? `meets < ${OBJECTIVE_MS} ms, not yet < ${LATER_OBJECTIVE_MS} ms` : `misses the ${OBJECTIVE_MS} ms objective`;
    out.push(`Per calculation, mia ${ok}; the seed measured ${SEED_MS_PER_CALC} ms in Python.`);
  } else {
    out.push('Timing not measured in this run.');
  }
  out.push('');
  out.push(TIMING_END);
  out.push('');

  // 6. Backtest
  out.push('## 6. Backtest (thresholds in force)');
  out.push('');
  out.push(mdTable(['Measure', 'Value'], [
    ['Trades', n(s.trades)],
    ['Wins / losses', `${n(s.wins)} / ${n(s.losses)} (win rate ${pct(s.winRate)})`],
    ['Net P&L after costs', usd(s.netUsd)],
    ['Gross P&L before costs', usd(s.grossUsd)],
    ['Commissions', usd(-s.commissionUsd)],
    ['Slippage', usd(-s.slippageUsd)],
    ['Average trade', `${usd(s.expectancyUsd)} (${ticks(s.avgTicks)} per contract, before costs)`],
    ['Profit factor', ratio(s.profitFactor)],
    ['Sharpe (daily, annualised)', ratio(s.sharpe)],
    ['Max drawdown', usd(-s.maxDrawdownUsd)],
    ['Sessions stopped by the daily loss limit', n(s.haltedDays)],
  ]));
  out.push('');
  out.push('### By tier');
  out.push('');
  out.push(mdTable(['Tier', 'Signals', 'Trades', 'Win rate', 'Net P&L', 'Average trade'], d.backtest.byTier.map((r) => [
    r.tier, n(r.signals), n(r.trades), r.trades ? pct(r.winRate) : '—', r.trades ? usd(r.netUsd) : '—', r.trades ? usd(r.avgUsd) : '—',
  ])));
  out.push('');
  out.push('### By month');
  out.push('');
  out.push(mdTable(['Month', 'Trades', 'Win rate', 'Net P&L'], d.backtest.byMonth.map((m) => [m.month, n(m.trades), m.trades ? pct(m.winRate) : '—', usd(m.netUsd)])));
  out.push('');
  out.push(img('equity-drawdown.svg', 'Equity curve and drawdown', equityDrawdownSvg({
    title: `Equity and drawdown, thresholds ${fmtSet(t.current)}`,
    dates: d.backtest.equity.dates,
    equity: d.backtest.equity.equity,
    startingCapital: d.backtest.startingCapital,
  })));
  out.push('');
  out.push(img('monthly-pnl.svg', 'Net P&L by month', monthlyPnlSvg({
    title: 'Net P&L by month (after costs)',
    months: d.backtest.byMonth.map((m) => ({ month: m.month, pnl: m.netUsd })),
  })));
  out.push('');

  // 7. Sweep
  out.push('## 7. Threshold sweep and out-of-sample test');
  out.push('');
  const sw = d.sweep;
  if (!sw) {
    out.push('Not run: the window is too short to split into a training and a test period.');
    out.push('');
  } else {
    out.push(`${n(sw.sets)} threshold sets ranked by ${sw.metric} on the ${trainLine}, then replayed on the ${testLine}.`);
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
      out.push(img('sweep-heatmap.svg', 'Sweep heatmap', heatmapSvg(sw.heatmap)));
      out.push('');
    }
  }

  // 8. Sizing
  out.push('## 8. Position sizing');
  out.push('');
  out.push(`Capital ${usdPlain(d.sizing.capital)}, base size ${n(d.sizing.baseContracts)} contract(s) at ×1.0; contracts = round(base × multiplier), at least 1 for a traded tier.`);
  out.push('');
  out.push(mdTable(['Tier', 'Score from', 'Multiplier', 'Contracts'], d.sizing.rows.map((r) => [r.tier, r.tier === 'NO_TRADE' ? `< ${level(r.threshold)}` : `>= ${level(r.threshold)}`, `×${ratio(r.multiplier, 1)}`, n(r.contracts)])));
  out.push('');

  // 9. Changes
  out.push('## 9. Changes since the previous report');
  out.push('');
  if (!previous) {
    out.push('No earlier weekend report with a digest in this folder.');
  } else {
    const p = previous.digest;
    const cur = digestOf(d);
    out.push(`Compared with [${previous.file}](${previous.file}) (data ${ymd(p.from)} to ${ymd(p.to)}).`);
    out.push('');
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
    out.push(mdTable(['Measure', 'Previous', 'Now', 'Change'], rows));
  }
  out.push('');

  // 10. Warnings
  out.push('## 10. Warnings');
  out.push('');
  const warnings = computeWarnings(d);
  out.push(warnings.length ? bullet(warnings) : 'None of the checks below raised a warning on these numbers.');
  out.push('');
  out.push('<details><summary>Checks run</summary>');
  out.push('');
  out.push(bullet(CHECKS));
  out.push('');
  out.push('</details>');
  out.push('');
  if (d.availability.length) {
    out.push('Feature inputs (share of the bars the engine processed where each feature ran on real data rather than its spec default):');
    out.push('');
    out.push(mdTable(['Feature', 'Real inputs'], d.availability.map((a) => [a.feature, pct(a.available)])));
    out.push('');
  }

  // 11. Reproducibility
  out.push('## 11. Reproducibility');
  out.push('');
  out.push(mdTable(['Item', 'Value'], [
    ['mia version', d.repro.miaVersion],
    ['Engine version', d.repro.engineVersion],
    ['Command', `\`${d.repro.command}\``],
  ], ['l', 'l']));
  out.push('');
  out.push(mdTable(['Input', 'Rows', 'sha256'], d.repro.inputs.map((i) => [`\`${i.path}\``, n(i.rows), `\`${i.sha256}\``]), ['l', 'r', 'l']));
  out.push('');
  out.push('<details><summary>Every parameter of this run (JSON)</summary>');
  out.push('');
  out.push('```json');
  out.push(JSON.stringify(d.repro.parameters, null, 2));
  out.push('```');
  out.push('');
  out.push('</details>');
  out.push('');
  out.push(digestBlock(digestOf(d)));
  out.push('');
  return { name: `${base}.md`, chartDir: base, markdown: out.join('\n'), charts };
}

function signed3(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return r > 0 ? `+${r.toFixed(3)}` : r < 0 ? r.toFixed(3) : '0.000';
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
function tierTally(rows: ScenarioRow[]): string {
  const order = ['PREMIUM', 'STRONG', 'GOOD', 'WEAK', 'NO_TRADE'];
  const parts: string[] = [];
  for (const t of order) {
    const c = rows.filter((r) => r.tier === t).length;
    if (c) parts.push(`${c} ${t}`);
  }
  return parts.join(', ');
}

/** The report with the timing section's body removed: what byte-compares between runs. */
export function stripTiming(markdown: string): string {
  const i = markdown.indexOf(TIMING_BEGIN);
  const j = markdown.indexOf(TIMING_END);
  return i < 0 || j < 0 ? markdown : markdown.slice(0, i + TIMING_BEGIN.length) + markdown.slice(j);
}
