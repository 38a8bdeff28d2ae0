// `mia backtest` as a user runs it: exit codes, one-line errors, outputs on disk, byte-identical reruns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { TRADE_COLUMNS } from '../src/simulate/run-backtest.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const SKIP: string | false = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present (built by `mia data`)';

/** Runs `mia backtest` asynchronously so independent cases share the machine's cores. */
function mia(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI, 'backtest', '--quiet', ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('bad options: one clear stderr line, non-zero exit', { skip: SKIP }, async () => {
  const cases: [string[], RegExp][] = [
    [['--from', '2031-01'], /2031-01/],
    [['--from', '2024-08-10', '--to', '2024-08-11'], /no bars|no data|empty/i],
    [['--stop', '-1'], /--stop/],
    [['--instrument', 'XYZ'], /unknown instrument "XYZ"/],
    [['--time-stop', '2.5'], /--time-stop/],
    [['--trades', 'out.txt'], /unknown extension/],
  ];
  const runs = await Promise.all(cases.map(([args]) => mia(...args)));
  for (const [i, [args, re]] of cases.entries()) {
    const r = runs[i]!;
    assert.notEqual(r.status, 0, args.join(' '));
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(lines[0]!, re);
    assert.equal(r.stdout, '');
  }
});

test('mia backtest --from 2024-08: tables, JSON, --out and --trades; reruns are byte-identical', { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-bt-'));
  const [t, a, b] = await Promise.all([
    mia('--from', '2024-08'),
    mia('--from', '2024-08', '--json', '--out', join(dir, 'o'), '--trades', join(dir, 't.csv')),
    mia('--from', '2024-08', '--json'),
  ]);
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /Summary/);
  assert.match(t.stdout, /By tier/);
  assert.match(t.stdout, /By month/);
  assert.doesNotMatch(t.stdout, /\u001b\[/, 'no colour codes when not a TTY');
  for (const line of t.stdout.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
  try {
    assert.equal(a.status, 0, a.stderr);
    assert.equal(a.stdout, b.stdout, 'byte-identical');
    const doc = JSON.parse(a.stdout);
    assert.equal(readFileSync(join(dir, 't.csv'), 'utf8'), readFileSync(join(dir, 'o', 'trades.csv'), 'utf8'));
    assert.equal(readFileSync(join(dir, 't.csv'), 'utf8').split('\n')[0], TRADE_COLUMNS.join(','));
    const summary = JSON.parse(readFileSync(join(dir, 'o', 'summary.json'), 'utf8'));
    assert.deepEqual(summary.summary, doc.summary);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'o', 'manifest.json'), 'utf8')), doc.manifest);
    assert.equal(doc.manifest.parameters.stop_ticks, 8);
    assert.ok(doc.manifest.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
