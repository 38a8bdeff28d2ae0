// Redis and `mia worker` processes for the fleet tests: MIA_TEST_REDIS_URL (set by .ci/run) when given, else a
// private redis-server on a free port when the binary exists, else a plain skip reason.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO } from './shared.ts';

export const MIA = join(REPO, 'bin', 'mia.mjs');
const HAS_REDIS_BINARY = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export const SKIP_REDIS: string | false =
  process.env.MIA_TEST_REDIS_URL || HAS_REDIS_BINARY ? false : 'skipped: no MIA_TEST_REDIS_URL and no redis-server binary (apt-get install redis-server)';

export interface TestRedis {
  url: string;
  stop(): void;
}

function freePort(): Promise<number> {
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
