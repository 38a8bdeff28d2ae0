// Writes a rendered report: charts first, the markdown last (atomically), so a report never points at a
// chart that is not there; stale charts of a replaced (--force) report of the same date are removed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite } from '../util/atomic-write.ts';
import { MiaError } from '../util/errors.ts';
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
 * A report never silently replaces an earlier one: a markdown of the same name (same last trade date) in the
 * folder stops the run before anything is written, unless the caller passes --force.
 */
export function refuseOverwrite(outDir: string, r: RenderedReport): void {
  const p = join(outDir, r.name);
  if (existsSync(p)) throw new MiaError(`${p}: a report for this date already exists; pass --force to replace it, or --out another folder`);
}
