// `mia worker`: serve sweep and optimize chunks from a Redis queue until stopped. --concurrency N runs N worker processes (the
// scan is CPU-bound, so parallelism means processes), each with its own replay cache.
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { MiaError } from '../util/errors.ts';
import { checkRedis, parseRedisUrl } from '../fleet/redis-url.ts';
import { runWorker } from '../fleet/worker-loop.ts';

const DEFAULT_LOCK_MS = 30_000;

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description("serve the chunks of 'mia sweep/calibrate/optimize --redis' from a Redis queue until stopped (SIGINT/SIGTERM)")
    .option('--redis <url>', 'the Redis the coordinator uses: redis://host:port, rediss://user:password@host:port/db')
    .option('--concurrency <n>', 'worker processes on this machine', '1')
    .option('--data-root <dir>', 'base for input paths the run gives relative to the mia checkout (default: this checkout)')
    .option('--lock <ms>', `job lock: a worker silent this long is presumed dead and its chunk is retried elsewhere (default ${DEFAULT_LOCK_MS})`)
    .option('--quiet', 'no per-chunk log lines on stderr', false)
    .action(async (opts: { redis?: string; concurrency: string; dataRoot?: string; lock?: string; quiet: boolean }) => {
      if (opts.redis === undefined) throw new MiaError('worker: --redis redis://host:port is required (the Redis the coordinator uses)');
      const n = whole(opts.concurrency, '--concurrency', 1);
      const lockMs = opts.lock === undefined ? DEFAULT_LOCK_MS : whole(opts.lock, '--lock', 500);
      const target = parseRedisUrl(opts.redis);
      if (n > 1) {
        await checkRedis(target); // one line for a bad URL or password, not one per process
        process.exitCode = await supervise(n);
        return;
      }
      const tag = process.env.MIA_WORKER_TAG ?? `pid ${process.pid}`;
      const log = opts.quiet ? () => {} : (line: string) => process.stderr.write(`mia worker [${tag}]: ${line}\n`);
      const code = await runWorker({ redis: opts.redis, dataRoot: opts.dataRoot === undefined ? null : resolve(opts.dataRoot), lockMs, log });
      if (code !== 0) throw new MiaError('', code); // the worker has printed its one line
      process.exit(0);
    });
}

function whole(s: string, flag: string, min: number): number {
  if (!/^\d+$/.test(s.trim()) || Number(s) < min) throw new MiaError(`${flag} ${s}: must be a whole number >= ${min}`);
  return Number(s);
}

/** N copies of this command with --concurrency 1; the first non-zero exit stops the others and is ours. */
function supervise(n: number): Promise<number> {
  const args = process.argv.slice(1).filter((a, i, all) => a !== '--concurrency' && all[i - 1] !== '--concurrency' && !a.startsWith('--concurrency='));
  const kids = Array.from({ length: n }, (_, i) =>
    spawn(process.execPath, [...process.execArgv, ...args, '--concurrency', '1'], { stdio: 'inherit', env: { ...process.env, MIA_WORKER_TAG: `${process.pid}.${i + 1}` } }),
  );
  const stop = () => kids.forEach((k) => k.kill('SIGTERM'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise((done) => {
    let left = n;
    let code = 0;
    for (const k of kids)
      k.on('exit', (c) => {
        if (c && code === 0) {
          code = c;
          stop();
        }
        if (--left === 0) done(code);
      });
  });
}
