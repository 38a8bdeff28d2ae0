// Section 6: what the figures stand on — the data span, the signal distribution by tier, and the share of bars
// on which each feature had real inputs.
import { histogramSvg } from './charts/histogram.ts';
import { tierRatesSvg } from './charts/tier-rates.ts';
import { n, pct, ratio, thresholdSet, ymd } from './format.ts';
import { mdTable } from './markdown.ts';
import type { RenderContext } from './render-context.ts';
import type { WeekendData } from './weekend-model.ts';

export function renderCoverage(d: WeekendData, c: RenderContext): string[] {
  const t = d.thresholds;
  const out: string[] = ['## 6. Data coverage', ''];
  out.push(mdTable(['Item', 'Value'], [
    ['Report date (last trade date in the data)', ymd(d.reportDate)],
    ['Instrument', d.symbol],
    ['Data span', `${ymd(d.span.from)} to ${ymd(d.span.to)}`],
    ['Sessions / bars', `${n(d.span.sessions)} sessions, ${n(d.span.bars)} bars (${n(d.span.sessionBars)} in the ${d.repro.parameters.session === 'eth' ? 'ETH' : 'RTH'} session filter, ${n(d.span.signalBars)} with a signal)`],
    ['Roll-week sessions', n(d.span.rollWeekSessions)],
    ['Context rows (VIX, GEX, put/call)', n(d.span.contextRows)],
    ['Thresholds in force (P / S / G / W)', thresholdSet(t.current)],
    ['Multipliers (P / S / G / W)', `×${ratio(d.multipliers.premium, 1)} / ×${ratio(d.multipliers.strong, 1)} / ×${ratio(d.multipliers.good, 1)} / ×${ratio(d.multipliers.weak, 1)}`],
  ], ['l', 'l']));
  out.push('', '### Signal distribution', '');
  out.push(`Every signal bar (engine active, a direction, a finite score) counted by tier: ${n(d.span.signalBars)} signal bars over ${n(d.span.sessions)} sessions, the backtest's own counts. Targets are the seed's expectations for live trading.`);
  out.push('');
  out.push(mdTable(['Tier', 'Signals', 'Share of session bars', 'Per session', 'Sessions with one', 'Target per session'], d.distribution.map((r) => [
    r.tier, n(r.count), pct(r.share), n(r.perSession, 2), `${n(r.sessions)} (${pct(d.span.sessions ? r.sessions / d.span.sessions : NaN, 0)})`, r.target ? `${r.target.lo}–${r.target.hi}` : '—',
  ])));
  out.push('');
  out.push(c.img('score-histogram.svg', 'Score histogram with tier thresholds', histogramSvg({
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
  out.push(c.img('tier-rates.svg', 'Signals per session by tier against target bands', tierRatesSvg({
    title: 'Signals per session by tier (shaded: target band)',
    tiers: d.distribution.filter((r) => r.tier !== 'NO_TRADE').map((r) => ({ name: r.tier, perSession: r.perSession, ...(r.target ? { target: r.target } : {}) })),
  })));
  out.push('');
  if (d.availability.length) {
    out.push('Feature inputs (share of the bars the engine processed where each feature ran on real data rather than its spec default):');
    out.push('');
    out.push(mdTable(['Feature', 'Real inputs'], d.availability.map((a) => [a.feature, pct(a.available)])));
    out.push('');
  }
  return out;
}
