import { test } from 'node:test';
import assert from 'node:assert/strict';
import { equityDrawdownSvg } from '../src/report/charts/equity.ts';
import { binCounts, histogramSvg } from '../src/report/charts/histogram.ts';
import { tierRatesSvg } from '../src/report/charts/tier-rates.ts';
import { monthlyPnlSvg } from '../src/report/charts/monthly.ts';
import { monthTicks } from '../src/report/charts/dates.ts';
import { fmtTick, niceTicks, num } from '../src/report/charts/svg.ts';
import { parseSvg, texts, walk } from './fixtures/report/xml.ts';

test('svg toolkit: nice ticks cover the domain at 1/2/5 steps; numbers have no -0 or exponents', () => {
  const t = niceTicks(0.137, 0.462, 6);
  assert.equal(t.step, 0.05);
  assert.deepEqual(t.ticks, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]);
  assert.deepEqual(niceTicks(-1234, 5678, 5).ticks, [-2000, -1000, 0, 1000, 2000, 3000, 4000, 5000, 6000]);
  assert.deepEqual(niceTicks(-1234, 5678, 3).ticks, [-2000, 0, 2000, 4000, 6000]);
  assert.equal(num(-0.001), '0');
  assert.equal(num(1e-9), '0');
  assert.equal(num(12.3456), '12.35');
  assert.equal(fmtTick(250000, 50000), '250,000');
  assert.equal(fmtTick(0.3, 0.05), '0.30');
});

test('month ticks are first-of-month, thinned', () => {
  const t = monthTicks(20240115, 20240920, 9);
  assert.deepEqual(t.map((x) => x.label), ['Feb 2024', 'Mar 2024', 'Apr 2024', 'May 2024', 'Jun 2024', 'Jul 2024', 'Aug 2024', 'Sep 2024']);
  assert.ok(monthTicks(20200101, 20241231, 8).length <= 8);
});

test('equity + drawdown: two panels, $ axes, date axis, drawdown never above zero', () => {
  const dates = [20240801, 20240802, 20240805, 20240806, 20240903];
  const equity = [250_500, 249_000, 251_250, 250_100, 253_000];
  const root = parseSvg(equityDrawdownSvg({ title: 'Equity & drawdown', dates, equity, startingCapital: 250_000 }));
  const t = texts(root);
  assert.ok(t.includes('Equity & drawdown'));
  assert.ok(t.includes('Equity ($)') && t.includes('Drawdown ($)'));
  assert.ok(t.some((s) => s.startsWith('Trade date (2024-08-01 to 2024-09-03)')));
  assert.ok(t.includes('Sep 2024'));
  assert.ok(t.some((s) => /^-\$[\d,]+$/.test(s)), 'negative dollar tick on the drawdown axis');
  assert.ok(t.includes('$250,000') || t.includes('$250,000.00') || t.some((s) => s.startsWith('$2')));
  const empty = parseSvg(equityDrawdownSvg({ title: 'x', dates: [], equity: [], startingCapital: 1 }));
  assert.ok(texts(empty).some((s) => s.startsWith('No trades')));
  assert.throws(() => equityDrawdownSvg({ title: 'x', dates: [1], equity: [], startingCapital: 1 }));
});

test('histogram: bins count every finite value once; thresholds drawn and labelled', () => {
  const values = [0.101, 0.149, 0.15, 0.2, 0.399, NaN, 0.4];
  const b = binCounts(values, 0.05);
  assert.equal(b.total, 6);
  assert.equal(b.counts.reduce((a, c) => a + c, 0), 6);
  assert.equal(b.counts[0], 2); // 0.101, 0.149 in [0.10, 0.15)
  const root = parseSvg(histogramSvg({ title: 'Scores', xLabel: 'Score', yLabel: 'Bars (count)', values, binWidth: 0.05, markers: [{ label: 'PREMIUM', value: 0.38 }, { label: 'WEAK', value: 0.18 }] }));
  const t = texts(root);
  assert.ok(t.includes('PREMIUM 0.38') && t.includes('WEAK 0.18'));
  assert.ok(t.includes('Bars (count)') && t.includes('Score'));
  const dashed = walk(root).filter((n) => n.name === 'line' && n.attrs['stroke-dasharray'] === '5 3');
  assert.equal(dashed.length, 2);
});

test('tier rates: bars with values and shaded target bands', () => {
  const root = parseSvg(tierRatesSvg({ title: 'Signals per session', tiers: [
    { name: 'PREMIUM', perSession: 1.25, target: { lo: 2, hi: 4 } },
    { name: 'STRONG', perSession: 6.5, target: { lo: 5, hi: 10 } },
    { name: 'GOOD', perSession: 3 },
  ] }));
  const t = texts(root);
  assert.ok(t.includes('target 2–4') && t.includes('target 5–10'));
  assert.ok(t.includes('1.25') && t.includes('6.50') && t.includes('3.00'));
  assert.ok(t.includes('Signals per session') && t.includes('Tier'));
});

test('monthly P&L: one bar per month, coloured by sign, month labels', () => {
  const root = parseSvg(monthlyPnlSvg({ title: 'Monthly', months: [{ month: '2024-07', pnl: 1250 }, { month: '2024-08', pnl: -3400.5 }, { month: '2024-09', pnl: 0 }] }));
  const bars = walk(root).filter((n) => n.name === 'rect' && (n.attrs.fill === '#2e8b57' || n.attrs.fill === '#c0392b'));
  assert.equal(bars.length, 3);
  assert.equal(bars[1]!.attrs.fill, '#c0392b');
  const t = texts(root);
  assert.ok(t.includes('Jul 2024') && t.includes('Sep 2024'));
  assert.ok(t.includes('Net P&L ($)'));
});
