import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { MiaError } from './errors.ts';

function cannotRead(path: string, err: unknown): MiaError {
  return new MiaError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
}

/** Reads an input file; a missing or unreadable file is one clear line (`path: cannot read (ENOENT)`), not a stack. */
export function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw cannotRead(path, err);
  }
}

/**
 * readInput into shared memory (a SharedArrayBuffer), so a worker thread can hash the same bytes while this thread
 * parses them (util/hash.ts). A file that is not a regular one (a pipe) is read as readInput does.
 */
export function readInputShared(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw cannotRead(path, err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return readInput(path);
    const buf = Buffer.from(new SharedArrayBuffer(st.size));
    let done = 0;
    while (done < st.size) {
      const got = readSync(fd, buf, done, st.size - done, done);
      if (got === 0) break; // the file shrank while read: what is there
      done += got;
    }
    return done === st.size ? buf : buf.subarray(0, done);
  } catch (err) {
    throw err instanceof MiaError ? err : cannotRead(path, err);
  } finally {
    closeSync(fd);
  }
}
