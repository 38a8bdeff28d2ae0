import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/**
 * The package's root folder: the nearest folder above this module holding package.json. Found by walking up
 * rather than a fixed `../../` because this module runs from src/data/ (tsx) and from a chunk in dist/ (the
 * build), and after `npm install -g` from wherever npm put the package: the embedded data is found beside
 * the code, never relative to the working directory.
 */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

// The embedded dataset every command uses when --data / --context are not given.
export const REPO_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_BARS_PATH = join(REPO_ROOT, 'data', 'es-5m.arrow');
export const DEFAULT_CONTEXT_PATH = join(REPO_ROOT, 'data', 'context-vix.arrow');
