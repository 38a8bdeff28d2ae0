// Writes a rendered report: charts first, the markdown last (atomically), so a report never points at a
// chart that is not there; stale charts of a replaced (--force) report of the same date are removed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite } from '../util/atomic-write.ts';
import type { RenderedReport } from './weekend-render.ts';

export function writeReport(outDir: string, r: RenderedReport): { markdown: string; charts: string[] } {
  const chartDir = join(outDir, r.chartDir);
  const charts: string[] = [];
  for (const [file, svg] of Object.entries(r.charts)) {
    const p = join(chartDir, file);
    atomicWrite(p, svg);
    charts.push(p);
  }
  if (existsSync(chartDir)) {
    for (const f of readdirSync(chartDir)) if (f.endsWith('.svg') && !(f in r.charts)) rmSync(join(chartDir, f));
  }
  const markdown = join(outDir, r.name);
  atomicWrite(markdown, r.markdown);
  return { markdown, charts };
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
