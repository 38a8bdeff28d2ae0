// Writes a rendered report as a whole (charts and markdown together, or nothing), so a report never points
// at a chart that is not there; stale charts of an earlier run with the same date are then removed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSet, type OutputFile } from '../util/write-set.ts';
import type { RenderedReport } from './weekend-render.ts';

/** Every path writeReport would write, before anything is written (for the output guard). */
export function reportPaths(outDir: string, r: RenderedReport): { markdown: string; charts: string[] } {
  const chartDir = join(outDir, r.chartDir);
  return { markdown: join(outDir, r.name), charts: Object.keys(r.charts).map((f) => join(chartDir, f)) };
}

export function writeReport(outDir: string, r: RenderedReport): { markdown: string; charts: string[] } {
  const paths = reportPaths(outDir, r);
  const files: OutputFile[] = Object.values(r.charts).map((svg, i) => ({ path: paths.charts[i]!, data: svg }));
  files.push({ path: paths.markdown, data: r.markdown });
  writeFileSet(files);
  const chartDir = join(outDir, r.chartDir);
  if (existsSync(chartDir)) {
    for (const f of readdirSync(chartDir)) if (f.endsWith('.svg') && !(f in r.charts)) rmSync(join(chartDir, f));
  }
  return paths;
}

/**
 * A report never silently replaces an earlier one: when `<base>.md` is already in the folder, the next free
 * suffixed name (`<base>-2`, `<base>-3`, ...) is used instead, and the caller says so on stderr; `--force` keeps
 * `<base>` and replaces it. Suffixed names keep `npx mia report weekend` runnable again and again.
 */
export function freeBase(outDir: string, base: string): string {
  if (!existsSync(join(outDir, `${base}.md`))) return base;
  for (let k = 2; ; k++) {
    const b = `${base}-${k}`;
    if (!existsSync(join(outDir, `${b}.md`))) return b;
  }
}
