// `mia worker` and `mia sweep --redis` refuse what they cannot serve with one line and exit 2, never a hang:
// no --redis, Redis unreachable, a wrong password, a worker whose data file differs from the run's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRedisUrl } from '../src/fleet/redis-url.ts';
import { parseChunkJob, parseSpec, encodeSpec } from '../src/fleet/schema.ts';
import { assertDataMismatchFails, freePort, miaSync, oneLineExit2, SKIP_REDIS, startRedis } from './helpers/fleet.ts';

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
  const url = `redis://127.0.0.1:${await freePort()}`;
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
  await assertDataMismatchFails(2, ['sweep', '--preset', 'seed', '--quiet']);
});
