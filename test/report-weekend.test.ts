// The weekend report on the embedded data: every chart exists and parses, the figures are the backtest's,
// a re-run is byte-identical outside the timing section, and the next report diffs against the previous one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { runBacktest } from '../src/simulate/run-backtest.ts';
import { buildWeekend } from '../src/report/weekend-build.ts';
import { renderWeekend, stripTiming } from '../src/report/weekend-render.ts';
import { writeReport } from '../src/report/write.ts';
import { findPrevious, parseDigest } from '../src/report/digest.ts';
import { n, pct, usd } from '../src/report/format.ts';
import { parseSvg } from './fixtures/report/xml.ts';

const REPO = new URL('../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mia-report-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const FROM = '2024-05';
const loaded = loadBars(DEFAULT_BARS_PATH);
const ctx = loadContext(DEFAULT_CONTEXT_PATH);
const sources = [loaded.source, ctx.source];

async function build(from: string, to?: string) {
  const bars = sliceBars(loaded.bars, from, to);
  const engineConfig = defaultEngineConfig();
  const params = { ...defaultSimParams(), thresholds: { ...engineConfig.thresholds }, multipliers: { ...engineConfig.multipliers } };
  const run = await buildWeekend({ bars, context: ctx.context, sources, from, to: to ?? null, engineConfig, params, command: `mia report weekend --from ${from}`, workers: 1, risk: { monteCarlo: 500, randomEntry: 40, seed: 1, minEquity: 0 } });
  return { run, bars, engineConfig, params };
}

/** Table rows of one markdown section, keyed by their first cell. */
function sectionRows(md: string, heading: string): Map<string, string[]> {
  const start = md.indexOf(heading);
  assert.ok(start >= 0, `section ${heading}`);
  const next = md.indexOf('\n## ', start + heading.length);
  const body = md.slice(start, next < 0 ? undefined : next);
  const rows = new Map<string, string[]>();
  for (const line of body.split('\n')) {
    if (!line.startsWith('| ')) continue;
    const cells = line.slice(2, -2).split(' | ');
    if (!rows.has(cells[0]!)) rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

function chartRefs(md: string): string[] {
  return [...md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => m[1]!);
}

test('the report figures are those of runBacktest (= mia backtest --json) for the same inputs', async () => {
  const { run, bars, engineConfig, params } = await build(FROM);
  const bt = runBacktest({ bars, context: ctx.context, sources, from: FROM, to: null, engineConfig, params });
  const md = renderWeekend(run.data).markdown;
  const s = bt.summary;
  const sum = sectionRows(md, '## 3. P&L and risk');
  assert.deepEqual(sum.get('Trades'), [n(s.trades)]);
  assert.deepEqual(sum.get('Net P&L after costs'), [usd(s.net_pnl_usd)]);
  assert.deepEqual(sum.get('Gross P&L before costs'), [usd(s.gross_pnl_usd)]);
  assert.deepEqual(sum.get('Commissions'), [usd(-s.commissions_usd)]);
  assert.deepEqual(sum.get('Slippage'), [usd(-s.slippage_usd)]);
  assert.deepEqual(sum.get('Max drawdown'), [usd(-s.max_drawdown_usd)]);
  assert.deepEqual(sum.get('Wins / losses'), [`${n(s.wins)} / ${n(s.losses)} (win rate ${pct(s.win_rate!)})`]);
  assert.deepEqual(sum.get('Sessions stopped by the daily loss limit'), [`${n(s.halted_days)} of ${n(s.sessions)}`]);
  const ci = s.sharpe_ci95;
  assert.ok(s.sharpe_annualised !== null && ci, 'a year of sessions has a Sharpe and its interval');
  assert.deepEqual(sum.get('Sharpe (daily, annualised)'), [`${s.sharpe_annualised!.toFixed(2)} (95 % interval ${ci![0].toFixed(2)} to ${ci![1].toFixed(2)}, ${n(s.ratio_days)} days)`]);
  // the risk figures are those of the same backtest's daily P&L and trades
  assert.equal(run.data.risk.monteCarlo!.days, s.sessions);
  assert.equal(run.data.risk.randomEntry!.engine_net_pnl_usd, s.net_pnl_usd);
  assert.equal(run.data.risk.randomEntry!.engine_trades, s.trades);
  for (const t of bt.tiers.filter((x) => x.tier !== 'NO_TRADE')) {
    const row = sum.get(t.tier)!;
    assert.ok(row, t.tier);
    assert.equal(row[0], n(t.signals));
    assert.equal(row[1], n(t.taken));
    if (t.taken) assert.equal(row[3], usd(t.net_pnl_usd));
  }
  for (const m of bt.months) {
    assert.deepEqual(sum.get(m.key), [n(m.trades), m.trades ? pct(m.win_rate!) : '—', usd(m.net_pnl_usd)]);
  }
  const dist = sectionRows(md, '## 6. Data coverage');
  for (const t of bt.tiers) assert.equal(dist.get(t.tier)![0], n(t.signals));
  // the tables reconcile: months and tiers sum to the total
  const monthSum = bt.months.reduce((a, m) => a + Math.round(m.net_pnl_usd * 100), 0);
  assert.equal(monthSum, Math.round(s.net_pnl_usd * 100));
  assert.equal(run.data.reportDate, Number(s.last_date!.replace(/-/g, '')), 'report date = last trade date of the window');
  assert.ok(md.includes('## 1. Verdict'));
  // the trades section re-shapes the backtest's trades: its counts are the backtest's
  assert.equal(sectionRows(md, '## 5. Trades').get('all trades')![0], n(s.trades));
});

test('mia report weekend on the embedded data: path printed, every chart there and valid, re-run byte-identical outside timing', () => {
  const dir = join(tmp, 'cli');
  const run = (...more: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'report', 'weekend', '--out', dir, '--quiet', ...more], { cwd: REPO, encoding: 'utf8' });
  const a = run();
  assert.equal(a.status, 0, a.stderr);
  const path = a.stdout.trim();
  assert.match(path, /weekend-\d{4}-\d{2}-\d{2}\.md$/);
  const md1 = readFileSync(path, 'utf8');
  const refs = chartRefs(md1);
  assert.ok(refs.length >= 4, 'charts referenced');
  const svgs1 = new Map<string, string>();
  for (const ref of refs) {
    const p = join(dir, ref);
    assert.ok(existsSync(p), `${ref} exists`);
    const svg = readFileSync(p, 'utf8');
    parseSvg(svg);
    svgs1.set(ref, svg);
  }
  for (const h of ['## 1. Verdict', '## 2.', '## 3.', '## 4.', '## 5.', '## 6.', '## 7.', '## 8.', '## Appendix A', '### A.2 Engine performance (timing']) assert.ok(md1.includes(h), h);
  assert.ok(parseDigest(md1), 'machine-readable digest embedded');
  assert.ok(refs.some((r) => r.endsWith('/monte-carlo-fan.svg')), 'Monte Carlo fan charted');

  // same date again: never overwritten; a suffixed report is written beside it, and stderr says so
  const again = run();
  assert.equal(again.status, 0, again.stderr);
  const path2 = again.stdout.trim();
  assert.equal(path2, path.replace(/\.md$/, '-2.md'));
  assert.match(again.stderr, /already exists: writing weekend-\d{4}-\d{2}-\d{2}-2\.md beside it \(--force replaces it\)/);
  assert.equal(readFileSync(path, 'utf8'), md1);
  const base1 = path.split('/').pop()!.replace(/\.md$/, '');
  const md2s = readFileSync(path2, 'utf8').replaceAll(`${base1}-2/`, `${base1}/`);
  assert.equal(stripTiming(md2s), stripTiming(md1));
  for (const ref of refs) assert.equal(readFileSync(join(dir, ref.replace(`${base1}/`, `${base1}-2/`)), 'utf8'), svgs1.get(ref), `${ref} in the suffixed folder`);
  rmSync(path2);
  rmSync(join(dir, `${base1}-2`), { recursive: true });

  const b = run('--force', '--json');
  assert.equal(b.status, 0, b.stderr);
  const j = JSON.parse(b.stdout);
  assert.equal(j.report, path);
  assert.match(j.verdict, /^[A-Z ]+ — /);
  assert.ok(md1.includes(`**${j.verdict}**`), 'the JSON verdict is the report\'s');
  assert.ok('thresholds' in j.recommendation && 'rule' in j.recommendation && 'command' in j.recommendation);
  assert.equal(typeof j.figures.backtest.summary.trades, 'number');
  assert.equal(j.figures.risk.monteCarlo.paths, 10000);
  assert.equal(j.figures.risk.randomEntry.draws, 1000);
  assert.ok(Array.isArray(j.warnings) && Array.isArray(j.headline));
  const md2 = readFileSync(path, 'utf8');
  // the report records its command line, which here differs by --force --json; everything else is byte-identical
  const noCommand = (md: string) => stripTiming(md).replace(/^\| Command \| .*$/m, '');
  assert.equal(noCommand(md2), noCommand(md1));
  for (const [ref, svg] of svgs1) assert.equal(readFileSync(join(dir, ref), 'utf8'), svg, `${ref} byte-identical`);
  assert.deepEqual(readdirSync(dir).sort(), [path.split('/').pop()!, path.split('/').pop()!.replace(/\.md$/, '')].sort());
});

test('bad options: one line on stderr, non-zero exit, nothing written', () => {
  const dir = join(tmp, 'bad');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'report', 'weekend', '--out', dir, '--train', '2024-01:2024-03', '--quiet'], { cwd: REPO, encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^mia: .*--train and --test go together\n$/);
  assert.ok(!existsSync(dir));
});

test('the next report in the folder says what changed since the previous one', async () => {
  const dir = join(tmp, 'diff');
  const first = await build(FROM, '2024-07');
  writeReport(dir, renderWeekend(first.run.data, findPrevious(dir, first.run.data.reportDate)));
  const second = await build(FROM);
  const prev = findPrevious(dir, second.run.data.reportDate);
  assert.ok(prev, 'previous report found');
  assert.equal(prev!.digest.reportDate, first.run.data.reportDate);
  const md = renderWeekend(second.run.data, prev).markdown;
  const rows = sectionRows(md, '## 7. Changes');
  const s1 = first.run.data.backtest.summary;
  const s2 = second.run.data.backtest.summary;
  assert.deepEqual(rows.get('Net P&L'), [usd(s1.netUsd), usd(s2.netUsd), usd(s2.netUsd - s1.netUsd)]);
  assert.deepEqual(rows.get('Trades')!.slice(0, 2), [n(s1.trades), n(s2.trades)]);
  assert.ok(rows.has('PREMIUM signals'));
  // a report never diffs against itself or a later one
  assert.equal(findPrevious(dir, first.run.data.reportDate), null);
});
