// `npm run bench [stage]`: runs bench/run.ts as plain JavaScript bundled by esbuild, the way the shipped CLI runs
// (dist/ is an esbuild bundle too), not through the tsx loader. Why: under tsx, V8's "ArrayBuffer detaching"
// protector is invalidated at start-up (`node --trace-protector-invalidation` shows it; the loader transfers
// buffers between threads), and from then on every typed-array access carries a detached-buffer check: the engine
// replay measured ~13 % slower under tsx than the same code bundled, and `mia` itself never pays that.
// Each source file keeps its own `import.meta.url` (rewritten to the file's URL), so paths resolve as in the sources.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// inside node_modules so the bundle's external package imports resolve from the project's node_modules
const outDir = `${root}node_modules/.cache/mia-bench`;
mkdirSync(outDir, { recursive: true });

const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { run: 'bench/run.ts' },
  outdir: outDir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  plugins: [ownUrl],
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [`${outDir}/run.mjs`, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
