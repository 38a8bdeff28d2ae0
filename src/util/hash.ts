import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** sha256 of a file's bytes, hex: the identity a run manifest records for each input. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Below this many bytes in all, hashing on the calling thread costs less than starting a worker (~3 ms here). */
const WORKER_MIN_BYTES = 4 << 20;

// The worker: hashes each part in order, writes its 64 hex digits into `out` and raises its flag.
const WORKER_SOURCE = `
const { workerData: { parts, flags, out } } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parts.forEach((p, k) => {
  const hex = createHash('sha256').update(new Uint8Array(p.buffer, p.offset, p.length)).digest('hex');
  for (let i = 0; i < 64; i++) out[k * 64 + i] = hex.charCodeAt(i);
  Atomics.store(flags, k, 1);
  Atomics.notify(flags, k);
});
`;

/**
 * sha256 (hex) of each part, started now and collected by the returned function: parts in shared memory (see
 * readInputShared) that are large enough are hashed by a worker thread while the caller goes on (the import
 * hashes its 30 MB while it parses them: ~20 ms off its wall time); anything else is hashed when collected. The
 * same digests either way; should the worker not answer, the caller hashes the part itself.
 */
export function sha256Soon(parts: Uint8Array[]): () => string[] {
  const bytes = parts.reduce((a, p) => a + p.byteLength, 0);
  const shared = parts.every((p) => p.buffer instanceof SharedArrayBuffer);
  if (!shared || bytes < WORKER_MIN_BYTES) return () => parts.map((p) => sha256(p));
  const flags = new Int32Array(new SharedArrayBuffer(4 * parts.length));
  const out = new Uint8Array(new SharedArrayBuffer(64 * parts.length));
  try {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { parts: parts.map((p) => ({ buffer: p.buffer, offset: p.byteOffset, length: p.byteLength })), flags, out } });
    worker.unref(); // never keeps the process alive; it ends with it
  } catch {
    return () => parts.map((p) => sha256(p));
  }
  return () =>
    parts.map((p, k) => {
      // a generous bound (100 MB/s on a busy machine, plus start-up) before hashing here instead
      if (Atomics.load(flags, k) !== 1) Atomics.wait(flags, k, 0, 2000 + p.byteLength / 1e5);
      return Atomics.load(flags, k) === 1 ? Buffer.from(out.buffer, k * 64, 64).toString('latin1') : sha256(p);
    });
}
