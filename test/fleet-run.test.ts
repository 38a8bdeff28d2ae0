// The distributed sweep equals the in-process sweep byte for byte, with a worker SIGKILLed in the middle of its
// chunk (the chunk is retried by the other worker after the lock expires), and a re-run resumes from Redis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ES_5M_FILES, SKIP_SHARED } from './helpers/shared.ts';
import { Queue } from 'bullmq';
import { parseRedisUrl } from '../src/fleet/redis-url.ts';
import { QUEUE_NAME } from '../src/fleet/keys.ts';
import { killInChunk, mia, miaSync, SKIP_REDIS, startRedis } from './helpers/fleet.ts';

const GRID = ['--premium', '0.30:0.50:0.02', '--strong', '0.26:0.44:0.02'];
const OUTPUTS = ['ledger.arrow', 'ledger.csv', 'sweep.json', 'manifest.json', 'heatmap.svg'];

/** In-process sweep, then the same sweep through Redis with worker A killed inside its first chunk and B finishing. */
async function killedWorkerRun(args: string[], chunk: number): Promise<void> {
  const redis = await startRedis(1);
  const dir = mkdtempSync(join(tmpdir(), 'mia-fleet-'));
  const workers: ReturnType<typeof mia>[] = [];
  try {
    const local = miaSync(['sweep', ...args, '--quiet', '--workers', '1', '--out', join(dir, 'local')], 600_000);
    assert.equal(local.code, 0, local.err);
    const a = mia(['worker', '--redis', redis.url, '--lock', '1500']);
    workers.push(a);
    await a.waitFor(/ready on/);
    const coord = mia(['sweep', ...args, '--quiet', '--redis', redis.url, '--chunk', String(chunk), '--out', join(dir, 'fleet')]);
    const killedId = await killInChunk(a);
    const b = mia(['worker', '--redis', redis.url, '--lock', '1500']);
    workers.push(b);
    const end = await coord.exited;
    assert.equal(end.code, 0, coord.err());
    // the killed chunk was run again, by B
    assert.match(b.err(), new RegExp(`chunk ${killedId} done`));
    for (const f of OUTPUTS) assert.ok(readFileSync(join(dir, 'fleet', f)).equals(readFileSync(join(dir, 'local', f))), `${f} identical to the in-process run`);

    // a coordinator re-run of the same sweep finds every chunk's rows in Redis: no job reaches a worker
    const doneBefore = (b.err().match(/ done /g) ?? []).length;
    const again = mia(['sweep', ...args, '--quiet', '--redis', redis.url, '--chunk', String(chunk), '--out', join(dir, 'again')]);
    assert.equal((await again.exited).code, 0, again.err());
    assert.equal((b.err().match(/ done /g) ?? []).length, doneBefore, 'resumed from stored chunks');
    assert.ok(readFileSync(join(dir, 'again', 'ledger.arrow')).equals(readFileSync(join(dir, 'local', 'ledger.arrow'))));
  } finally {
    for (const w of workers) w.proc.kill('SIGKILL');
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('embedded data: two workers, one SIGKILLed mid-chunk, ledger bytes equal the in-process run; re-run resumes', { skip: SKIP_REDIS, timeout: 300_000 }, async () => {
  await killedWorkerRun([...GRID, '--walk-forward', '6m/1m'], 12);
});

test('real data (a year of the shared 5-minute series): same with a killed worker', { skip: SKIP_REDIS || SKIP_SHARED, timeout: 900_000 }, async () => {
  await killedWorkerRun([...GRID, '--data', ES_5M_FILES[1] as string, '--context', 'none', '--from', '2023-10', '--to', '2024-09', '--train', '2023-10:2024-05', '--test', '2024-06:2024-09'], 16);
});

test('a coordinator SIGKILLed with its chunks queued: the re-run resumes, no chunk is computed twice', { skip: SKIP_REDIS, timeout: 300_000 }, async () => {
  const redis = await startRedis(4);
  const dir = mkdtempSync(join(tmpdir(), 'mia-fleet-resume-'));
  const queue = new Queue(QUEUE_NAME, { connection: parseRedisUrl(redis.url).options });
  let worker: ReturnType<typeof mia> | null = null;
  try {
    const args = [...GRID, '--quiet', '--redis', redis.url, '--chunk', '10'];
    const local = miaSync(['sweep', ...GRID, '--quiet', '--workers', '1', '--out', join(dir, 'local')], 300_000);
    assert.equal(local.code, 0, local.err);
    // no worker yet: the coordinator queues every chunk and waits; kill it there
    const first = mia([...['sweep'], ...args, '--out', join(dir, 'first')]);
    let waiting = 0;
    for (let i = 0; i < 600 && waiting < 6; i++) {
      await new Promise((r) => setTimeout(r, 100));
      waiting = await queue.getWaitingCount();
    }
    assert.equal(waiting, 6, '52 sets in 6 chunks queued');
    first.proc.kill('SIGKILL');
    await first.exited;
    worker = mia(['worker', '--redis', redis.url]);
    const again = mia(['sweep', ...args, '--out', join(dir, 'again')]);
    assert.equal((await again.exited).code, 0, again.err());
    const done = [...worker.err().matchAll(/chunk (\S+) done/g)].map((m) => m[1]);
    assert.equal(done.length, 6, worker.err());
    assert.equal(new Set(done).size, 6, 'each chunk computed once');
    assert.ok(readFileSync(join(dir, 'again', 'ledger.arrow')).equals(readFileSync(join(dir, 'local', 'ledger.arrow'))));
  } finally {
    worker?.proc.kill('SIGKILL');
    await queue.close();
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
