// Bars as Parquet (for polars, DuckDB, NautilusTrader's catalog, freqtrade…): the same columns and key-value
// metadata as mia's Arrow bar table, strings plain (contract, symbol), ts as INT64 epoch ms with a TIMESTAMP
// logical type so other tools see instants. Reading back goes through the importer like any other file.
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Bars } from './types.ts';
import { BARS_SCHEMA, EXCHANGE_TZ, type BarsMeta } from './bars-arrow.ts';
import { orderFlowMeta, orderFlowPresence } from './order-flow.ts';

export function barsToParquet(b: Bars, meta: BarsMeta): Uint8Array {
  const f = (a: Float64Array): number[] => Array.from(a);
  const contract = Array.from(b.contractId, (id) => b.contracts[id]!);
  const kv: Record<string, string> = { 'mia.schema': BARS_SCHEMA, symbol: b.symbol, bar_ms: String(b.barMs), tz: EXCHANGE_TZ, source: meta.source, order_flow: orderFlowMeta(orderFlowPresence(b)) };
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'ts', data: Array.from(b.ts, (t) => BigInt(t)), type: 'TIMESTAMP' },
      { name: 'open', data: f(b.open), type: 'DOUBLE' },
      { name: 'high', data: f(b.high), type: 'DOUBLE' },
      { name: 'low', data: f(b.low), type: 'DOUBLE' },
      { name: 'close', data: f(b.close), type: 'DOUBLE' },
      { name: 'volume', data: f(b.volume), type: 'DOUBLE' },
      { name: 'bid_volume', data: f(b.bidVolume), type: 'DOUBLE' },
      { name: 'ask_volume', data: f(b.askVolume), type: 'DOUBLE' },
      { name: 'trades', data: f(b.trades), type: 'DOUBLE' },
      { name: 'contract', data: contract, type: 'STRING' },
      { name: 'trade_date', data: Array.from(b.tradeDate), type: 'INT32' },
      { name: 'rth', data: Array.from(b.rth), type: 'INT32' },
      { name: 'roll_week', data: Array.from(b.rollWeek), type: 'INT32' },
      { name: 'flags', data: Array.from(b.flags), type: 'INT32' },
    ],
    kvMetadata: Object.keys(kv).sort().map((key) => ({ key, value: kv[key]! })),
    createdBy: 'mia',
  });
  return new Uint8Array(buf);
}
