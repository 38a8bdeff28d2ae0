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
  for (const h of ['## 2. Thresholds', '## 3. Scenario', '## 4. Signal distribution', '## 5. Engine performance (timing', '## 6. Backtest', '## 7. Threshold sweep', '## 8. Position sizing', '## 9. Changes', '## 10. Warnings', '## 11. Reproducibility']) {
    assert.ok(r.markdown.includes(h), h);
  }
  const refs = [...r.markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
  assert.equal(refs.length, 5);
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
