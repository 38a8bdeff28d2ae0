// Readers for the small daily CSVs (VIX, SqueezeMetrics DIX/GEX, Cboe put/call): a few thousand rows, so plain
// string splitting; strict about columns, dates and numbers like the bar importer.
import { InputError } from '../../util/errors.ts';
import { readInput } from '../../util/read-input.ts';

export interface DailySeries {
  file: string;
  date: number[];
  cols: Record<string, number[]>;
}

/**
 * Read a daily CSV. `spec` maps each wanted output column to the header names accepted for it; every header
 * column must be known (`spec` or `ignore`). Dates: YYYY-MM-DD or MM/DD/YYYY. Empty field = NaN.
 */
export function readDaily(file: string, spec: Record<string, string[]>, ignore: string[] = [], bounds: Record<string, [number, number]> = {}): DailySeries {
  // a UTF-8 byte order mark (Excel's "CSV UTF-8") is not part of the first column's name
  const text = readInput(file).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  const header = lines[0]!.replace(/^\uFEFF/, '').replace(/\r$/, '').split(',').map((h) => h.trim().toLowerCase());
  const dateCol = header.indexOf('date');
  if (dateCol < 0) throw new InputError(file, 1, 'date', 'required column missing');
  const colOf: Record<string, number> = {};
  for (let k = 0; k < header.length; k++) {
    const h = header[k]!;
    if (k === dateCol || ignore.includes(h)) continue;
    const out = Object.keys(spec).find((o) => spec[o]!.includes(h));
    if (out === undefined) throw new InputError(file, 1, h, `unknown column (expected date, ${Object.values(spec).flat().join(', ')})`);
    colOf[out] = k;
  }
  for (const o of Object.keys(spec)) if (colOf[o] === undefined) throw new InputError(file, 1, spec[o]![0]!, 'required column missing');
  const date: number[] = [];
  const cols: Record<string, number[]> = Object.fromEntries(Object.keys(spec).map((o) => [o, [] as number[]]));
  const last = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
  for (let i = 1; i < last; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const f = line.split(',');
    if (f.length !== header.length) {
      throw new InputError(file, i + 1, 'row', i === last - 1 && !text.endsWith('\n') ? `truncated last line: expected ${header.length} fields, got ${f.length}` : `expected ${header.length} fields, got ${f.length}`);
    }
    const d = parseDay(f[dateCol]!.trim());
    if (d === null) throw new InputError(file, i + 1, 'date', `not a date: '${f[dateCol]}'`);
    if (date.length && d <= date[date.length - 1]!) throw new InputError(file, i + 1, 'date', `dates must increase (${d} after ${date[date.length - 1]})`);
    date.push(d);
    for (const o of Object.keys(spec)) {
      const raw = f[colOf[o]!]!.trim();
      const v = raw === '' ? NaN : Number(raw);
      if (raw !== '' && !Number.isFinite(v)) throw new InputError(file, i + 1, header[colOf[o]!]!, `${Number.isNaN(v) || raw === '' ? 'not a number' : 'not a finite number'}: '${raw.slice(0, 40)}'`);
      const b = bounds[o] ?? [-1e15, 1e15];
      if (v < b[0] || v > b[1]) throw new InputError(file, i + 1, header[colOf[o]!]!, `value ${v} is outside the plausible range ${b[0]}..${b[1]}`);
      cols[o]!.push(v);
    }
  }
  return { file, date, cols };
}

/** yyyymmdd from YYYY-MM-DD or MM/DD/YYYY, or null. */
export function parseDay(s: string): number | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (!m) return null;
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  // the years mia's calendar covers: a date in 9999 is a typo, and would stretch every calendar walk
  if (y < 1980 || y > 2099) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return y * 10000 + mo * 100 + d;
}
