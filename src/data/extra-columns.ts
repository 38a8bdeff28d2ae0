// Optional per-bar inputs of the original engine (`--engine original`, docs/engine.md), read from extra columns
// of a generic CSV, Arrow or Parquet bar file. The importer ignores these names (isExtraColumn); this module reads them again,
// keyed by bar start, so slicing or re-sorting the bars never misaligns them. An empty cell is NaN (absent).
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError, MiaError } from '../util/errors.ts';
import type { IpcTable } from './arrow-ipc.ts';
import { timeColumn, timeMs } from './import/columnar.ts';

/** Column groups: a `has_<group>` column equal to 0 marks the whole group absent on that bar. */
export const EXTRA_GROUPS = {
  orderflow: ['aggressive_buys', 'aggressive_sells', 'net_delta', 'cumulative_delta'],
  options: ['call_wall', 'put_wall', 'vol_trigger', 'net_gamma', 'gamma_flip', 'call_volume', 'put_volume', 'put_call_ratio'],
  structure: ['vwap_price', 'vwap_sd1_up', 'vwap_sd1_down', 'vwap_slope'],
  sierra: ['battle_navale_signal', 'base_quality', 'trend_continuation', 'battle_strength'],
  book: [1, 2, 3, 4, 5].flatMap((k) => [`bid_px${k}`, `bid_sz${k}`, `ask_px${k}`, `ask_sz${k}`]),
} as const;
export type ExtraGroup = keyof typeof EXTRA_GROUPS;

export const EXTRA_COLUMN_NAMES: readonly string[] = [
  ...Object.values(EXTRA_GROUPS).flat(),
  'volume_imbalance_signal',
  ...Object.keys(EXTRA_GROUPS).map((g) => `has_${g}`),
];
const EXTRA_SET = new Set(EXTRA_COLUMN_NAMES);

/** True for a header name the importer must leave to this module. */
export function isExtraColumn(name: string): boolean {
  return EXTRA_SET.has(name.toLowerCase());
}

/** Extra columns of one file: row r of every column belongs to the bar starting at `ts[r]` (epoch ms). */
export interface ExtraColumns {
  /** bar start (epoch ms) -> row */
  rowOf: Map<number, number>;
  /** only the columns the file has; NaN = empty cell */
  cols: Partial<Record<string, Float64Array>>;
  /** the file's name, for the manifest */
  file: string;
}

/** ISO-8601 with Z or an offset, or epoch seconds / milliseconds (the generic format's ts). */
function parseTs(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) {
    const x = Number(s);
    return x < 1e11 ? x * 1000 : x;
  }
  if (!/(Z|[+-]\d\d:\d\d)$/.test(s)) return NaN;
  return Date.parse(s);
}

/**
 * Reads the extra columns of a CSV bar file, or returns null when it has none. Throws InputError
 * (file:line: field: what) on a non-numeric cell or a has_ flag other than 0/1.
 */
export function readExtraColumnsCsv(path: string, given?: string): ExtraColumns | null {
  const first = given ?? firstLine(path);
  const nl = first.indexOf('\n');
  const header = (nl < 0 ? first : first.slice(0, nl)).replace(/^\uFEFF/, '').replace(/\r$/, '');
  const sep = header.includes(';') && !header.includes(',') ? ';' : ',';
  const names = header.split(sep).map((x) => x.trim().toLowerCase());
  const want = names.map((nm, k) => (EXTRA_SET.has(nm) ? k : -1)).filter((k) => k >= 0);
  // most bar files have none: only the header line is split
  if (want.length === 0) return null;
  const text = given ?? readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  const cTs = names.findIndex((nm) => nm === 'ts' || nm === 'ts_utc');
  if (cTs < 0) throw new InputError(path, 1, 'ts', 'extra engine columns need a generic ts column (ISO-8601 with Z/offset, or epoch)');
  const rows = lines.length - 1;
  const cols: Partial<Record<string, Float64Array>> = {};
  for (const k of want) cols[names[k]!] = new Float64Array(rows).fill(NaN);
  const rowOf = new Map<number, number>();
  let r = 0;
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '') continue;
    const f = line.split(sep);
    const t = parseTs((f[cTs] ?? '').trim());
    if (!Number.isFinite(t)) continue; // the importer reports bad timestamps
    for (const k of want) {
      const cell = (f[k] ?? '').trim();
      if (cell === '') continue;
      const x = Number(cell);
      const nm = names[k]!;
      if (!Number.isFinite(x)) throw new InputError(path, li + 1, nm, `'${cell}' is not a number`);
      if (nm.startsWith('has_') && x !== 0 && x !== 1) throw new InputError(path, li + 1, nm, `must be 0 or 1, got ${cell}`);
      cols[nm]![r] = x;
    }
    rowOf.set(t, r);
    r++;
  }
  return { rowOf, cols, file: path };
}

