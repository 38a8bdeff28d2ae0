#!/usr/bin/env node
// mia runs the plain JavaScript build in dist/ (made by `npm ci` / `npm install` through the `prepare` script):
// nothing is compiled at start-up. In a clone whose sources changed after the last build (or that was never
// built), it runs the TypeScript sources through tsx instead, so an edit is never hidden behind a stale build;
// `npm run build` brings the fast path back.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const stamp = new URL('dist/.built', root);
const src = new URL('src/', root);

/** Newest modification time under a folder (ms). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, statSync(`${e.parentPath ?? e.path}/${e.name}`).mtimeMs);
  }
  return t;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
if (built >= 0 && (!existsSync(src) || newest(src) <= built)) {
  await import('../dist/cli.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
