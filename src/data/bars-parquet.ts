// Bars as Parquet (for polars, DuckDB, NautilusTrader's catalog, freqtrade…): the same columns and key-value
// metadata as mia's Arrow bar table, contract as plain strings, ts as INT64 epoch ms with a TIMESTAMP (millis)
// type so other tools see instants. Reading back goes through the importer like any other file.
import type { Bars } from './types.ts';
import { BARS_SCHEMA, EXCHANGE_TZ, type BarsMeta } from './bars-arrow.ts';
import { orderFlowMeta, orderFlowPresence } from './order-flow.ts';
import { columnsToParquet } from './parquet-write.ts';

export function barsToParquet(b: Bars, meta: BarsMeta): Uint8Array {
  return columnsToParquet(
    [
      { name: 'ts', data: Array.from(b.ts, (t) => BigInt(t)), type: 'TIMESTAMP' },
      { name: 'open', data: b.open, type: 'DOUBLE' },
      { name: 'high', data: b.high, type: 'DOUBLE' },
      { name: 'low', data: b.low, type: 'DOUBLE' },
      { name: 'close', data: b.close, type: 'DOUBLE' },
      { name: 'volume', data: b.volume, type: 'DOUBLE' },
      { name: 'bid_volume', data: b.bidVolume, type: 'DOUBLE' },
      { name: 'ask_volume', data: b.askVolume, type: 'DOUBLE' },
      { name: 'trades', data: b.trades, type: 'DOUBLE' },
      { name: 'contract', data: Array.from(b.contractId, (id) => b.contracts[id]!), type: 'STRING' },
      { name: 'trade_date', data: b.tradeDate, type: 'INT32' },
      { name: 'rth', data: b.rth, type: 'INT32' },
      { name: 'roll_week', data: b.rollWeek, type: 'INT32' },
      { name: 'flags', data: b.flags, type: 'INT32' },
    ],
    { 'mia.schema': BARS_SCHEMA, symbol: b.symbol, bar_ms: String(b.barMs), tz: EXCHANGE_TZ, source: meta.source, order_flow: orderFlowMeta(orderFlowPresence(b)), ...(meta.offCalendar ? { off_calendar: 'allowed' } : {}) },
  );
}
