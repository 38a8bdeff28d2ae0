// `mia optimize --out DIR` then `mia report weekend --optimized DIR/optimize.json`: the report runs with the learned
// weights, thresholds and exits (its backtest is the optimize run's in-sample trades), carries the weights
// section and its chart (valid SVG) and the `weights` block of --json; without --optimized there is neither.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { registerOptimize } from '../src/commands/optimize.ts';
import { registerReport } from '../src/commands/report.ts';
import { readOptimized } from '../src/optimize/load-result.ts';
import type { OptimizeResult } from '../src/optimize/types.ts';
import { MiaError } from '../src/util/errors.ts';
import { parseSvg } from './fixtures/report/xml.ts';

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present';
const tmp = mkdtempSync(join(tmpdir(), 'mia-opt-report-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function program(): Command {
  const p = new Command();
  p.exitOverride();
  p.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerOptimize(p);
  registerReport(p);
  return p;
}

/** Runs one command in-process and returns what it printed on stdout. */
async function run(args: string[]): Promise<string> {
  const orig = process.stdout.write;
  let printed = '';
  process.stdout.write = ((s: string) => ((printed += s), true)) as typeof process.stdout.write;
  try {
    await program().parseAsync(['node', 'mia', ...args]);
  } finally {
    process.stdout.write = orig;
  }
  return printed;
}

const WINDOW = ['--from', '2024-06', '--to', '2024-08'];
const REPORT = ['report', 'weekend', ...WINDOW, '--monte-carlo', '0', '--random-entry', '0', '--quiet', '--json'];

test('report weekend --optimized: learned weights in force, the weights section with its chart, and --json weights; absent without', { skip: SKIP }, async () => {
  const optDir = join(tmp, 'opt');
  await run(['optimize', ...WINDOW, '--budget', '8', '--walk-forward', '20d/20d', '--random-draws', '10', '--pin', 'sierra_pattern_strength=0', '--no-cache', '--quiet', '--out', optDir]);
  const file = join(optDir, 'optimize.json');
  const opt = JSON.parse(readFileSync(file, 'utf8')) as OptimizeResult;
  assert.ok(opt.recommended, 'the small search recommends a weight set');

  const withW = JSON.parse(await run([...REPORT, '--optimized', file, '--out', join(tmp, 'r1')])) as Record<string, any>;
  const md = readFileSync(withW.report, 'utf8');
  assert.match(md, /^## 4b\. Learned weights \(mia optimize\)$/m);
  const rec = opt.recommended!;
  // the report's backtest is the optimize run's in-sample: same bars, same weights, thresholds and exits
  assert.equal(withW.figures.backtest.summary.trades, rec.in_sample.trades);
  assert.equal(withW.figures.backtest.summary.netUsd, rec.in_sample.net_pnl_usd);
  assert.deepEqual(withW.figures.thresholds.current, rec.thresholds);
  assert.deepEqual(withW.weights.weights, rec.weights);
  assert.equal(withW.weights.windows.length, opt.walk_forward!.windows.length);
  assert.equal(withW.weights.random_entry.draws, 10);
  const chart = (withW.charts as string[]).find((c) => c.endsWith('weights-stability.svg'));
  assert.ok(chart, 'the stability chart is written');
  const svg = parseSvg(readFileSync(chart!, 'utf8'));
  assert.equal(svg.name, 'svg');
  assert.ok(md.includes('weights-stability.svg'));

  const without = JSON.parse(await run([...REPORT, '--out', join(tmp, 'r2')])) as Record<string, any>;
  assert.equal(without.weights, null);
  assert.ok(!readFileSync(without.report, 'utf8').includes('Learned weights'));
  assert.ok(!(without.charts as string[]).some((c) => c.endsWith('weights-stability.svg')));
});

test('--optimized rejects a file that is not a usable optimize result: file:line: field: what', () => {
  const bad = (name: string, body: string, re: RegExp) => {
    const p = join(tmp, name);
    writeFileSync(p, body);
    assert.throws(() => readOptimized(p), (e: unknown) => e instanceof MiaError && e.exitCode === 2 && re.test(e.message));
  };
  bad('a.json', '{ nope', /a\.json:1: json: not an mia optimize result/);
  bad('b.json', JSON.stringify({ manifest: { command: 'sweep' } }, null, 2), /b\.json:1: manifest\.command: expected "optimize"/);
  bad('c.json', JSON.stringify({ manifest: { command: 'optimize' }, recommended: null }, null, 2), /c\.json:5: recommended: null/);
  const w = { gamma_levels_proximity: 1.5 };
  bad('d.json', JSON.stringify({ manifest: { command: 'optimize' }, recommended: { weights: w, thresholds: {}, exits: {} } }, null, 2), /d\.json:7: recommended\.weights\.gamma_levels_proximity: expected a weight in \[0, 1\], got 1\.5/);
});
