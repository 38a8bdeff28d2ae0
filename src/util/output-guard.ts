// Outputs never overwrite inputs: every command names its outputs and inputs here before it writes anything.
// Paths are compared by what they resolve to (symlinks through realpath, hard links through dev+ino), so
// `--out ./x`, `--out link-to-x` and `--out hardlink-of-x` are all the same file as `--data x`.
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MiaError } from './errors.ts';

/** One path a command writes: the flag that named it (for the message) and the path. */
export interface OutputPath {
  flag: string;
  path: string;
  /** 'file' (default): an existing directory there is an error; 'dir': an existing file there is an error */
  kind?: 'file' | 'dir';
}

interface Identity {
  real: string;
  /** `${dev}:${ino}` when the path exists */
  node: string | null;
}

/** realpath of the longest existing prefix joined with the rest: a not-yet-existing file under a linked folder still resolves. */
function realish(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realish(parent), basename(abs));
  }
}

function identity(p: string): Identity {
  let node: string | null = null;
  try {
    const s = statSync(p);
    node = `${s.dev}:${s.ino}`;
  } catch {
    node = null;
  }
  return { real: realish(p), node };
}

function isDir(p: string): boolean | null {
  try {
    return statSync(p).isDirectory();
  } catch {
    return null;
  }
}

/**
 * Throws a MiaError (exit 2) before anything is written when an output is one of the inputs, or when an
 * output's path is the wrong kind of thing (a directory where a file goes, or the reverse). Inputs that are
 * undefined or 'none' are ignored.
 */
export function guardOutputs(outputs: OutputPath[], inputs: (string | undefined | null)[]): void {
  const ins = inputs.filter((p): p is string => typeof p === 'string' && p !== '' && p !== 'none').map((p) => ({ path: p, id: identity(p) }));
  for (const o of outputs) {
    const dir = isDir(o.path);
    if ((o.kind ?? 'file') === 'file' && dir === true) throw new MiaError(`${o.flag} ${o.path}: is an existing directory; give a file name`);
    if (o.kind === 'dir' && dir === false) throw new MiaError(`${o.flag} ${o.path}: is an existing file; give a directory`);
    const id = identity(o.path);
    for (const i of ins) {
      if (id.real === i.id.real || (id.node !== null && id.node === i.id.node)) {
        throw new MiaError(`${o.flag} ${o.path}: is the input ${i.path}; refusing to overwrite it (choose another output path)`);
      }
    }
  }
}

/** The files a folder output will hold, as guard entries (each must not be an input, nor a directory). */
export function folderOutputs(flag: string, dir: string, files: string[]): OutputPath[] {
  return [{ flag, path: dir, kind: 'dir' }, ...files.map((f) => ({ flag, path: join(dir, f) }))];
}
