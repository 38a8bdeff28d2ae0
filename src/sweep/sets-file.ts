// `--sets FILE`: threshold sets from CSV (header premium,strong,good,weak, any column order) or JSON
// (an array of {premium,strong,good,weak} objects or [p,s,g,w] arrays). Every row must be a valid,
// ordered, distinct set: a bad row is an error naming its line, never silently skipped.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError, MiaError } from '../util/errors.ts';
import type { Thresholds } from '../engine/types.ts';
import { TIER_KEYS, isOrdered, packSets, setKey, type ThresholdSets } from './grid.ts';

const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function loadSetsFile(path: string): ThresholdSets {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MiaError(`--sets ${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const ext = extname(path).toLowerCase();
  const rows = ext === '.json' ? parseJson(path, text) : parseCsv(path, text);
  if (rows.length === 0) throw new MiaError(`--sets ${path}: no threshold sets in the file`);
  const seen = new Map<string, number>();
  for (const { t, line } of rows) {
    for (const k of TIER_KEYS) {
      if (!Number.isFinite(t[k])) throw new InputError(path, line, k, `not a number`);
      if (t[k] < 0 || t[k] > 1) throw new InputError(path, line, k, `threshold ${t[k]} is outside [0, 1]`);
    }
    if (!isOrdered(t)) throw new InputError(path, line, 'set', `${setKey(t)} is not ordered (PREMIUM > STRONG > GOOD > WEAK)`);
    const key = setKey(t);
    const prev = seen.get(key);
    if (prev !== undefined) throw new InputError(path, line, 'set', `${key} repeats line ${prev}`);
    seen.set(key, line);
  }
  return packSets(rows.map((r) => r.t));
}

function parseCsv(path: string, text: string): { t: Thresholds; line: number }[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new MiaError(`--sets ${path}: empty file`);
  const header = (lines[headerAt] as string).split(',').map((h) => h.trim().toLowerCase());
  const col = TIER_KEYS.map((k) => header.indexOf(k));
  TIER_KEYS.forEach((k, i) => {
    if ((col[i] as number) < 0) throw new InputError(path, headerAt + 1, k, `missing column (header must name premium,strong,good,weak)`);
  });
  const out: { t: Thresholds; line: number }[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw new InputError(path, i + 1, 'row', `${cells.length} fields, header has ${header.length}`);
    const t = {} as Thresholds;
    TIER_KEYS.forEach((k, j) => {
      const c = cells[col[j] as number] as string;
      if (!NUM.test(c)) throw new InputError(path, i + 1, k, `'${c}' is not a number`);
      t[k] = Number(c);
    });
    out.push({ t, line: i + 1 });
  }
  return out;
}

function parseJson(path: string, text: string): { t: Thresholds; line: number }[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MiaError(`--sets ${path}: invalid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(doc)) throw new MiaError(`--sets ${path}: expected a JSON array of threshold sets`);
  // JSON has no line numbers per element once parsed: report the 1-based element index as the "line"
  return doc.map((el: unknown, i) => {
    const t = {} as Thresholds;
    if (Array.isArray(el)) {
      if (el.length !== 4) throw new InputError(path, i + 1, 'set', `expected [premium, strong, good, weak], got ${el.length} values`);
      TIER_KEYS.forEach((k, j) => (t[k] = numberOf(path, i + 1, k, el[j])));
    } else if (el !== null && typeof el === 'object') {
      const o = el as Record<string, unknown>;
      TIER_KEYS.forEach((k) => (t[k] = numberOf(path, i + 1, k, o[k])));
    } else {
      throw new InputError(path, i + 1, 'set', `expected an object or an array`);
    }
    return { t, line: i + 1 };
  });
}

function numberOf(path: string, line: number, field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(path, line, field, `expected a number, got ${JSON.stringify(v)}`);
  return v;
}
