// Columnar bar files — Arrow IPC (mia's own or any other writer's: polars, arquero, pyarrow) and Parquet — into
// the same row store as the CSV dialects, so they pass the same value checks. Nothing in them is trusted: mia's
// derived columns (trade_date, rth, roll_week, flags) are recomputed from `ts` and only compared with the stored ones.
import { extname } from 'node:path';
import { MiaError } from '../../util/errors.ts';
import { readArrowIPC, strAt, type IpcColumn, type IpcTable } from '../arrow-ipc.ts';
import { isParquetBytes, readParquet } from '../parquet-read.ts';
import { parseContract, DAY_MS } from '../calendar.ts';
import type { Rows } from './rows.ts';
import type { Ctx } from './common.ts';
import { rowOk, rowValid } from './row-checks.ts';
import { HEADER_ALIASES, type Role } from './header-csv.ts';

const COLUMNAR_EXT = new Set(['.arrow', '.feather', '.ipc', '.arrows', '.parquet', '.pq']);

/** A columnar file, by its extension or its first bytes (Arrow file magic, Arrow stream continuation, Parquet magic). */
export function isColumnar(file: string, buf: Uint8Array): boolean {
  if (COLUMNAR_EXT.has(extname(file).toLowerCase())) return true;
  if (isParquetBytes(buf)) return true;
  const arrowFile = buf.length >= 6 && buf[0] === 65 && buf[1] === 82 && buf[2] === 82 && buf[3] === 79 && buf[4] === 87 && buf[5] === 49;
  const stream = buf.length >= 8 && buf[0] === 255 && buf[1] === 255 && buf[2] === 255 && buf[3] === 255;
  return arrowFile || stream;
}

export function readColumnarTable(file: string, buf: Uint8Array): { table: IpcTable; format: string } {
  if (isParquetBytes(buf)) return { table: readParquet(buf, file), format: 'parquet' };
  // shared views: the importer only reads the columns (every kept value is copied into its rows)
  return { table: readArrowIPC(buf, file, true), format: 'arrow' };
}

/** The stored derived columns of a mia table, to compare with the recomputed ones. */
export interface StoredDerived {
  tradeDate?: Float64Array;
  rth?: Float64Array;
  rollWeek?: Float64Array;
  flags?: Float64Array;
}

export interface ColumnarMeta {
  /** bar length from mia's metadata (validated), if any */
  barMs?: number;
  symbol?: string;
  /** written by an import with --allow-off-calendar */
  offCalendar: boolean;
  stored: StoredDerived;
}

/** Validated bar_ms from table metadata: a whole number of seconds between 1 s and 1 day (else a named error). */
export function metaBarMs(v: string | undefined, file: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = Number(v);
  if (!(Number.isInteger(ms) && ms >= 1000 && ms <= DAY_MS && ms % 1000 === 0)) throw new MiaError(`${file}: schema metadata bar_ms '${v.slice(0, 40)}' is not a bar length (whole seconds, 1 s to 1 day)`);
  return ms;
}

