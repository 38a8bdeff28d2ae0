import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// The embedded dataset every command uses when --data / --context are not given.
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_BARS_PATH = join(REPO_ROOT, 'data', 'es-5m.arrow');
export const DEFAULT_CONTEXT_PATH = join(REPO_ROOT, 'data', 'context-vix.arrow');
