// `mia optimize --redis`: the search's weight sets evaluated by `mia worker` processes give the in-process result
// byte for byte, with a worker SIGKILLed inside its first chunk (retried by the other worker once the lock expires),
// a re-run resumes from the chunks stored in Redis, and a worker with another data file fails the run (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { loadBars } from '../src/data/load.ts';
import { barsToIPC } from '../src/data/bars-arrow.ts';
import { encodeSpec } from '../src/fleet/schema.ts';
import { parseWeightsJob, parseWeightsSpec } from '../src/fleet/weights-schema.ts';
import { mia, miaSync, SKIP_REDIS, startRedis } from './helpers/fleet.ts';

// small budget, two exit combinations, walk-forward and random entries: every kind of batch the search asks for
const ARGS = ['optimize', '--budget', '24', '--exits', '8/16,12/24', '--walk-forward', '6m/2m', '--random-draws', '20', '--no-cache', '--quiet', '--json'];
const OUTPUTS = ['optimize.json', 'manifest.json', 'weights.md', 'weights-stability.svg'];

function oneLineExit2(r: { code: number | null; err: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.err.trimEnd().split('\n').length, 1, `one line: ${r.err}`);
  assert.match(r.err, re);
}

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
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  oneLineExit2(miaSync([...ARGS, '--redis', `redis://127.0.0.1:${port}`, '--out', join(tmpdir(), 'mia-fleet-never')], 60_000), /unreachable/);
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
    const started = await a.waitFor(/chunk \S+ start/, 120_000);
    const killedId = (/chunk (\S+) start/.exec(started) as RegExpExecArray)[1] as string;
    a.proc.kill('SIGKILL');
    assert.ok(!new RegExp(`chunk ${killedId} done`).test(a.err()), 'worker A was killed before finishing its chunk');
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
  const redis = await startRedis(6);
  const root = mkdtempSync(join(tmpdir(), 'mia-fleet-opt-root-'));
  try {
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'es-5m.arrow'), barsToIPC(loadBars(DEFAULT_BARS_PATH).bars, { source: 'fleet test: another file' }));
    copyFileSync(DEFAULT_CONTEXT_PATH, join(root, 'data', 'context-vix.arrow'));
    const w = mia(['worker', '--redis', redis.url, '--data-root', root, '--quiet']);
    const coord = mia([...ARGS, '--redis', redis.url, '--out', join(root, 'out')]);
    const [wEnd, cEnd] = await Promise.all([w.exited, coord.exited]);
    oneLineExit2({ code: wEnd.code, err: w.err() }, /^mia: data mismatch: .*es-5m\.arrow: sha256 [0-9a-f]{12} on this worker, the run names [0-9a-f]{12}$/m);
    oneLineExit2({ code: cEnd.code, err: coord.err() }, /a worker failed the run: data mismatch: .*es-5m\.arrow/);
  } finally {
    redis.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
