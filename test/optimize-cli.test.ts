// `mia optimize` end to end on the embedded data (a small budget), its bad options, and the weights section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { runBacktest } from '../src/simulate/run-backtest.ts';
import { resolveRunConfig } from '../src/commands/sim-options.ts';
import { registerOptimize } from '../src/commands/optimize.ts';
import { MiaError } from '../src/util/errors.ts';
import type { OptimizeResult } from '../src/optimize/types.ts';
import { weightsSection } from '../src/report/weights-section.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';

function program(): Command {
  const p = new Command();
  p.exitOverride();
  p.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerOptimize(p);
  return p;
}

async function fails(args: string[], re: RegExp): Promise<void> {
  await assert.rejects(program().parseAsync(['node', 'mia', 'optimize', ...args]), (e: unknown) => {
    assert.ok(e instanceof MiaError, `${args.join(' ')}: ${String(e)}`);
    assert.match(e.message, re);
    assert.equal(e.exitCode, 2);
    return true;
  });
}

test('bad optimize options are one MiaError before any data is read', async () => {
  await fails(['--pin', 'nope=0'], /expected name=value with a feature name/);
  await fails(['--pin', 'sierra_pattern_strength=2'], /must be a number in \[0, 1\]/);
  await fails(['--pin', 'gamma_levels_proximity=0.7,volume_confirmation=0.5'], /pinned weights sum/);
  await fails(['--bounds', 'gamma_levels_proximity=0.5:0.2'], /lo > hi/);
  await fails(['--budget', '1'], /--budget 1: must be a whole number >= 2/);
  await fails(['--regime', 'atr:3'], /expected vix:CUT,CUT/);
  await fails(['--gate', '0.5:0.9:0.1'], /PREMIUM at 1\.1 > 1|PREMIUM at 1\.0\d* > 1/);
  await fails(['--anchored'], /--anchored needs --walk-forward/);
  await fails(['--exits', '8'], /expected STOP\/TARGET/);
  await fails(['--exits', '8/0'], /invalid simulator parameter target=0/);
});

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present';

test('mia optimize --json on three embedded months: a complete, reproducible document and its weights section', { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-opt-cli-'));
  try {
    const args = ['--from', '2024-06', '--to', '2024-08', '--budget', '12', '--walk-forward', '20d/20d', '--random-draws', '20', '--regime', 'vix:15,20', '--pin', 'sierra_pattern_strength=0', '--exits', '8/16,12/24', '--cache', join(dir, 'cache'), '--quiet'];
    const run = async (out: string): Promise<OptimizeResult> => {
      await program().parseAsync(['node', 'mia', 'optimize', ...args, '--out', out]);
      return JSON.parse(readFileSync(join(out, 'optimize.json'), 'utf8')) as OptimizeResult;
    };
    const a = await run(join(dir, 'a'));
    const b = await run(join(dir, 'b'));
    assert.equal(a.feature_matrix.cached, false);
    assert.equal(b.feature_matrix.cached, true, 'the second run reads the cached matrix');
    assert.deepEqual({ ...b, feature_matrix: null }, { ...a, feature_matrix: null }, 'same seed, same document');
    assert.equal(a.recommended?.weights.sierra_pattern_strength, 0);
    assert.ok(Math.abs(Object.values(a.recommended!.weights).reduce((s, w) => s + w, 0) - 1) < 1e-9);
    assert.ok(a.walk_forward!.windows.length >= 2);
    assert.equal(a.walk_forward!.random_entry!.draws, 20);
    assert.ok(a.regime && a.regime.buckets === 3 && a.regime.trials === a.search.weight_sets * 2 * 9 ** 3);
    assert.equal(a.search.exit_combinations.length, 2);
    assert.ok([8, 12].includes(a.recommended!.exits.stop_ticks));
    assert.match(a.command, /^mia optimize .*--seed 1$/);
    assert.ok(!a.command.includes('--out'));
    assert.match(a.verdict.text, /significant/);
    // the printed weights, thresholds and exits are exactly the ones judged: mia backtest with them gives the in-sample trades
    const rec = a.recommended!;
    const { engineConfig, params } = resolveRunConfig({ weights: Object.entries(rec.weights).map(([k, v]) => `${k}=${v}`).join(','), thresholds: `${rec.thresholds.premium},${rec.thresholds.strong},${rec.thresholds.good},${rec.thresholds.weak}`, stop: String(rec.exits.stop_ticks), target: String(rec.exits.target_ticks) });
    const l = loadBars(DEFAULT_BARS_PATH);
    const bt = runBacktest({ bars: sliceBars(l.bars, '2024-06', '2024-08'), context: loadContext(DEFAULT_CONTEXT_PATH).context, sources: [l.source], from: null, to: null, engineConfig, params });
    assert.equal(bt.summary.trades, rec.in_sample.trades);
    assert.equal(bt.summary.net_pnl_usd, rec.in_sample.net_pnl_usd);
    assert.match(rec.backtest_flags, /^--weights gamma_levels_proximity=/);
    const md = readFileSync(join(dir, 'a', 'weights.md'), 'utf8');
    for (const n of FEATURE_NAMES) assert.ok(md.includes(`| ${n} |`), n);
    assert.ok(md.includes('weights-stability.svg'));
    assert.match(readFileSync(join(dir, 'a', 'weights-stability.svg'), 'utf8'), /^<svg[\s\S]*<\/svg>\n?$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the weights section without a walk-forward says so and still draws a chart', () => {
  const w = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0.1])) as OptimizeResult['seed']['weights'];
  const r = {
    command: 'mia optimize --seed 1', verdict: { significant: false, level: 'no-choice', text: 'not significant: no walk-forward test was run' },
    recommended: null, seed: { weights: w, thresholds: null, in_sample: null }, shares: null, walk_forward: null, regime: null,
    overfitting: { dsr: null, pbo: null },
  } as unknown as OptimizeResult;
  const s = weightsSection(r, 'chart.svg');
  assert.match(s.markdown, /No walk-forward test was run/);
  assert.match(s.svg, /nothing to plot/);
});
