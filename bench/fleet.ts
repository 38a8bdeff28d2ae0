// The Redis fleet against the in-process sweep, end to end through the real CLI: in-process (1 thread), 1 and 2
// local `mia worker` processes (cold: first chunk replays; warm: plan cached), and the queue's cost per chunk
// (the same sweep cut into many small chunks vs few large ones on warm workers). Ledgers are checked equal first.
// Needs redis-server (or MIA_TEST_REDIS_URL); `npm run bench fleet` skips it with a reason otherwise.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { parseRedisUrl } from '../src/fleet/redis-url.ts';
import { mia, miaSync, SKIP_REDIS, startRedis, type MiaProc } from '../test/helpers/fleet.ts';

const GRID = ['--premium', '0.30:0.50:0.005', '--strong', '0.26:0.44:0.005', '--good', '0.22:0.30:0.02'];

function timed(args: string[]): { ms: number; out: string } {
  const t0 = performance.now();
  const r = miaSync(args, 900_000);
  assert.equal(r.code, 0, r.err);
  return { ms: performance.now() - t0, out: r.out };
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function bench(): Promise<void> {
  if (SKIP_REDIS) {
    console.log(`fleet: ${SKIP_REDIS}`);
    return;
  }
  const redis = await startRedis(3);
  const flush = async () => {
    const c = new Redis(parseRedisUrl(redis.url).options);
    await c.flushdb();
    c.disconnect();
  };
  const dir = mkdtempSync(join(tmpdir(), 'mia-bench-fleet-'));
  const workers: MiaProc[] = [];
  try {
    const local = timed(['sweep', ...GRID, '--quiet', '--workers', '1', '--json', '--out', join(dir, 'local')]);
    const sets = (JSON.parse(local.out) as { trials: number }).trials;
    console.log(`sweep of ${sets} sets over the embedded year, whole CLI run (start-up, load, replay, scan, write):`);
    console.log(`  in-process, 1 thread                     ${sec(local.ms)}`);
    const fleetRun = async (label: string, chunk: number): Promise<number> => {
      await flush();
      const out = join(dir, `${label.replace(/\W+/g, '-')}-${chunk}`);
      const r = timed(['sweep', ...GRID, '--quiet', '--redis', redis.url, '--chunk', String(chunk), '--out', out]);
      assert.ok(readFileSync(join(out, 'ledger.arrow')).equals(readFileSync(join(dir, 'local', 'ledger.arrow'))), `${label}: ledger differs`);
      const n = Math.ceil(sets / chunk);
      console.log(`  ${label.padEnd(40)} ${sec(r.ms)}  (${n} chunks of ${chunk})`);
      return r.ms;
    };
    for (const count of [1, 2]) {
      while (workers.length < count) {
        const w = mia(['worker', '--redis', redis.url]);
        await w.waitFor(/ready on/);
        workers.push(w);
      }
      const chunk = Math.ceil(sets / (4 * count));
      await fleetRun(`${count} worker${count > 1 ? 's' : ''}, first run (a new worker replays)`, chunk);
      await fleetRun(`${count} worker${count > 1 ? 's' : ''}, second run (plans cached)`, chunk);
    }
    console.log(`  queue round trip per job, no work (add, take, store 8 KB of rows, complete): ${(await queueRoundTrip(redis.url, 2000)).toFixed(2)} ms`);
    // queue cost per chunk: same sets, 2 warm workers, many small chunks vs a few large ones
    const big = await fleetRun('2 workers, warm, large chunks', Math.ceil(sets / 8));
    const small = await fleetRun('2 workers, warm, small chunks', 10);
    const extra = Math.ceil(sets / 10) - 8;
    console.log(`  end to end, (small − large) / extra chunks: ${((small - big) / extra).toFixed(1)} ms per chunk (noisy under load)`);
    const firstChunk = workers.map((w) => /done \(\d+ sets, (\d+) ms, replays 1\)/.exec(w.err())?.[1]).filter(Boolean);
    console.log(`  a cold worker's first chunk (load + replay + plan + scan): ${firstChunk.map((m) => `${m} ms`).join(', ')}`);
    const perSet = workers.flatMap((w) => [...w.err().matchAll(/done \((\d+) sets, (\d+) ms, replays 1\)/g)].slice(1).filter((m) => Number(m[1]) >= 100).map((m) => Number(m[2]) / Number(m[1])));
    perSet.sort((a, b) => a - b);
    if (perSet.length) console.log(`  a warm worker's scan: ${(perSet[perSet.length >> 1] as number).toFixed(3)} ms per set (median over ${perSet.length} chunks of >= 100 sets)`);
    console.log('  (figures on a shared, loaded 2-core machine: ranges, not points)');
  } finally {
    for (const w of workers) w.proc.kill('SIGTERM');
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `jobs` no-op jobs through BullMQ with a worker in this process that stores a result like a chunk's: ms per job. */
async function queueRoundTrip(url: string, jobs: number): Promise<number> {
  const conn = parseRedisUrl(url).options;
  const client = new Redis(conn);
  const rows = Buffer.alloc(8192);
  const queue = new Queue('mia-bench-noop', { connection: conn });
  let done = 0;
  let finish: () => void = () => {};
  const all = new Promise<void>((r) => (finish = r));
  const worker = new Worker(
    'mia-bench-noop',
    async (job) => {
      await client.set(`mia:bench:${job.id}`, rows, 'EX', 60);
      if (++done === jobs) finish();
    },
    { connection: conn, concurrency: 1 },
  );
  await worker.waitUntilReady();
  const t0 = performance.now();
  await queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'noop', data: { i }, opts: { jobId: `noop-${i}`, removeOnComplete: true } })));
  await all;
  const ms = (performance.now() - t0) / jobs;
  await worker.close();
  await queue.close();
  client.disconnect();
  return ms;
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
