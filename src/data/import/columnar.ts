// Columnar bar files — Arrow IPC (mia's own or any other writer's: polars, arquero, pyarrow) and Parquet — into
// the same row store as the CSV dialects, so they pass the same value checks. Nothing in them is trusted: mia's
// derived columns (trade_date, rth, roll_week, flags) are recomputed from `ts` and only compared with the stored ones.
import { extname } from 'node:path';
import { MiaError } from '../../util/errors.ts';
import { readArrowIPC, type IpcColumn, type IpcTable } from '../arrow-ipc.ts';
import { isParquetBytes, readParquet } from '../parquet-read.ts';
import { parseContract, MIN_MS, DAY_MS } from '../calendar.ts';
import type { Rows } from './rows.ts';
import type { Ctx } from './common.ts';
import { rowOk } from './row-checks.ts';
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
  return { table: readArrowIPC(buf, file), format: 'arrow' };
}

/** The stored derived columns of a mia table, to compare with the recomputed ones. */
export interface StoredDerived {
  first: number;
  tradeDate?: Float64Array;
  rth?: Float64Array;
  rollWeek?: Float64Array;
  flags?: Float64Array;
}

export interface ColumnarMeta {
  /** bar length from mia's metadata (validated), if any */
  barMs?: number;
  symbol?: string;
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
  const tsCol = byRole.get('ts') ?? byRole.get('unix');
  if (!tsCol || !tsCol.num) throw new MiaError(`${file}: column 'ts' missing (a UTC timestamp, or time_unix seconds; columns: ${[...table.columns.keys()].join(', ')})`);
  const [o, h, l, c, v] = (['open', 'high', 'low', 'close', 'volume'] as Role[]).map((r) => need(r, r).num!) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const bid = byRole.get('bid')?.num;
  const ask = byRole.get('ask')?.num;
  const tr = byRole.get('trades')?.num;
  const contract = byRole.get('contract');
  const symbol = byRole.get('symbol');
  const names = ['ts', 'open', 'high', 'low', 'close', 'volume', 'bid_volume', 'ask_volume', 'trades'];
  const n = table.numRows;
  rows.ensure(n);
  const tsNum = tsCol.num;
  const scale = tsCol.kind === 'timestamp' || tsCol.kind === 'date' ? tsCol.unitMs : byRole.get('ts') ? 0 : 1000;
  const cache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const line = i + 1;
    const raw = tsNum[i]!;
    // a plain-number ts is epoch seconds or ms, as in the CSV formats
    const t = scale === 0 ? (Math.abs(raw) < 1e11 ? Math.round(raw * 1000) : Math.round(raw)) : Math.round(raw * scale);
    if (!Number.isFinite(t)) {
      ctx.fail(file, line, tsCol.name, Number.isNaN(raw) ? 'missing value' : `not a time: ${raw}`);
      continue;
    }
    const bv = bid ? bid[i]! : NaN;
    const av = ask ? ask[i]! : NaN;
    const trv = tr ? tr[i]! : NaN;
    const vals = [o[i]!, h[i]!, l[i]!, c[i]!, v[i]!];
    const missing = vals.findIndex((x) => Number.isNaN(x));
    if (missing >= 0 || (bid && ask && Number.isNaN(bv) !== Number.isNaN(av))) {
      ctx.fail(file, line, missing >= 0 ? names[missing + 1]! : 'bid_volume', 'missing value');
      continue;
    }
    if (!rowOk(ctx, file, line, names, 2, 3, 5, 6, 7, 8, vals[0]!, vals[1]!, vals[2]!, vals[3]!, vals[4]!, bv, av, trv)) continue;
    let cid = fileCid;
    if (contract) {
      const code = contract.str?.[i] ?? '';
      let id = cache.get(code);
      if (id === undefined) {
        if (!parseContract(code)) {
          ctx.fail(file, line, contract.name, `not a futures contract code (e.g. ESU24): '${code.slice(0, 40)}'`);
          continue;
        }
        id = intern(code);
        cache.set(code, id);
      }
      cid = id;
    }
    if (symbol?.str) symbols.add(symbol.str[i]!);
    const r = rows.n++;
    rows.ts[r] = t;
    rows.open[r] = vals[0]!;
    rows.high[r] = vals[1]!;
    rows.low[r] = vals[2]!;
    rows.close[r] = vals[3]!;
    rows.volume[r] = vals[4]!;
    rows.bid[r] = bv;
    rows.ask[r] = av;
    rows.trades[r] = trv;
    rows.cid[r] = cid;
    rows.file[r] = fi;
    rows.line[r] = line;
    rows.rollDecl[r] = -1;
  }
  const num = (name: string): Float64Array | undefined => table.columns.get(name)?.num;
  const meta: ColumnarMeta = { stored: { first: 0 } };
  const bm = metaBarMs(table.metadata.get('bar_ms'), file);
  if (bm !== undefined) meta.barMs = bm;
  const sym = table.metadata.get('symbol');
  if (sym !== undefined) meta.symbol = sym;
  const stored: StoredDerived = { first: 0 };
  for (const [k, name] of [['tradeDate', 'trade_date'], ['rth', 'rth'], ['rollWeek', 'roll_week'], ['flags', 'flags']] as const) {
    const col = num(name);
    if (col) stored[k] = col;
  }
  meta.stored = stored;
  void MIN_MS;
  return meta;
}
