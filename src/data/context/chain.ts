// Option-chain snapshots: the shared split format (one option per row) plus index.csv for as-of session and spot.
import { existsSync, statSync, realpathSync } from 'node:fs';
import { join, dirname, basename, relative, isAbsolute } from 'node:path';
import type { OptionChain } from '../types.ts';
import { InputError, MiaError } from '../../util/errors.ts';
import { parseDay } from './daily-csv.ts';
import { readInput } from '../../util/read-input.ts';

export interface ChainSnapshot {
  id: string;
  file: string;
  /** 'eod' or 'intraday' */
  kind: string;
  chain: OptionChain;
}

const CHAIN_COLUMNS = ['expiration', 'root', 'strike', 'right', 'bid', 'ask', 'last', 'volume', 'open_interest', 'iv', 'delta', 'gamma'];

export function readChainCsv(file: string, asofSession: number, underlying: number): OptionChain {
  const text = readInput(file).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  const header = lines[0]!.replace(/\r$/, '').split(',').map((s) => s.trim().toLowerCase());
  for (const h of header) if (!CHAIN_COLUMNS.includes(h)) throw new InputError(file, 1, h, `unknown column (expected ${CHAIN_COLUMNS.join(',')})`);
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new InputError(file, 1, name, 'required column missing');
    return k;
  };
  const [cE, cR, cK, cRt, cB, cA, cV, cOI, cIV, cD, cG] = ['expiration', 'root', 'strike', 'right', 'bid', 'ask', 'volume', 'open_interest', 'iv', 'delta', 'gamma'].map(col) as number[];
  const last = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
  const n = last - 1;
  const c: OptionChain = {
    n,
    asofSession,
    underlying,
    expiration: new Int32Array(n),
    strike: new Float64Array(n),
    right: new Int8Array(n),
    openInterest: new Float64Array(n),
    volume: new Float64Array(n),
    iv: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    bid: new Float64Array(n),
    ask: new Float64Array(n),
    amSettled: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const lineNo = i + 2;
    const f = lines[i + 1]!.replace(/\r$/, '').split(',');
    if (f.length !== header.length) throw new InputError(file, lineNo, 'row', `expected ${header.length} fields, got ${f.length}`);
    const exp = parseDay(f[cE!]!.trim());
    if (exp === null) throw new InputError(file, lineNo, 'expiration', `not a date: '${f[cE!]}'`);
    c.expiration[i] = exp;
    const right = f[cRt!]!.trim().toUpperCase();
    if (right !== 'C' && right !== 'P') throw new InputError(file, lineNo, 'right', `expected C or P, got '${right}'`);
    c.right[i] = right === 'C' ? 1 : -1;
    // SPX (not SPXW) = AM-settled monthly
    c.amSettled![i] = f[cR!]!.trim() === 'SPX' ? 1 : 0;
    const num = (k: number, name: string, optional: boolean, lo: number, hi: number): number => {
      const raw = f[k]!.trim();
      if (raw === '' && optional) return NaN;
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v)) throw new InputError(file, lineNo, name, `${Number.isNaN(v) || raw === '' ? 'not a number' : 'not a finite number'}: '${raw.slice(0, 40)}'`);
      if (v < lo || v > hi) throw new InputError(file, lineNo, name, `value ${v} is outside the plausible range ${lo}..${hi}`);
      return v;
    };
    // plausible ranges bound every product in the levels (net GEX = Σ gamma · OI · 100 · S² · 1%): never infinite
    c.strike[i] = num(cK!, 'strike', false, 1e-9, 1e6);
    c.bid[i] = num(cB!, 'bid', true, 0, 1e6);
    c.ask[i] = num(cA!, 'ask', true, 0, 1e6);
    c.volume[i] = num(cV!, 'volume', false, 0, 1e9);
    c.openInterest[i] = num(cOI!, 'open_interest', false, 0, 1e9);
    c.iv[i] = num(cIV!, 'iv', true, 0, 100);
    c.delta[i] = num(cD!, 'delta', true, -1, 1);
    c.gamma[i] = num(cG!, 'gamma', true, -10, 10);
  }
  return c;
}

interface IndexRow {
  id: string;
  file: string;
  asof: number;
  kind: string;
  underlying: number;
}

function readIndex(path: string): IndexRow[] {
  const lines = readInput(path).toString('utf8').replace(/^\uFEFF/, '').split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new InputError(path, 1, 'header', 'empty file');
  const header = splitCsvLine(lines[0]!);
  const k = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(path, 1, name, 'required column missing');
    return i;
  };
  const [cId, cFile, cAsof, cKind, cU] = ['snapshot_id', 'file', 'asof_session', 'kind', 'underlying_last'].map(k) as number[];
  return lines.slice(1).map((l, i) => {
    const f = splitCsvLine(l);
    const asof = parseDay(f[cAsof!] ?? '');
    if (asof === null) throw new InputError(path, i + 2, 'asof_session', `not a date: '${f[cAsof!]}'`);
    const u = Number(f[cU!]);
    if (!(u > 0 && u <= 1e6)) throw new InputError(path, i + 2, 'underlying_last', `not a plausible price: '${(f[cU!] ?? '').slice(0, 40)}'`);
    const file = (f[cFile!] ?? '').trim();
    if (file === '') throw new InputError(path, i + 2, 'file', 'missing value');
    // an index names files beside it: never a path that leaves its folder (`../../etc/passwd`, an absolute path)
    if (isAbsolute(file) || join('.', file).split(/[\\/]/)[0] === '..' || file.includes('\0')) {
      throw new InputError(path, i + 2, 'file', `'${file.slice(0, 80)}' is outside the index's folder`);
    }
    return { id: f[cId!] ?? '', file, asof, kind: f[cKind!] ?? '', underlying: u };
  });
}

/** Minimal CSV line split honouring double quotes (index.csv quotes its notes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else if (ch !== '\r') cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Snapshots from directories (all rows of their index.csv) and/or chain files (looked up in the index.csv
 * beside them for as-of session, kind and spot).
 */
export function readChains(paths: string[]): ChainSnapshot[] {
  const out: ChainSnapshot[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new MiaError(`${p}: no such file or directory`);
    const isDir = statSync(p).isDirectory();
    const dir = isDir ? p : dirname(p);
    const indexPath = join(dir, 'index.csv');
    if (!existsSync(indexPath)) throw new MiaError(`${p}: option chains need an index.csv (snapshot_id,file,asof_session,kind,underlying_last,...) in ${dir}; see docs/data.md`);
    const rows = readIndex(indexPath);
    const wanted = isDir ? rows : rows.filter((r) => r.file === basename(p));
    if (!isDir && wanted.length === 0) throw new MiaError(`${p}: not listed in ${indexPath}`);
    for (const r of wanted) {
      const file = join(dir, r.file);
      // and not through a link either: the resolved file must still be inside the resolved folder
      if (existsSync(file)) {
        const rel = relative(realpathSync(dir), realpathSync(file));
        if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new MiaError(`${indexPath}: '${r.file}' resolves outside ${dir}`);
      }
      out.push({ id: r.id, file, kind: r.kind, chain: readChainCsv(file, r.asof, r.underlying) });
    }
  }
  return out;
}
