// Bad sweep/calibrate options are one MiaError line (the CLI prints it and exits non-zero) before any data is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { registerSweep } from '../src/commands/sweep.ts';
import { registerCalibrate } from '../src/commands/calibrate.ts';
import { MiaError } from '../src/util/errors.ts';
import { parsePerSession } from '../src/sweep/calibrate.ts';
import { parsePeriod } from '../src/sweep/period.ts';

function program(): Command {
  const p = new Command();
  p.exitOverride();
  p.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerSweep(p);
  registerCalibrate(p);
  return p;
}

async function fails(args: string[], re: RegExp): Promise<void> {
  await assert.rejects(program().parseAsync(['node', 'mia', ...args]), (e: unknown) => {
    assert.ok(e instanceof MiaError, `${args.join(' ')}: ${String(e)}`);
    assert.match(e.message, re);
    assert.ok(!e.message.includes('\n'), 'one line');
    assert.ok(e.exitCode !== 0);
    return true;
  });
}

test('bad grids: step 0, negative step, inverted range, outside [0,1], no ordered set, malformed', async () => {
  await fails(['sweep', '--premium', '0.30:0.50:0'], /step must be > 0, got 0/);
  await fails(['sweep', '--premium', '0.30:0.50:-0.01'], /step must be > 0/);
  await fails(['sweep', '--strong', '0.40:0.30:0.01'], /inverted range/);
  await fails(['sweep', '--good', '0.2:1.3:0.1'], /outside \[0, 1\]/);
  await fails(['sweep', '--premium', '0.20', '--strong', '0.30'], /no ordered threshold set/);
  await fails(['sweep', '--weak', '0.1:x:0.1'], /not a number/);
  // (no grid at all is the default grid over the data's score range: see test/recommend.test.ts)
  await fails(['sweep', '--stop', '0:8:4'], /--stop 0:8:4: stop must be > 0/);
  await fails(['sweep', '--time-stop', '1.5,3'], /time stop 1.5 must be a whole number/);
  await fails(['sweep', '--daily-loss-limit', '2000:1000:500'], /inverted range/);
  await fails(['calibrate', '--quantile', '0.4'], /--quantile belongs to the signal-rate rule/);
  await fails(['calibrate', '--per-session', 'premium=2-4', '--weak', '0.3'], /--per-session is its own rule/);
  await fails(['sweep', '--preset', 'seed', '--premium', '0.4'], /only one of/);
  await fails(['sweep', '--preset', 'nope'], /unknown preset/);
  await fails(['sweep', '--preset', 'seed', '--objective', 'alpha'], /--objective alpha/);
  await fails(['sweep', '--preset', 'seed', '--min-trades', '-3'], /--min-trades/);
  await fails(['sweep', '--preset', 'seed', '--walk-forward', '6m'], /TRAIN\/TEST/);
  await fails(['sweep', '--preset', 'seed', '--train', '2024-13:2024-14', '--test', '2024-06'], /no month 13/);
  await fails(['sweep', '--preset', 'seed', '--anchored'], /--anchored needs --walk-forward/);
});

test('bad calibrate targets', async () => {
  await fails(['calibrate', '--per-session', 'premium=4-2'], /inverted/);
  await fails(['calibrate', '--per-session', 'strong=5-10'], /without a gap|at least premium/);
  await fails(['calibrate', '--per-session', 'premium=2-4,good=3-5'], /without a gap/);
  await fails(['calibrate', '--per-session', 'mega=1-2'], /unknown tier/);
  await fails(['calibrate', '--per-session', 'premium=2-4', '--quantile', '1.5'], /--quantile/);
  assert.deepEqual(parsePerSession('premium=2-4, strong=5-10'), { premium: { min: 2, max: 4 }, strong: { min: 5, max: 10 } });
});

test('periods: months cover whole months, days are checked', () => {
  assert.deepEqual(parsePeriod('2023-09:2024-02', '--train'), { from: 20230901, to: 20240229, text: '2023-09:2024-02' });
  assert.deepEqual(parsePeriod('2024-06-03', '--test'), { from: 20240603, to: 20240603, text: '2024-06-03' });
  assert.throws(() => parsePeriod('2024-02-30', '--test'), /not a calendar date/);
  assert.throws(() => parsePeriod('2024-06:2024-01', '--test'), /ends before it starts/);
});

test('the real CLI prints one line on stderr and exits non-zero for a bad grid', () => {
  const cli = new URL('../src/cli.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'sweep', '--premium', '0.30:0.50:0', '--quiet'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^mia: --premium 0\.30:0\.50:0: step must be > 0, got 0\n$/);
});