export function parseColumnar(
  file: string, fi: number, table: IpcTable, rows: Rows, ctx: Ctx, fileCid: number, intern: (c: string) => number, symbols: Set<string>,
): ColumnarMeta {
  const byRole = new Map<Role, IpcColumn>();
  for (const [name, c] of table.columns) {
    const role = HEADER_ALIASES[name.toLowerCase()];
    if (role !== undefined && role !== 'ignore' && !byRole.has(role)) byRole.set(role, c);
  }
  const need = (r: Role, label: string): IpcColumn => {
    const c = byRole.get(r);
    if (!c || !c.num) throw new MiaError(`${file}: column '${label}' ${c ? `has type ${c.type}, expected numbers` : 'missing'} (columns: ${[...table.columns.keys()].join(', ')})`);
    return c;
  };
  const { col: tsCol, scale } = timeColumn(table, file);
  const [o, h, l, c, v] = (['open', 'high', 'low', 'close', 'volume'] as Role[]).map((r) => need(r, r).num!) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const bid = byRole.get('bid')?.num;
  const ask = byRole.get('ask')?.num;
  const tr = byRole.get('trades')?.num;
  const contract = byRole.get('contract');
  const symbol = byRole.get('symbol');
  const names = ['ts', 'open', 'high', 'low', 'close', 'volume', 'bid_volume', 'ask_volume', 'trades'];
  const n = table.numRows;
  rows.ensure(n);
  const tsNum = tsCol.num!;
  const cache = new Map<string, number>();
  const dictCid = new Int32Array(contract?.dict?.length ?? 0).fill(-2);
  const run: FastRun = { fi, ts: tsNum, scale, o, h, l, c, v, bid, ask, tr, contract: contract !== undefined, codes: contract?.codes, dictCid, fileCid, symbol: symbol !== undefined, symbolCodes: symbol?.codes };
  const start = rows.n;
  // every row the fast path cannot take (a failure to name, a contract or symbol not yet seen) goes through the
  // careful path below, one row at a time; the fast path leaves the value columns to placeValues
  for (let i = fastRows(run, rows, 0, n); i < n; i = fastRows(run, rows, i + 1, n)) carefulRow(i);
  placeValues(run, rows, start, n);
  function carefulRow(i: number): void {
    const line = i + 1;
    const raw = tsNum[i]!;
    const t = timeMs(raw, scale);
    if (!Number.isFinite(t)) {
      ctx.fail(file, line, tsCol.name, Number.isNaN(raw) ? 'missing value' : `not a time: ${raw}`);
      return;
    }
    const bv = bid ? bid[i]! : NaN;
    const av = ask ? ask[i]! : NaN;
    const trv = tr ? tr[i]! : NaN;
    const oo = o[i]!;
    const hh = h[i]!;
    const ll = l[i]!;
    const cc = c[i]!;
    const vv = v[i]!;
    // NaN is a missing value (a null); the hot loop allocates nothing
    if (oo !== oo || hh !== hh || ll !== ll || cc !== cc || vv !== vv || (bid && ask && (bv !== bv) !== (av !== av))) {
      const k = [oo, hh, ll, cc, vv].findIndex((x) => x !== x);
      ctx.fail(file, line, k >= 0 ? names[k + 1]! : 'bid_volume', 'missing value');
      return;
    }
    if (!rowOk(ctx, file, line, names, 2, 3, 5, 6, 7, 8, oo, hh, ll, cc, vv, bv, av, trv)) return;
    let cid = fileCid;
    if (contract) {
      // dictionary-encoded: one lookup per dictionary entry, not per row
      const k = contract.codes ? contract.codes[i]! : -1;
      let id = k >= 0 ? dictCid[k]! : -2;
      if (id === -2) {
        const code = strAt(contract, i);
        id = cache.get(code) ?? -2;
        if (id === -2) {
          id = parseContract(code) ? intern(code) : -1;
          cache.set(code, id);
        }
        if (k >= 0) dictCid[k] = id;
      }
      if (id < 0) {
        ctx.fail(file, line, contract.name, `not a futures contract code (e.g. ESU24): '${strAt(contract, i).slice(0, 40)}'`);
        return;
      }
      cid = id;
    }
    if (symbol && (i === 0 || !symbol.codes || symbol.codes[i] !== symbol.codes[i - 1])) symbols.add(strAt(symbol, i));
    rows.push(t, oo, hh, ll, cc, vv, bv, av, trv, cid, fi, line);
  }
  const num = (name: string): Float64Array | undefined => table.columns.get(name)?.num;
  const meta: ColumnarMeta = { stored: {}, offCalendar: table.metadata.get('off_calendar') === 'allowed' };
  const bm = metaBarMs(table.metadata.get('bar_ms'), file);
  if (bm !== undefined) meta.barMs = bm;
  const sym = table.metadata.get('symbol');
  if (sym !== undefined) meta.symbol = sym;
  const stored: StoredDerived = {};
  for (const [k, name] of [['tradeDate', 'trade_date'], ['rth', 'rth'], ['rollWeek', 'roll_week'], ['flags', 'flags']] as const) {
    const col = num(name);
    if (col) stored[k] = col;
  }
  meta.stored = stored;
  return meta;
}

/** The columns parseColumnar's fast path reads (absent optional columns are undefined). */
interface FastRun {
  fi: number;
  ts: Float64Array;
  scale: number;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
  bid: Float64Array | undefined;
  ask: Float64Array | undefined;
  tr: Float64Array | undefined;
  contract: boolean;
  /** dictionary codes of the contract column (a plain string column always takes the careful path) */
  codes: Float64Array | undefined;
  /** contract id per dictionary entry once the careful path has resolved it (-2 = not yet, -1 = invalid) */
  dictCid: Int32Array;
  fileCid: number;
  symbol: boolean;
  symbolCodes: Float64Array | undefined;
}

/**
 * Stores rows from..n-1 in the row store (time, contract, file, line: the values come from placeValues) while each
 * passes every check the careful path makes with nothing to report or record (a finite time, no missing value,
 * rowValid, a contract already resolved, the symbol of the row before); returns the first row that needs the
 * careful path (n when none). A small function of typed arrays, so V8 optimises its loop early; the careful path
 * decides the same for these rows, with several times the work.
 */
