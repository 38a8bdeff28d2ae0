// The one entry point for reading data. Every bar file — CSV of any dialect, Arrow from any writer, Parquet — goes
// through the importer's value checks (a stored table is never trusted); contexts are read with bounded checks.
import { extname } from 'node:path';
import { displayPath } from '../util/display-path.ts';
import type { Bars, DailyContext, SourceInfo } from './types.ts';
import { MiaError } from '../util/errors.ts';
import { sha256 } from '../util/hash.ts';
import { contextFromIPC } from './context-arrow.ts';
import { importFiles } from './import/import.ts';
import { skippedWhere } from './import/common.ts';
import { readInput } from '../util/read-input.ts';
import { readExtraColumnsCsv, readExtraColumnsTable } from './extra-columns.ts';

export function isArrowPath(path: string): boolean {
  const e = extname(path).toLowerCase();
  return e === '.arrow' || e === '.feather' || e === '.ipc' || e === '.arrows';
}

export function loadBars(path: string, opts: { tz?: string; skipBadRows?: boolean; allowOffCalendar?: boolean } = {}): { bars: Bars; source: SourceInfo } {
  const r = importFiles([path], {
    ...(opts.tz !== undefined ? { tz: opts.tz } : {}),
    ...(opts.skipBadRows ? { skipBadRows: true } : {}),
    ...(opts.allowOffCalendar ? { allowOffCalendar: true } : {}),
  });
  for (const s of r.skipped) process.stderr.write(`mia: skipped ${skippedWhere(s)}: ${s.field}: ${s.message}\n`);
  for (const w of r.warnings) process.stderr.write(`mia: warning: ${path}: ${w}\n`);
  if (r.bars.n === 0) throw new MiaError(`${path}: no bars`);
  // extra engine inputs (--engine original): from the columnar table already read, or the CSV's header
  const table = r.tables[0];
  const extra = table ? readExtraColumnsTable(table, path) : readExtraColumnsCsv(path);
  if (extra) r.bars.extra = extra;
  return { bars: r.bars, source: r.sources[0]! };
}

export function loadContext(path: string): { context: DailyContext; source: SourceInfo } {
  if (!isArrowPath(path)) throw new MiaError(`${path}: a context must be an Arrow file built by 'mia data context'`);
  const buf = readInput(path);
  const { context } = contextFromIPC(buf, path);
  return { context, source: { path: displayPath(path), sha256: sha256(buf), rows: context.n } };
}
