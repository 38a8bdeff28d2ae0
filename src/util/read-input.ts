import { readFileSync } from 'node:fs';
import { MiaError } from './errors.ts';

/** Reads an input file; a missing or unreadable file is one clear line (`path: cannot read (ENOENT)`), not a stack. */
export function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new MiaError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
