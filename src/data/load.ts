// The one entry point for reading data: Arrow files zero-copy, any other file imported in memory with full validation.
import { extname } from 'node:path';
import { displayPath } from '../util/display-path.ts';
import type { Bars, DailyContext, SourceInfo } from './types.ts';
import { MiaError } from '../util/errors.ts';
import { sha256 } from '../util/hash.ts';
import { BARS_SCHEMA, barsFromIPC } from './bars-arrow.ts';
import { contextFromIPC } from './context-arrow.ts';
import { importFiles } from './import/import.ts';
import { readInput } from '../util/read-input.ts';
import { readExtraColumnsArrow, readExtraColumnsCsv } from './extra-columns.ts';
import { readMiaTable } from './arrow-util.ts';

export function isArrowPath(path: string): boolean {
  const e = extname(path).toLowerCase();
  return e === '.arrow' || e === '.feather' || e === '.ipc';
}

export function loadBars(path: string, opts: { tz?: string; skipBadRows?: boolean } = {}): { bars: Bars; source: SourceInfo } {
  if (isArrowPath(path)) {
    const buf = readInput(path);
    const { bars } = barsFromIPC(buf, path);
    if (bars.n === 0) throw new MiaError(`${path}: no bars`);
    const extra = readExtraColumnsArrow(readMiaTable(buf, path, BARS_SCHEMA, 'bar'), bars.ts, path);
    if (extra) bars.extra = extra;
    return { bars, source: { path: displayPath(path), sha256: sha256(buf), rows: bars.n } };
  }
  const r = importFiles([path], { ...(opts.tz !== undefined ? { tz: opts.tz } : {}), ...(opts.skipBadRows ? { skipBadRows: true } : {}) });
  for (const s of r.skipped) process.stderr.write(`mia: skipped ${s.file}:${s.line}: ${s.field}: ${s.message}\n`);
  const extra = readExtraColumnsCsv(path);
  if (extra) r.bars.extra = extra;
  return { bars: r.bars, source: r.sources[0]! };
}

export function loadContext(path: string): { context: DailyContext; source: SourceInfo } {
  if (!isArrowPath(path)) throw new MiaError(`${path}: a context must be an Arrow file built by 'mia data context'`);
  const buf = readInput(path);
  const { context } = contextFromIPC(buf, path);
  return { context, source: { path: displayPath(path), sha256: sha256(buf), rows: context.n } };
}