/**
 * The file's text up to its first newline (all of it when there is none). Most bar files have no extra column,
 * and `mia data import` reads each one already: only the header is read here, not the whole file again as a
 * string (that cost ~50 ms of CPU per 30 MB import).
 */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const parts: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      const nl = chunk.subarray(0, got).indexOf(10);
      parts.push(Buffer.from(chunk.subarray(0, nl < 0 ? got : nl + 1)));
      if (nl >= 0) break;
    }
    return Buffer.concat(parts).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The extra columns of a bar table read from Arrow or Parquet (any numeric type; nulls are absent), or null when
 * it has none. Rows are keyed by their bar start, like the CSV's.
 */
export function readExtraColumnsTable(table: IpcTable, path: string): ExtraColumns | null {
  const cols: Partial<Record<string, Float64Array>> = {};
  let any = false;
  for (const [name, c] of table.columns) {
    const nm = name.toLowerCase();
    if (!EXTRA_SET.has(nm)) continue;
    if (!c.num) throw new MiaError(`${path}: column '${name}' has type ${c.type}, expected numbers`);
    cols[nm] = c.num;
    any = true;
  }
  if (!any) return null;
  const { col, scale } = timeColumn(table, path);
  const rowOf = new Map<number, number>();
  for (let i = 0; i < table.numRows; i++) rowOf.set(timeMs(col.num![i]!, scale), i);
  return { rowOf, cols, file: path };
}

/** The extra columns aligned to `ts` (NaN where a bar has no row), e.g. to write them into an Arrow bar table. */
export function alignedExtraColumns(extra: ExtraColumns, ts: Float64Array): { name: string; data: Float64Array }[] {
  return Object.entries(extra.cols).map(([name, col]) => {
    const data = new Float64Array(ts.length).fill(NaN);
    for (let i = 0; i < ts.length; i++) {
      const r = extra.rowOf.get(ts[i]!);
      if (r !== undefined) data[i] = col![r]!;
    }
    return { name, data };
  });
}

/** The extra columns of several CSV files merged by bar start (a later file's row wins), or null when none has any. */
export function readExtraColumnsFiles(paths: string[], tables: (IpcTable | null)[] = []): ExtraColumns | null {
  const parts = paths.map((p, i) => (tables[i] ? readExtraColumnsTable(tables[i]!, p) : readExtraColumnsCsv(p))).filter((e): e is ExtraColumns => e !== null);
  if (parts.length <= 1) return parts[0] ?? null;
  const names = [...new Set(parts.flatMap((e) => Object.keys(e.cols)))];
  const keys = [...new Set(parts.flatMap((e) => [...e.rowOf.keys()]))];
  const rowOf = new Map(keys.map((t, r) => [t, r]));
  const cols: Partial<Record<string, Float64Array>> = {};
  for (const nm of names) cols[nm] = new Float64Array(keys.length).fill(NaN);
  for (const e of parts) {
    for (const [t, r] of e.rowOf) {
      const to = rowOf.get(t)!;
      for (const nm of names) {
        const src = e.cols[nm];
        if (src !== undefined) cols[nm]![to] = src[r]!;
      }
    }
  }
  return { rowOf, cols, file: paths.join(', ') };
}
