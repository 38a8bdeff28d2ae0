// Redis connection options from a `redis://` / `rediss://` URL, and a bounded first contact: a fleet member that
// cannot reach Redis (down, wrong password, wrong host) must say so in one line within seconds, never retry forever.
import { Redis } from 'ioredis';
import { MiaError } from '../util/errors.ts';

/** How long a first connection may take, and how many reconnects a running member tolerates (≈ 10 s in all). */
const CONNECT_TIMEOUT_MS = 3000;
const MAX_RECONNECTS = 20;

/** The ioredis options mia sets (a plain object BullMQ's connection option takes as it is). */
export interface RedisConn {
  host: string;
  port: number;
  db: number;
  connectTimeout: number;
  maxRetriesPerRequest: number | null;
  retryStrategy: (times: number) => number | null;
  username?: string;
  password?: string;
  tls?: { servername: string };
}

export interface RedisTarget {
  options: RedisConn;
  /** the URL without its password: what messages print */
  display: string;
}

/** redis[s]://[user][:password]@host[:port][/db]; rediss = TLS. */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new MiaError(`--redis ${url}: not a URL (expected redis://host:port or rediss://user:password@host:port/db)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new MiaError(`--redis ${redact(u)}: scheme must be redis:// or rediss://`);
  if (!u.hostname) throw new MiaError(`--redis ${redact(u)}: no host`);
  const port = u.port === '' ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new MiaError(`--redis ${redact(u)}: database '${dbText}' must be a number`);
  const options: RedisConn = {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    db: dbText === '' ? 0 : Number(dbText),
    connectTimeout: CONNECT_TIMEOUT_MS,
    // BullMQ needs null here for its blocking connections; the bounded retry strategy below ends a dead link instead
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => (times > MAX_RECONNECTS ? null : Math.min(100 * times, 500)),
  };
  if (u.username) options.username = decodeURIComponent(u.username);
  if (u.password) options.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') options.tls = { servername: options.host };
  return { options, display: redact(u) };
}

function redact(u: URL): string {
  const auth = u.username || u.password ? `${u.username ? decodeURIComponent(u.username) : ''}${u.password ? ':***' : ''}@` : '';
  return `${u.protocol}//${auth}${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

/** One PING with no retries: resolves, or throws a one-line MiaError naming the cause (unreachable, auth). */
export async function checkRedis(target: RedisTarget): Promise<void> {
  const client = new Redis({ ...target.options, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true, enableOfflineQueue: false });
  // the socket's own error (ECONNREFUSED, WRONGPASS) says more than the 'Connection is closed' that follows it
  let first: unknown = null;
  client.on('error', (e: unknown) => (first ??= e));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new MiaError(`redis ${target.display}: ${describe(first ?? err)}`);
  } finally {
    client.disconnect();
  }
}

export function describe(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/WRONGPASS|invalid username-password|NOAUTH|invalid password/i.test(msg)) return 'authentication failed (wrong or missing password)';
  if (/ECONNREFUSED/.test(msg)) return 'unreachable (connection refused)';
  if (/ENOTFOUND|EAI_AGAIN/.test(msg)) return 'unreachable (unknown host)';
  if (/ETIMEDOUT|timeout/i.test(msg)) return 'unreachable (connect timeout)';
  if (/Connection is closed/i.test(msg)) return 'connection lost (ioredis stopped reconnecting)';
  return msg.split('\n')[0] as string;
}
