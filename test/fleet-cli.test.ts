// `mia worker` and `mia sweep --redis` refuse what they cannot serve with one line and exit 2, never a hang:
// no --redis, Redis unreachable, a wrong password, a worker whose data file differs from the run's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { loadBars } from '../src/data/load.ts';
import { barsToIPC } from '../src/data/bars-arrow.ts';
import { parseRedisUrl } from '../src/fleet/redis-url.ts';
import { parseChunkJob, parseSpec, encodeSpec } from '../src/fleet/schema.ts';
import { mia, miaSync, SKIP_REDIS, startRedis } from './helpers/fleet.ts';

function oneLineExit2(r: { code: number | null; err: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.err.trimEnd().split('\n').length, 1, `one line: ${r.err}`);
  assert.match(r.err, re);
}

/** A port nothing listens on (taken from the OS, then released). */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

test('redis URLs: rediss is TLS, user and password decoded, db from the path, password never printed', () => {
  const t = parseRedisUrl('rediss://mia:p%40ss@redis.example:6380/3');
  assert.deepEqual([t.options.host, t.options.port, t.options.db, t.options.username, t.options.password], ['redis.example', 6380, 3, 'mia', 'p@ss']);
  assert.deepEqual(t.options.tls, { servername: 'redis.example' });
  assert.equal(t.display, 'rediss://mia:***@redis.example:6380/3');
  assert.equal(parseRedisUrl('redis://127.0.0.1').options.port, 6379);
  assert.equal(parseRedisUrl('redis://127.0.0.1').options.tls, undefined);
  assert.throws(() => parseRedisUrl('http://x'), /scheme must be redis/);
  assert.throws(() => parseRedisUrl('redis://h/abc'), /database 'abc'/);
});

test('job data and specs outside the fixed shapes are refused', () => {
  const run = 'a'.repeat(64);
  assert.deepEqual(parseChunkJob({ v: 1, run, view: 0, start: 0, end: 5 }), { v: 1, run, view: 0, start: 0, end: 5 });
  assert.throws(() => parseChunkJob({ v: 1, run, view: 0, start: 0, end: 5, code: 'process.exit()' }), /fields/);
  assert.throws(() => parseChunkJob({ v: 1, run: 'x', view: 0, start: 0, end: 5 }), /sha256/);
  assert.throws(() => parseChunkJob({ v: 1, run, view: 0, start: 5, end: 5 }), /start < end/);
  const { text, run: id } = encodeSpec({ v: 1 } as never);
  assert.throws(() => parseSpec(text, 'b'.repeat(64)), /does not hash to its id/);
  assert.throws(() => parseSpec(text, id), /fields/);
});

test('mia worker without --redis: one line, exit 2', () => {
  oneLineExit2(miaSync(['worker'], 30_000), /--redis redis:\/\/host:port is required/);
});

test('Redis unreachable: worker and sweep --redis say so in one line, exit 2', async () => {
  const url = `redis://127.0.0.1:${await deadPort()}`;
  oneLineExit2(miaSync(['worker', '--redis', url], 30_000), /unreachable \(connection refused\)/);
  oneLineExit2(miaSync(['sweep', '--preset', 'seed', '--quiet', '--redis', url, '--out', join(tmpdir(), 'mia-fleet-never')], 60_000), /unreachable/);
});

test('wrong password: one line, exit 2, the password not printed', { skip: SKIP_REDIS, timeout: 60_000 }, async () => {
  const redis = await startRedis(0, 'right-one');
  try {
    const wrong = redis.url.replace('redis://', 'redis://:not-it@');
    const r = miaSync(['worker', '--redis', wrong], 30_000);
    oneLineExit2(r, /authentication failed/);
    assert.ok(!r.err.includes('not-it'));
    oneLineExit2(miaSync(['worker', '--redis', redis.url], 30_000), /authentication failed/);
  } finally {
    redis.stop();
  }
});

test('a worker whose data differs from the run: worker and run both fail with the named mismatch, exit 2', { skip: SKIP_REDIS, timeout: 120_000 }, async () => {
  const redis = await startRedis(2);
  const root = mkdtempSync(join(tmpdir(), 'mia-fleet-root-'));
  try {
    // same bars, other metadata: a valid file with another sha256 at the path the run names (data/es-5m.arrow)
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'es-5m.arrow'), barsToIPC(loadBars(DEFAULT_BARS_PATH).bars, { source: 'fleet test: another file' }));
    copyFileSync(DEFAULT_CONTEXT_PATH, join(root, 'data', 'context-vix.arrow'));
    const w = mia(['worker', '--redis', redis.url, '--data-root', root, '--quiet']);
    const coord = mia(['sweep', '--preset', 'seed', '--quiet', '--redis', redis.url, '--out', join(root, 'out')]);
    const [wEnd, cEnd] = await Promise.all([w.exited, coord.exited]);
    oneLineExit2({ code: wEnd.code, err: w.err() }, /^mia: data mismatch: .*es-5m\.arrow: sha256 [0-9a-f]{12} on this worker, the run names [0-9a-f]{12}$/m);
    oneLineExit2({ code: cEnd.code, err: coord.err() }, /a worker failed the run: data mismatch: .*es-5m\.arrow/);
  } finally {
    redis.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
