// `npm run build` (run by `npm ci` / `npm install` through `prepare`): bundles the TypeScript sources into
// plain ES modules in dist/ with esbuild (a pinned dependency, no network), so `mia` starts without compiling
// anything. Entry points: the CLI, and the sweep worker (src/sweep/trial-runner.ts starts ./worker.mjs beside
// itself, which in the build is dist/worker.mjs). Commands are imported lazily by src/cli.ts; code splitting
// turns each into its own chunk so a command loads only its modules.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// an output folder may be given (the build test uses one of its own); it must sit directly in the package root
const out = process.argv[2] ?? `${root}dist`;
// npm packages stay external imports, except apache-arrow: loading its ~160 ES modules one file at a time cost
// ~0.1 s of CPU in every command that reads or writes Arrow (import, replay, backtest...); bundled, it is one chunk
const deps = Object.keys(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).dependencies ?? {});
const external = deps.filter((d) => d !== 'apache-arrow');
rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', worker: 'src/sweep/worker.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  // chunks sit flat in dist/, one level under the package root, like src/*.ts (version.ts reads ../package.json)
  logLevel: 'warning',
});
// bin/mia.mjs runs the sources instead when one is newer than this stamp (a clone edited since the build)
writeFileSync(`${out}/.built`, `${new Date().toISOString()}\n`);
