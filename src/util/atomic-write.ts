import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file's contents: text, bytes, or bytes in pieces (an Arrow file as its writer made it: the column buffers
 * themselves plus headers), written one after the other, so a 40 MB table is never joined into a second copy.
 */
export type FileData = string | Uint8Array | readonly Uint8Array[];

/** Writes `data` to `path` (created or truncated); pieces in order, each write repeated until complete. */
export function writeData(path: string, data: FileData): void {
  if (!Array.isArray(data)) {
    writeFileSync(path, data as string | Uint8Array);
    return;
  }
  const fd = openSync(path, 'w');
  try {
    for (const piece of data as readonly Uint8Array[]) {
      for (let done = 0; done < piece.byteLength; ) done += writeSync(fd, piece, done, piece.byteLength - done);
    }
  } finally {
    closeSync(fd);
  }
}

// Write to a temporary sibling and rename: a crash or a validation error never leaves a half-written file behind.
export function atomicWrite(path: string, data: FileData): void {
  mkdirSync(dirname(path) || '.', { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeData(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