function fastRows(r: FastRun, rows: Rows, from: number, n: number): number {
  const { ts, scale, o, h, l, c, v, bid, ask, tr, codes, dictCid, fileCid, symbolCodes, fi } = r;
  const pairedFlow = bid !== undefined && ask !== undefined;
  if (r.contract && codes === undefined) return from;
  if (r.symbol && symbolCodes === undefined) return from;
  const { ts: rts, cid: rc, file, line, rollDecl } = rows;
  let m = rows.n;
  let i = from;
  for (; i < n; i++) {
    const t = timeMs(ts[i]!, scale);
    if (!(t - t === 0)) break; // NaN or ±Infinity
    const bv = bid ? bid[i]! : NaN;
    const av = ask ? ask[i]! : NaN;
    const trv = tr ? tr[i]! : NaN;
    const oo = o[i]!;
    const hh = h[i]!;
    const ll = l[i]!;
    const cc = c[i]!;
    const vv = v[i]!;
    if (oo !== oo || hh !== hh || ll !== ll || cc !== cc || vv !== vv || (pairedFlow && (bv !== bv) !== (av !== av))) break;
    if (!rowValid(oo, hh, ll, cc, vv, bv, av, trv)) break;
    let cid = fileCid;
    if (codes !== undefined) {
      const k = codes[i]!;
      if (!(k >= 0)) break;
      cid = dictCid[k]!;
      if (cid < 0) break;
    }
    if (symbolCodes !== undefined && (i === 0 || symbolCodes[i] !== symbolCodes[i - 1])) break;
    rts[m] = t;
    rc[m] = cid;
    file[m] = fi;
    line[m] = i + 1;
    rollDecl[m] = -1;
    m++;
  }
  rows.n = m;
  return i;
}

/**
 * The value columns of this file's kept rows (rows start..rows.n; row j came from row line[j] - 1). When the file is
 * the whole table and every row was kept, the row store takes the file's columns themselves (the 5-year table's
 * nine 2.7 MB columns are not copied; nothing writes to them); else each kept row's values are copied.
 */
function placeValues(r: FastRun, rows: Rows, start: number, n: number): void {
  const { o, h, l, c, v, bid, ask, tr } = r;
  if (start === 0 && rows.n === n && rows.ts.length === n) {
    rows.open = o;
    rows.high = h;
    rows.low = l;
    rows.close = c;
    rows.volume = v;
    // an absent column is NaN for every row, as the careful path stores it
    rows.bid = bid ?? rows.bid.fill(NaN);
    rows.ask = ask ?? rows.ask.fill(NaN);
    rows.trades = tr ?? rows.trades.fill(NaN);
    return;
  }
  const { open, high, low, close, volume, bid: rb, ask: ra, trades, line } = rows;
  for (let j = start; j < rows.n; j++) {
    const i = line[j]! - 1;
    open[j] = o[i]!;
    high[j] = h[i]!;
    low[j] = l[i]!;
    close[j] = c[i]!;
    volume[j] = v[i]!;
    rb[j] = bid ? bid[i]! : NaN;
    ra[j] = ask ? ask[i]! : NaN;
    trades[j] = tr ? tr[i]! : NaN;
  }
}

/** The table's time column (ts, else time_unix) and its scale to ms (0: a plain number, epoch seconds or ms). */
export function timeColumn(table: IpcTable, file: string): { col: IpcColumn; scale: number } {
  let ts: IpcColumn | undefined;
  let unix: IpcColumn | undefined;
  for (const [name, c] of table.columns) {
    const role = HEADER_ALIASES[name.toLowerCase()];
    if (role === 'ts') ts ??= c;
    else if (role === 'unix') unix ??= c;
  }
  const col = ts ?? unix;
  if (!col || !col.num) throw new MiaError(`${file}: column 'ts' missing (a UTC timestamp, or time_unix seconds; columns: ${[...table.columns.keys()].join(', ')})`);
  return { col, scale: col.kind === 'timestamp' || col.kind === 'date' ? col.unitMs : ts ? 0 : 1000 };
}

/** One stored time in UTC ms; a plain-number ts is epoch seconds or ms, as in the CSV formats. */
export function timeMs(raw: number, scale: number): number {
  return scale === 0 ? (Math.abs(raw) < 1e11 ? Math.round(raw * 1000) : Math.round(raw)) : Math.round(raw * scale);
}
