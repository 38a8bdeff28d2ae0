// Writes a rendered report: charts first, the markdown last (atomically), so a report never points at a
// chart that is not there; stale charts of an earlier run with the same date are removed.
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
