import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** sha256 of a file's bytes, hex: the identity a run manifest records for each input. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
