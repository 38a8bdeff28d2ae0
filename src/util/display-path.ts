import { isAbsolute, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../data/defaults.ts';

/** A path as manifests record it: relative to the repository when inside it, so results are identical across clones. */
export function displayPath(p: string): string {
  const rel = relative(REPO_ROOT, resolve(p));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}
