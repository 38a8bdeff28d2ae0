// The trades file other tools read: the fixed columns of TRADE_COLUMNS, as CSV (fast-csv), Arrow IPC or Parquet by extension.
import { writeToString } from 'fast-csv';
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import { extname } from 'node:path';
import { atomicWrite } from '../util/atomic-write.ts';
import { MiaError } from '../util/errors.ts';
import { TRADE_COLUMNS } from './run-backtest.ts';
import { columnsToParquet } from '../data/parquet-write.ts';
import type { TradeRow } from './run-backtest.ts';

const INT_COLUMNS = new Set<keyof TradeRow>(['direction', 'contracts']);
const TEXT_COLUMNS = new Set<keyof TradeRow>(['signal_time', 'entry_time', 'exit_time', 'tier', 'exit_reason', 'contract']);

export async function tradesCsv(rows: TradeRow[]): Promise<string> {
  const body = rows.map((r) => TRADE_COLUMNS.map((c) => r[c]));
  return writeToString(body, { headers: [...TRADE_COLUMNS], includeEndRowDelimiter: true, alwaysWriteHeaders: true });
}

export function tradesArrow(rows: TradeRow[]): Uint8Array {
  const cols: Record<string, Vector> = {};
  for (const c of TRADE_COLUMNS) {
    const values = rows.map((r) => r[c]);
    cols[c] = TEXT_COLUMNS.has(c)
      ? vectorFromArray(values as string[], new Utf8())
      : INT_COLUMNS.has(c)
        ? vectorFromArray(values as number[], new Int32())
        : vectorFromArray(values as number[], new Float64());
  }
  return tableToIPC(new Table(cols), 'file');
}

export function tradesParquet(rows: TradeRow[]): Uint8Array {
  return columnsToParquet(
    TRADE_COLUMNS.map((c) => {
      const values = rows.map((r) => r[c]);
      return { name: c, data: values as never, type: TEXT_COLUMNS.has(c) ? 'STRING' : INT_COLUMNS.has(c) ? 'INT32' : 'DOUBLE' };
    }),
  );
}

/** The format a trades path asks for, by extension; anything else is a user error. */
export function tradesFormat(path: string): 'csv' | 'arrow' | 'parquet' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.arrow') return 'arrow';
  if (ext === '.parquet') return 'parquet';
  throw new MiaError(`--trades ${path}: unknown extension "${ext}" (use .csv, .arrow or .parquet)`);
}

/** The bytes of a trades file; the extension picks the format (.csv, .arrow or .parquet). */
export async function encodeTrades(path: string, rows: TradeRow[]): Promise<string | Uint8Array> {
  const f = tradesFormat(path);
  return f === 'csv' ? await tradesCsv(rows) : f === 'parquet' ? tradesParquet(rows) : tradesArrow(rows);
}

/** Writes atomically; the extension picks the format (.csv, .arrow or .parquet). */
export async function writeTrades(path: string, rows: TradeRow[]): Promise<void> {
  atomicWrite(path, await encodeTrades(path, rows));
}
