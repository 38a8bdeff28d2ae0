// The compiled CLI (scripts/build.mjs -> dist/) must behave like the sources: same commands, same results,
// the embedded data found from any working directory, and the sweep worker present beside the chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './helpers/shared.ts';

const SRC = ['--import', 'tsx', join(REPO, 'src', 'cli.ts')];
const COMMANDS = ['data', 'replay', 'scenarios', 'backtest', 'sweep', 'calibrate', 'report'];

function mia(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('every command is listed by --help and registers itself under its table name', () => {
  const help = mia([...SRC, '--help'], REPO);
  for (const c of COMMANDS) {
    assert.match(help, new RegExp(`^  ${c} `, 'm'));
    assert.match(mia([...SRC, c, '--help'], REPO), new RegExp(`^Usage: mia ${c} `));
  }
});

test('the build runs from another folder and prints what the sources print', () => {
  // built inside the package (like dist/), so the bundle finds package.json and data/ above it
  const out = join(REPO, `.tmp-build-${process.pid}`);
  const elsewhere = mkdtempSync(join(tmpdir(), 'mia-cwd-'));
  try {
    const b = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), out], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    assert.ok(existsSync(join(out, 'cli.mjs')) && existsSync(join(out, 'worker.mjs')));
    // each command is its own chunk: more than the two entry points
    assert.ok(readdirSync(out).filter((f) => f.startsWith('chunk-')).length >= COMMANDS.length);
    const args = ['backtest', '--from', '2024-09', '--json', '--quiet'];
    const built = mia([join(out, 'cli.mjs'), ...args], elsewhere);
    assert.equal(built, mia([...SRC, ...args], REPO));
    assert.match(built, /"path": "data\/es-5m\.arrow"/);
    assert.deepEqual(readdirSync(elsewhere), []);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
