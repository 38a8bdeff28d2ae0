import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderWeekend, stripTiming, TIMING_BEGIN, TIMING_END } from '../src/report/weekend-render.ts';
import { digestOf, parseDigest } from '../src/report/digest.ts';
import { computeWarnings } from '../src/report/warnings.ts';
import { verdict } from '../src/report/verdict.ts';
import { usd, pct, level, n } from '../src/report/format.ts';
import { sampleData } from './fixtures/report/sample.ts';
import { parseSvg } from './fixtures/report/xml.ts';

test('formatters: signed dollars with separators, percentages, thresholds', () => {
  assert.equal(usd(12345.5), '+$12,345.50');
  assert.equal(usd(-0.001), '$0.00');
  assert.equal(usd(-980), '-$980.00');
  assert.equal(pct(0.125), '12.5%');
  assert.equal(pct(-0.0004), '0.0%');
  assert.equal(level(0.38), '0.38');
  assert.equal(level(0.375), '0.375');
  assert.equal(n(1234567), '1,234,567');
});

test('every section present, every referenced chart rendered and valid SVG', () => {
  const r = renderWeekend(sampleData());
  assert.equal(r.name, 'weekend-2024-08-30.md');
  // top-down for a trader: each section after the one before
  const order = ['## 1. Verdict', '## 2. Recommended configuration', '## 3. P&L and risk', '### Monte Carlo', '### Random-entry benchmark', '## 4. Calibration evidence', '## 5. Trades', '### Holding time', '### P&L by hour', '### Adverse and favourable excursion', '### Exit reasons', '### Long vs short', '## 6. Data coverage', '## 7. Changes', '## 8. Reproducibility', '## Appendix A. Engine diagnostics', '### A.1 Scenario tests', '### A.2 Engine performance (timing'];
  let at = -1;
  for (const h of order) {
    const i = r.markdown.indexOf(h);
    assert.ok(i > at, `${h} after the previous section`);
    at = i;
  }
  const refs = [...r.markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
  assert.equal(refs.length, 6);
  for (const ref of refs) {
    assert.ok(ref.startsWith('weekend-2024-08-30/'));
    const svg = r.charts[ref.slice('weekend-2024-08-30/'.length)];
    assert.ok(svg, `chart ${ref} rendered`);
    parseSvg(svg!);
  }
  assert.equal(Object.keys(r.charts).length, refs.length, 'no chart without a reference');
});

test('figures rendered as a trader reads them', () => {
  const md = renderWeekend(sampleData()).markdown;
  assert.ok(md.includes('| Net P&L after costs | +$12,345.50 |'));
  assert.ok(md.includes('| Max drawdown | -$4,200.00 |'));
  assert.ok(md.includes('| PREMIUM | 88 | 12 | 58.3% | +$2,500.00 | +$208.33 |'));
  assert.ok(md.includes('| 2024-08 | 50 | 52.0% | +$4,345.50 |'));
  assert.ok(md.includes('| PREMIUM | >= 0.38 | ×2.0 | 4 |'));
  assert.ok(md.includes('0.38 / 0.32 / 0.28 / 0.18'));
});

test('warnings are computed from the numbers, not canned', () => {
  const w = computeWarnings(sampleData());
  assert.ok(w.some((s) => s.includes('PREMIUM: only 12 trades')));
  assert.ok(w.some((s) => s.includes('STRONG fires 3.00 times per session')));
  assert.ok(w.some((s) => s.includes('Deflated Sharpe ratio 0.61')));
  assert.ok(w.some((s) => s.includes('Out-of-sample decay')));
  assert.ok(w.some((s) => s.includes('gamma_levels_proximity (real inputs on 42.0% of bars)')));
  assert.ok(w.some((s) => s.includes('Daily loss limit hit on 1 session')));
  assert.ok(!w.some((s) => s.includes('roll week')));
  const rolls = computeWarnings(sampleData({ span: { ...sampleData().span, rollWeekSessions: 5, contextRows: 0 } }));
  assert.ok(rolls.some((s) => s.includes('5 of 44 sessions are in a roll week')));
  assert.ok(rolls.some((s) => s.includes('No context data')));
  const losing = sampleData();
  losing.backtest.summary = { ...losing.backtest.summary, netUsd: -50 };
  assert.ok(computeWarnings(losing).some((s) => s.includes('loses money after costs')));
  assert.match(verdict(losing), /^NOT READY/);
  assert.match(verdict(sampleData()), /^UNPROVEN — \+\$12,345\.50 over 120 trades, but DSR 0\.61 < 0\.95\.$/);
});

test('digest round-trips and drives the changes section', () => {
  const prev = sampleData({ reportDate: 20240823 });
  prev.thresholds = { ...prev.thresholds, current: { premium: 0.4, strong: 0.32, good: 0.28, weak: 0.18 } };
  const prevMd = renderWeekend(prev).markdown;
  const g = parseDigest(prevMd);
  assert.deepEqual(g, JSON.parse(JSON.stringify(digestOf(prev))));
  const now = sampleData();
  now.backtest.summary = { ...now.backtest.summary, netUsd: 13345.5, trades: 125 };
  const md = renderWeekend(now, { file: 'weekend-2024-08-23.md', digest: g! }).markdown;
  assert.ok(md.includes('Compared with [weekend-2024-08-23.md]'));
  assert.ok(md.includes('| Net P&L | +$12,345.50 | +$13,345.50 | +$1,000.00 |'));
  assert.ok(md.includes('| Trades | 120 | 125 | +5 |'));
  assert.ok(md.includes('| Thresholds in force | 0.40 / 0.32 / 0.28 / 0.18 | 0.38 / 0.32 / 0.28 / 0.18 | changed |'));
  assert.equal(parseDigest('# no digest'), null);
});

test('deterministic outside the timing section; timing confined to its markers', () => {
  const a = renderWeekend(sampleData());
  const b = renderWeekend(sampleData({ timing: { replayMs: 99, bars: 3432, msPerBar: 0.03, barsPerSec: 34000, scenarioMsPerCalc: 0.2, wallMs: 5000 } }));
  assert.notEqual(a.markdown, b.markdown);
  assert.equal(stripTiming(a.markdown), stripTiming(b.markdown));
  assert.deepEqual(a.charts, b.charts);
  const inside = a.markdown.slice(a.markdown.indexOf(TIMING_BEGIN), a.markdown.indexOf(TIMING_END));
  assert.ok(inside.includes('µs') && !stripTiming(a.markdown).includes('µs'));
});

test('risk figures, ratio intervals, the reproducing command and the loss-limit headline are rendered', () => {
  const md = renderWeekend(sampleData()).markdown;
  assert.ok(md.includes('| Sharpe (daily, annualised) | 1.42 (95 % interval 0.31 to 2.61, 44 days) |'));
  assert.ok(md.includes('**Probability of ruin** (equity at or below $0 within 44 trading days): **1.2%**.'));
  assert.ok(md.includes('**The engine beats 100 % of 1000 random-entry runs on net P&L and 99 % on Sharpe.**'));
  assert.ok(md.includes('```\nmia calibrate --train 2024-07-01:2024-08-09 --test 2024-08-12:2024-08-30\n```'));
  assert.ok(md.includes('| 08:00 | 60 | 60.0% | +$8,000.00 |'));
  assert.ok(md.includes('| target | 66 | 100.0% | +$32,345.50 | ∞ |'));
  const short = sampleData();
  short.backtest.summary = { ...short.backtest.summary, sharpe: NaN, sharpeCi: null, sharpeReason: '12 trading days (fewer than 20)' };
  assert.ok(renderWeekend(short).markdown.includes('| Sharpe (daily, annualised) | n/a — 12 trading days (fewer than 20) |'));
  const pinned = sampleData({ headline: ['40 of 44 sessions (91%) ended on the daily loss limit: daily P&L is pinned at the limit.'] });
  const pmd = renderWeekend(pinned).markdown;
  const first = pmd.indexOf('**Read first: 40 of 44 sessions (91%) ended on the daily loss limit');
  assert.ok(first > 0 && first < pmd.indexOf('## 1. Verdict'), 'the loss-limit fact comes before the verdict');
  assert.ok(!md.includes('Read first'));
});

test('equity chart marks a ruin date; long curves are downsampled', () => {
  const d = sampleData();
  d.backtest.ruin = { date: 20240731 };
  const svg = renderWeekend(d).charts['equity-drawdown.svg']!;
  parseSvg(svg);
  assert.ok(svg.includes('ruin Jul 31, 2024') || /ruin [^<]*2024/.test(svg), 'ruin label');
  assert.ok(!renderWeekend(sampleData()).charts['equity-drawdown.svg']!.includes('ruin'));
  const long = sampleData();
  const dates: number[] = [];
  const eq: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000);
    dates.push(day.getUTCFullYear() * 10000 + (day.getUTCMonth() + 1) * 100 + day.getUTCDate());
    eq.push(250000 + Math.sin(i / 7) * 1000 + i);
  }
  long.backtest.equity = { dates, equity: eq };
  const big = renderWeekend(long).charts['equity-drawdown.svg']!;
  const pts = /<polyline points="([^"]+)"/.exec(big)![1]!.split(' ').length;
  assert.ok(pts <= 1200 && pts > 500, `${pts} points`);
});

test('warnings: ruin probability and failing to beat random entries are flagged from the risk figures', () => {
  const ok = computeWarnings(sampleData());
  assert.ok(!ok.some((s) => s.includes('Probability of ruin') || s.includes('no demonstrated information')));
  const bad = sampleData();
  bad.risk = {
    monteCarlo: { ...bad.risk.monteCarlo!, ruin_probability: 0.2 },
    randomEntry: { ...bad.risk.randomEntry!, net_pnl_percentile: 0.38, sentence: 'the engine beats 38 % of 1000 random-entry runs on net P&L' },
  };
  const w = computeWarnings(bad);
  assert.ok(w.some((s) => s.startsWith('**Probability of ruin 20.0%:** 1,000 resampled paths of 44 trading days')));
  assert.ok(w.some((s) => s.includes('the engine beats 38 % of 1000 random-entry runs on net P&L')));
});
