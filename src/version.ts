import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
/** mia's version, recorded in every manifest. */
export const MIA_VERSION: string = pkg.version;
/** Engine semantics version: bump when a feature formula changes, so old results are not compared blindly
 * (v2: the MTF alignment rule of the original, the smart-money confidence without renormalisation). */
export const ENGINE_VERSION = 'spec-v2';
