// `mia backtest --monte-carlo --random-entry --seed`: figures in --json and the tables, repeatable under a seed,
// bad values refused with exit code 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const SKIP: string | false = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present (built by `mia data`)';

function mia(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI, 'backtest', '--quiet', '--from', '2024-06', ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('backtest --monte-carlo --random-entry: JSON figures, same seed -> same bytes, tables name them', { skip: SKIP }, async () => {
  const args = ['--monte-carlo', '300', '--random-entry', '25', '--seed', '5'];
  const [a, b, t, bad] = await Promise.all([mia(...args, '--json'), mia(...args, '--json'), mia(...args), mia('--monte-carlo', '-3')]);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const r = JSON.parse(a.stdout);
  assert.equal(r.monte_carlo.paths, 300);
  assert.equal(r.monte_carlo.seed, 5);
  assert.equal(r.monte_carlo.days, r.summary.sessions);
  assert.ok(r.monte_carlo.net_pnl_usd.p5 <= r.monte_carlo.net_pnl_usd.p95);
  assert.ok(r.monte_carlo.ruin_probability >= 0 && r.monte_carlo.ruin_probability <= 1);
  assert.equal(r.random_entry.draws, 25);
  assert.equal(r.random_entry.engine_net_pnl_usd, r.summary.net_pnl_usd);
  assert.ok(r.random_entry.net_pnl_percentile >= 0 && r.random_entry.net_pnl_percentile <= 1);
  assert.equal(r.summary.ratio_days, r.summary.sessions);
  assert.equal(r.summary.ratio_bootstrap.seed, 5);
  assert.ok(Array.isArray(r.headline));
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /Monte Carlo {2}300 paths/);
  assert.match(t.stdout, /probability of ruin/);
  assert.match(t.stdout, /The engine beats \d+ % of 25 random-entry runs/);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--monte-carlo: expected a whole number >= 0/);
});
