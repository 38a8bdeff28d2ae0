// Arrow IPC schema of a bar table (schema "mia.bars/1"):
//   ts Float64 (bar start, UTC epoch ms — plain numbers for the hot loops), open/high/low/close Float64,
//   volume/bid_volume/ask_volume Float64, trades Float64 (NaN = absent), contract Dictionary<Int32,Utf8>,
//   symbol Dictionary<Int8,Utf8>, trade_date Int32 (yyyymmdd, CME), rth Uint8, roll_week Uint8, flags Uint8 (BarFlag).
// Schema metadata: mia.schema, symbol, bar_ms, tz (exchange zone of the derived columns), source, order_flow
// (JSON {columns, share}: see order-flow.ts). Reading goes through the importer (import/columnar.ts), which checks
// every value and recomputes the derived columns: a stored file is never trusted.
import { Float64, Int32, Int8, Uint8, Dictionary, Utf8, type Table } from 'apache-arrow';
import type { Bars } from './types.ts';
import { buildTable, ipcPieces } from './arrow-util.ts';
import { orderFlowMeta, orderFlowPresence } from './order-flow.ts';
import { alignedExtraColumns } from './extra-columns.ts';

export const BARS_SCHEMA = 'mia.bars/1';
export const EXCHANGE_TZ = 'America/Chicago';

export interface BarsMeta {
  /** where the bars came from, e.g. the source file names and their sha256 (no paths, no clock) */
  source: string;
  /** the import was told --allow-off-calendar: recorded so loading the table later does not refuse it */
  offCalendar?: boolean;
}

export function barsToTable(b: Bars, meta: BarsMeta): Table {
  const f64 = new Float64();
  return buildTable(
    [
      { name: 'ts', type: f64, data: b.ts, meta: { unit: 'ms', tz: 'UTC', meaning: 'bar start' } },
      { name: 'open', type: f64, data: b.open },
      { name: 'high', type: f64, data: b.high },
      { name: 'low', type: f64, data: b.low },
      { name: 'close', type: f64, data: b.close },
      { name: 'volume', type: f64, data: b.volume },
      { name: 'bid_volume', type: f64, data: b.bidVolume },
      { name: 'ask_volume', type: f64, data: b.askVolume },
      { name: 'trades', type: f64, data: b.trades },
      { name: 'contract', type: new Dictionary(new Utf8(), new Int32(), 0), data: b.contractId, dictionary: b.contracts },
      { name: 'symbol', type: new Dictionary(new Utf8(), new Int8(), 1), data: new Int8Array(b.n), dictionary: [b.symbol] },
      { name: 'trade_date', type: new Int32(), data: b.tradeDate },
      { name: 'rth', type: new Uint8(), data: b.rth },
      { name: 'roll_week', type: new Uint8(), data: b.rollWeek },
      { name: 'flags', type: new Uint8(), data: b.flags },
      // optional inputs of the original engine (src/data/extra-columns.ts), when the source had them
      ...(b.extra ? alignedExtraColumns(b.extra, b.ts).map((c) => ({ ...c, type: f64 })) : []),
    ],
    b.n,
    { 'mia.schema': BARS_SCHEMA, symbol: b.symbol, bar_ms: String(b.barMs), tz: EXCHANGE_TZ, source: meta.source, order_flow: orderFlowMeta(orderFlowPresence(b)), ...(meta.offCalendar ? { off_calendar: 'allowed' } : {}) },
  );
}

/** The Arrow file's bytes in pieces (see ipcPieces), for atomicWrite: no joined copy of the whole table. */
export function barsToIPCPieces(b: Bars, meta: BarsMeta): Uint8Array[] {
  return ipcPieces(barsToTable(b, meta));
}

export function barsToIPC(b: Bars, meta: BarsMeta): Uint8Array {
  return Buffer.concat(barsToIPCPieces(b, meta));
}
