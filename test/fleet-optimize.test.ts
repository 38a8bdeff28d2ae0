// `mia optimize --redis`: the search's weight sets evaluated by `mia worker` processes give the in-process result
// byte for byte, with a worker SIGKILLed inside its first chunk (retried by the other worker once the lock expires),
// a re-run resumes from the chunks stored in Redis, and a worker with another data file fails the run (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSpec } from '../src/fleet/schema.ts';
import { parseWeightsJob, parseWeightsSpec } from '../src/fleet/weights-schema.ts';
import { freePort, killInChunk, mia, miaSync, oneLineExit2, SKIP_REDIS, startRedis, assertDataMismatchFails } from './helpers/fleet.ts';

// small budget, two exit combinations, walk-forward and random entries: every kind of batch the search asks for
const ARGS = ['optimize', '--budget', '24', '--exits', '8/16,12/24', '--walk-forward', '6m/2m', '--random-draws', '20', '--no-cache', '--quiet', '--json'];
const OUTPUTS = ['optimize.json', 'manifest.json', 'weights.md', 'weights-stability.svg'];

test('weight-set jobs and optimize specs outside the fixed shapes are refused', () => {
  const run = 'a'.repeat(64);
  const ok = { v: 1, run, from: 0, to: 10, blocks: 0, weights: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] };
  assert.deepEqual(parseWeightsJob(ok), ok);
  assert.throws(() => parseWeightsJob({ ...ok, code: 'process.exit()' }), /fields/);
  assert.throws(() => parseWeightsJob({ ...ok, run: 'x' }), /sha256/);
  assert.throws(() => parseWeightsJob({ ...ok, to: 0 }), /from < to/);
  assert.throws(() => parseWeightsJob({ ...ok, weights: ok.weights.slice(1) }), /10 numbers/);
  assert.throws(() => parseWeightsJob({ ...ok, weights: [...ok.weights.slice(1), 2] }), /\[0, 1\]/);
  assert.throws(() => parseWeightsJob({ ...ok, weights: [...ok.weights.slice(1), 'x'] }), /10 numbers/);
  const { text, run: id } = encodeSpec({ v: 1, kind: 'optimize' });
  assert.throws(() => parseWeightsSpec(text, 'b'.repeat(64)), /does not hash to its id/);
  assert.throws(() => parseWeightsSpec(text, id), /fields/);
});

test('optimize --chunk without --redis, and an unreachable Redis: one line, exit 2', async () => {
  oneLineExit2(miaSync([...ARGS, '--chunk', '4', '--out', join(tmpdir(), 'mia-fleet-never')], 60_000), /--chunk needs --redis/);
  oneLineExit2(miaSync([...ARGS, '--redis', `redis://127.0.0.1:${await freePort()}`, '--out', join(tmpdir(), 'mia-fleet-never')], 60_000), /unreachable/);
});

test('embedded data: two workers, one SIGKILLed mid-chunk, the optimize result equals the in-process run; re-run resumes', { skip: SKIP_REDIS, timeout: 300_000 }, async () => {
  const redis = await startRedis(5);
  const dir = mkdtempSync(join(tmpdir(), 'mia-fleet-opt-'));
  const workers: ReturnType<typeof mia>[] = [];
  try {
    const local = miaSync([...ARGS, '--out', join(dir, 'local')], 300_000);
    assert.equal(local.code, 0, local.err);
    const a = mia(['worker', '--redis', redis.url, '--lock', '1500']);
    workers.push(a);
    await a.waitFor(/ready on/);
    const coord = mia([...ARGS, '--redis', redis.url, '--chunk', '5', '--out', join(dir, 'fleet')]);
    let out = '';
    coord.proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    // a cold worker's first chunk loads the files and replays: it is killed inside it
    const killedId = await killInChunk(a);
    const b = mia(['worker', '--redis', redis.url, '--lock', '1500']);
    workers.push(b);
    const end = await coord.exited;
    assert.equal(end.code, 0, coord.err());
    assert.match(b.err(), new RegExp(`chunk ${killedId} done`), 'the killed chunk was run again, by B');
    assert.ok((b.err().match(/ done /g) ?? []).length > 5, 'B served the search batches');
    assert.equal(out, local.out, '--json output identical to the in-process run');
    for (const f of OUTPUTS) assert.ok(readFileSync(join(dir, 'fleet', f)).equals(readFileSync(join(dir, 'local', f))), `${f} identical to the in-process run`);

    // the same run again: every chunk's numbers are in Redis, no job reaches a worker, same bytes
    const doneBefore = (b.err().match(/ done /g) ?? []).length;
    const again = mia([...ARGS, '--redis', redis.url, '--chunk', '5', '--out', join(dir, 'again')]);
    assert.equal((await again.exited).code, 0, again.err());
    assert.equal((b.err().match(/ done /g) ?? []).length, doneBefore, 'resumed from stored chunks');
    assert.ok(readFileSync(join(dir, 'again', 'optimize.json')).equals(readFileSync(join(dir, 'local', 'optimize.json'))));
  } finally {
    for (const w of workers) w.proc.kill('SIGKILL');
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('optimize --redis with a worker whose data differs: worker and run fail with the named mismatch, exit 2', { skip: SKIP_REDIS, timeout: 120_000 }, async () => {
  await assertDataMismatchFails(6, ARGS);
});
