// Outputs never destroy inputs, multi-file outputs are whole or absent, and the CLI's edges are clean:
// EPIPE, usage errors, --out naming a directory or the wrong format, the order-flow warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardOutputs } from '../src/util/output-guard.ts';
import { writeFileSet } from '../src/util/write-set.ts';
import { DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { orderFlowPresence } from '../src/data/order-flow.ts';
import { makeBars } from './helpers/bars.ts';
import { findPrevious, parseDigest } from '../src/report/digest.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const FIX = fileURLToPath(new URL('./fixtures/data/', import.meta.url));
const FLOW_CSV = join(FIX, 'shared-5m-roll.csv');
const NT8 = join(FIX, 'ninjatrader-ESU24.Last.txt');

function mia(args: string[], opts: { headBytes?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI, ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // like `| head -c N`: read N bytes, then close the pipe
      if (opts.headBytes !== undefined && stdout.length >= opts.headBytes) p.stdout.destroy();
    });
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'mia-io-'));
}

test('guardOutputs: the same file by path, relative path, symlink or hard link is refused; other paths pass', () => {
  const dir = tmp();
  try {
    const input = join(dir, 'bars.csv');
    writeFileSync(input, 'x\n');
    symlinkSync(input, join(dir, 'link.arrow'));
    linkSync(input, join(dir, 'hard.arrow'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync(dir, join(dir, 'sub', 'up'));
    for (const out of [input, join(dir, '.', 'bars.csv'), join(dir, 'link.arrow'), join(dir, 'hard.arrow'), join(dir, 'sub', 'up', 'bars.csv')]) {
      assert.throws(() => guardOutputs([{ flag: '--out', path: out }], [input]), /--out .*: is the input .*bars\.csv; refusing to overwrite it/, out);
    }
    guardOutputs([{ flag: '--out', path: join(dir, 'new.arrow') }, { flag: '--out', path: join(dir, 'sub', 'up', 'other.csv') }], [input, undefined, 'none']);
    assert.throws(() => guardOutputs([{ flag: '--out', path: join(dir, 'sub') }], []), /--out .*sub: is an existing directory; give a file name/);
    assert.throws(() => guardOutputs([{ flag: '--out', path: input, kind: 'dir' }], []), /is an existing file; give a directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeFileSet: a later write failing leaves nothing behind, and earlier versions intact', () => {
  const dir = tmp();
  try {
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    // the third file cannot be written (its folder is a file): the first two must not appear
    assert.throws(() => writeFileSet([{ path: join(out, 'summary.json'), data: '{}' }, { path: join(out, 'manifest.json'), data: '{}' }, { path: join(dir, 'blocker', 't.csv'), data: 'x' }]));
    assert.equal(existsSync(out), false, 'the folder it created is gone too');
    assert.deepEqual(readdirSync(dir), ['blocker']);
    // a failing rename after others succeeded: the replaced file gets its old content back
    mkdirSync(out);
    writeFileSync(join(out, 'a.txt'), 'old a');
    mkdirSync(join(out, 'b.txt'));
    assert.throws(() => writeFileSet([{ path: join(out, 'a.txt'), data: 'new a' }, { path: join(out, 'b.txt'), data: 'new b' }]));
    assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'old a');
    assert.deepEqual(readdirSync(out).sort(), ['a.txt', 'b.txt']);
    writeFileSet([{ path: join(out, 'a.txt'), data: 'new a' }, { path: join(out, 'c.txt'), data: 'c' }]);
    assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'new a');
    assert.deepEqual(readdirSync(out).sort(), ['a.txt', 'b.txt', 'c.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every command refuses an output that is one of its inputs: exit 2, named error, input bytes unchanged', async () => {
  const dir = tmp();
  try {
    const bars = join(dir, 'bars.csv');
    copyFileSync(FLOW_CSV, bars);
    const ctx = join(dir, 'ctx.arrow');
    copyFileSync(DEFAULT_CONTEXT_PATH, ctx);
    const vix = join(dir, 'vix.csv');
    writeFileSync(vix, 'date,open,high,low,close\n2024-01-04,13.5,14,13,13.9\n');
    symlinkSync(bars, join(dir, 'bars-link.arrow'));
    linkSync(vix, join(dir, 'vix-hard.arrow'));
    const sets = join(dir, 'sweep-out', 'ledger.csv');
    mkdirSync(join(dir, 'sweep-out'));
    writeFileSync(sets, 'premium,strong,good,weak\n0.4,0.3,0.25,0.18\n');
    const btDir = join(dir, 'bt');
    mkdirSync(btDir);
    copyFileSync(FLOW_CSV, join(btDir, 'trades.csv'));
    const before = new Map([bars, ctx, vix, sets, join(btDir, 'trades.csv')].map((p) => [p, readFileSync(p)]));
    const cases: [string[], RegExp][] = [
      [['data', 'import', bars, '--out', join(dir, 'bars-link.arrow')], /--out .*bars-link\.arrow: is the input/],
      [['data', 'context', '--vix', vix, '--out', join(dir, 'vix-hard.arrow')], /--out .*vix-hard\.arrow: is the input/],
      [['replay', '--data', bars, '--context', 'none', '--out', bars], /--out .*bars\.csv: is the input/],
      [['backtest', '--data', bars, '--context', 'none', '--trades', bars], /--trades .*: is the input/],
      [['backtest', '--data', bars, '--context', ctx, '--trades', ctx], /--trades .*ctx\.arrow: is the input/],
      [['backtest', '--data', join(btDir, 'trades.csv'), '--context', 'none', '--out', btDir], /--out .*trades\.csv: is the input/],
      [['sweep', '--data', bars, '--context', 'none', '--sets', sets, '--out', join(dir, 'sweep-out')], /--out .*ledger\.csv: is the input/],
      [['report', 'weekend', '--data', bars, '--context', 'none', '--out', bars], /--out .*: is an existing file; give a directory/],
    ];
    const runs = await Promise.all(cases.map(([args]) => mia([...args, '--quiet'].filter((a) => !(a === '--quiet' && args[0] === 'data')))));
    for (const [i, [args, re]] of cases.entries()) {
      const r = runs[i]!;
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    for (const [p, bytes] of before) assert.deepEqual(readFileSync(p), bytes, `${p} unchanged`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backtest --out DIR with a --trades write that fails: nothing is left in DIR', async () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'blocker'), 'x');
    const r = await mia(['backtest', '--quiet', '--data', FLOW_CSV, '--context', 'none', '--eth', '--out', join(dir, 'o'), '--trades', join(dir, 'blocker', 't.csv')]);
    assert.notEqual(r.status, 0);
    assert.equal(existsSync(join(dir, 'o')), false, 'no summary.json / manifest.json left behind');
    const ok = await mia(['backtest', '--quiet', '--data', FLOW_CSV, '--context', 'none', '--eth', '--out', join(dir, 'o'), '--trades', join(dir, 't.arrow')]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(readdirSync(join(dir, 'o')).sort(), ['manifest.json', 'summary.json', 'trades.csv']);
    assert.ok(existsSync(join(dir, 't.arrow')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('clean edges: EPIPE exits 0 quietly; usage errors exit 2; --out a directory or .csv on import are named errors', async () => {
  const dir = tmp();
  try {
    mkdirSync(join(dir, 'x.arrow'));
    const [pipe, usage, missing, isDir, csvOut, replayDir, coarseFill] = await Promise.all([
      mia(['backtest', '--json', '--quiet', '--data', FLOW_CSV, '--context', 'none', '--eth'], { headBytes: 100 }),
      mia(['backtest', '--bogus']),
      mia(['data', 'import']),
      mia(['data', 'import', FLOW_CSV, '--out', join(dir, 'x.arrow')]),
      mia(['data', 'import', FLOW_CSV, '--out', join(dir, 'bars.csv')]),
      mia(['replay', '--quiet', '--data', FLOW_CSV, '--out', dir]),
      mia(['backtest', '--quiet', '--data', FLOW_CSV, '--context', 'none', '--fill-data', NT8]),
    ]);
    assert.equal(pipe.status, 0, pipe.stderr);
    assert.equal(pipe.stderr, '');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /unknown option '--bogus'/);
    assert.equal(missing.status, 2);
    assert.equal(isDir.status, 2);
    assert.match(isDir.stderr, /^mia: --out .*x\.arrow: is an existing directory; give a file name\n$/);
    assert.equal(csvOut.status, 2);
    assert.match(csvOut.stderr, /--out .*bars\.csv: this command writes an Arrow \(\.arrow\) or Parquet \(\.parquet\) table; name the file with \.arrow \(e\.g\. .*bars\.arrow\)/);
    assert.equal(existsSync(join(dir, 'bars.csv')), false);
    assert.equal(replayDir.status, 2);
    assert.equal(coarseFill.status, 2, 'a --fill-data series that is not finer is a named error');
    assert.match(coarseFill.stderr, /--fill-data: its 5-minute bars do not divide the 5-minute signal bars/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('orderFlowPresence: share of bars with bid + ask volume > 0', () => {
  const b = makeBars({ close: [1, 2, 3, 4], bidVolume: [0, 5, NaN, 1], askVolume: [0, 5, NaN, 0] });
  assert.deepEqual(orderFlowPresence(b), { columns: true, share: 0.5 });
  const none = makeBars({ close: [1, 2], bidVolume: [NaN, NaN], askVolume: [NaN, NaN] });
  assert.deepEqual(orderFlowPresence(none), { columns: false, share: 0 });
});

test('no order flow: backtest warns on stderr even with --quiet, names the features, and --json carries it', async () => {
  const [nt, flow] = await Promise.all([
    mia(['backtest', '--json', '--quiet', '--data', NT8, '--context', 'none']),
    mia(['backtest', '--json', '--quiet', '--data', FLOW_CSV, '--context', 'none']),
  ]);
  assert.equal(nt.status, 0, nt.stderr);
  const features = ['volume_confirmation', 'smart_money_strength', 'volume_imbalance_signal', 'order_book_imbalance'];
  assert.match(nt.stderr, /WARNING: the bars carry no bid\/ask volume/);
  for (const f of features) assert.match(nt.stderr, new RegExp(f));
  const doc = JSON.parse(nt.stdout);
  assert.equal(doc.order_flow.share, 0);
  assert.equal(doc.order_flow.columns, false);
  assert.deepEqual([...doc.order_flow.features_on_defaults].sort(), [...features].sort());
  assert.equal(flow.status, 0, flow.stderr);
  assert.doesNotMatch(flow.stderr, /WARNING/);
  assert.equal(JSON.parse(flow.stdout).order_flow.warning, null);
});

test('report weekend: a damaged earlier report in the --out folder is ignored, never a crash', () => {
  const dir = tmp();
  try {
    const good = { reportDate: 20240816, from: 20240101, to: 20240816, thresholds: { premium: 0.38, strong: 0.32, good: 0.28, weak: 0.18 }, recommended: null, trades: 10, netUsd: 5, winRate: 0.5, maxDrawdownUsd: 1, distribution: { PREMIUM: 1 } };
    const block = (g: unknown) => `# report\n<!-- mia-weekend-digest\n${JSON.stringify(g)}\n-->\n`;
    writeFileSync(join(dir, 'weekend-2024-08-16.md'), block(good));
    writeFileSync(join(dir, 'weekend-2024-08-23.md'), block({ ...good, reportDate: 20240823, thresholds: 'x', distribution: null }));
    writeFileSync(join(dir, 'weekend-2024-08-24.md'), block({ ...good, reportDate: 20240824, netUsd: '5', recommended: { premium: 1 } }));
    assert.equal(parseDigest(readFileSync(join(dir, 'weekend-2024-08-23.md'), 'utf8')), null);
    assert.equal(parseDigest(readFileSync(join(dir, 'weekend-2024-08-24.md'), 'utf8')), null);
    const prev = findPrevious(dir, 20240830);
    assert.equal(prev?.file, 'weekend-2024-08-16.md', 'the newest report with a sound digest');
    assert.deepEqual(prev?.digest, good);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
