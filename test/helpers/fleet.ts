// Redis and `mia worker` processes for the fleet tests: MIA_TEST_REDIS_URL (set by .ci/run) when given, else a
// private redis-server on a free port when the binary exists, else a plain skip reason.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import assert from 'node:assert/strict';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../../src/data/defaults.ts';
import { loadBars } from '../../src/data/load.ts';
import { barsToIPC } from '../../src/data/bars-arrow.ts';
import { REPO } from './shared.ts';

export const MIA = join(REPO, 'bin', 'mia.mjs');
const HAS_REDIS_BINARY = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export const SKIP_REDIS: string | false =
  process.env.MIA_TEST_REDIS_URL || HAS_REDIS_BINARY ? false : 'skipped: no MIA_TEST_REDIS_URL and no redis-server binary (apt-get install redis-server)';

export interface TestRedis {
  url: string;
  stop(): void;
}

/** A port nothing listens on (taken from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A private redis-server (always, when a password is wanted), or the CI one on database `db`. */
export async function startRedis(db: number, password?: string): Promise<TestRedis> {
  const ci = process.env.MIA_TEST_REDIS_URL;
  if (ci && password === undefined) return { url: `${ci.replace(/\/\d*$/, '')}/${db}`, stop() {} };
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...(password ? ['--requirepass', password] : [])];
  const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) resolve();
    });
    proc.once('exit', (c) => reject(new Error(`redis-server exited ${c}: ${out.slice(-400)}`)));
  });
  proc.stdout?.resume();
  return { url: `redis://127.0.0.1:${port}/${db}`, stop: () => void proc.kill('SIGTERM') };
}

export interface MiaProc {
  proc: ChildProcess;
  /** stderr so far */
  err(): string;
  /** resolves when stderr matches */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node bin/mia.mjs ...args` with stderr collected. */
export function mia(args: string[]): MiaProc {
  const proc = spawn(process.execPath, [MIA, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
  let err = '';
  const waiters: { re: RegExp; done: (m: string) => void }[] = [];
  proc.stdout?.resume();
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) {
      const m = w.re.exec(err);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(m[0]);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return {
    proc,
    err: () => err,
    exited,
    waitFor(re, ms = 60_000) {
      const m = re.exec(err);
      if (m) return Promise.resolve(m[0]);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${re} on stderr within ${ms} ms; stderr:\n${err}`)), ms);
        waiters.push({ re, done: (s) => (clearTimeout(t), resolve(s)) });
        void exited.then(({ code }) => setTimeout(() => reject(new Error(`exited ${code} before ${re}; stderr:\n${err}`)), 50));
      });
    },
  };
}

/** Run `mia ...args` to the end: exit code, stdout, stderr. */
export function miaSync(args: string[], timeoutMs = 120_000): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [MIA, ...args], { cwd: REPO, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Exit 2 with exactly one line on stderr, matching `re`. */
export function oneLineExit2(r: { code: number | null; err: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.err.trimEnd().split('\n').length, 1, `one line: ${r.err}`);
  assert.match(r.err, re);
}

/**
 * A worker whose bars file differs from the run's (same bars, other metadata: a valid file with another sha256 at
 * the path the run names, data/es-5m.arrow): worker and coordinator (`coordArgs` + --redis + --out) both stop with
 * the named mismatch, one line, exit 2.
 */
export async function assertDataMismatchFails(db: number, coordArgs: string[]): Promise<void> {
  const redis = await startRedis(db);
  const root = mkdtempSync(join(tmpdir(), 'mia-fleet-root-'));
  try {
    writeOtherData(root);
    const w = mia(['worker', '--redis', redis.url, '--data-root', root, '--quiet']);
    const coord = mia([...coordArgs, '--redis', redis.url, '--out', join(root, 'out')]);
    const [wEnd, cEnd] = await Promise.all([w.exited, coord.exited]);
    oneLineExit2({ code: wEnd.code, err: w.err() }, /^mia: data mismatch: .*es-5m\.arrow: sha256 [0-9a-f]{12} on this worker, the run names [0-9a-f]{12}$/m);
    oneLineExit2({ code: cEnd.code, err: coord.err() }, /a worker failed the run: data mismatch: .*es-5m\.arrow/);
  } finally {
    redis.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function writeOtherData(root: string): void {
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'es-5m.arrow'), barsToIPC(loadBars(DEFAULT_BARS_PATH).bars, { source: 'fleet test: another file' }));
  copyFileSync(DEFAULT_CONTEXT_PATH, join(root, 'data', 'context-vix.arrow'));
}

/** SIGKILL worker `w` as soon as it starts a chunk; the chunk's id (it must not have finished). */
export async function killInChunk(w: MiaProc): Promise<string> {
  const started = await w.waitFor(/chunk \S+ start/, 120_000);
  const id = (/chunk (\S+) start/.exec(started) as RegExpExecArray)[1] as string;
  w.proc.kill('SIGKILL');
  assert.ok(!new RegExp(`chunk ${id} done`).test(w.err()), 'the worker was killed before finishing its chunk');
  return id;
}
