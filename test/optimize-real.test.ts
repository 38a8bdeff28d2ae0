// `mia optimize` on the real ES series (../shared/data/real/es/, skipped with the reason where it is absent): a
// small-budget walk-forward run completes, the same command gives the same document, and the `mia optimize …`
// line it prints (seed made explicit) reproduces it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { SKIP_SHARED, ES_5M_FILES } from './helpers/shared.ts';
import { registerOptimize } from '../src/commands/optimize.ts';
import type { OptimizeResult } from '../src/optimize/types.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mia-opt-real-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function optimize(args: string[], out: string): Promise<OptimizeResult> {
  const p = new Command().exitOverride();
  registerOptimize(p);
  const orig = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await p.parseAsync(['node', 'mia', 'optimize', ...args, '--out', out]);
  } finally {
    process.stdout.write = orig;
  }
  return JSON.parse(readFileSync(join(out, 'optimize.json'), 'utf8')) as OptimizeResult;
}

test('real ES 2023-01..2024-06: a small walk-forward optimize completes, is reproducible, and its printed command reproduces it', { skip: SKIP_SHARED }, async () => {
  const args = ['--data', ES_5M_FILES[1]!, '--from', '2023-01', '--to', '2024-06', '--budget', '10', '--walk-forward', '6m/3m', '--random-draws', '20', '--pin', 'sierra_pattern_strength=0', '--seed', '5', '--cache', join(tmp, 'cache'), '--quiet'];
  const a = await optimize(args, join(tmp, 'a'));
  assert.equal(a.feature_matrix.cached, false);
  assert.ok(a.feature_matrix.rows > 20_000, `${a.feature_matrix.rows} feature rows`);
  assert.equal(a.walk_forward!.windows.length, 4, '6-month training windows tested on 3 months, four times in 18 months');
  assert.ok(a.walk_forward!.oos.sessions > 200);
  assert.equal(a.walk_forward!.random_entry!.draws, 20);
  assert.ok(a.search.weight_sets >= 2 && a.search.weight_sets <= 10);
  assert.ok(a.search.distinct_trials >= 1 && a.search.distinct_trials <= a.search.trials);
  assert.match(a.verdict.text, /significant/);
  // the printed command, run as given (the second run reads the feature matrix from the cache)
  assert.match(a.command, /^mia optimize .*--seed 5/);
  const b = await optimize(a.command.split(' ').slice(2), join(tmp, 'b'));
  assert.equal(b.feature_matrix.cached, true);
  assert.deepEqual({ ...b, feature_matrix: null }, { ...a, feature_matrix: null }, 'the printed command reproduces the document');
});
