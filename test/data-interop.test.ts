// Other tools' files: Arrow IPC from any writer (no mia metadata, file or stream format, polars' dictionary of
// Utf8View, timestamps) and Parquet give the same bars — and the same backtest — as the CSV they came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC, vectorFromArray, makeVector, Table, Dictionary, Utf8View, Uint32, Utf8, TimestampMicrosecond } from 'apache-arrow';
import { importFiles } from '../src/data/import/import.ts';
import { loadBars } from '../src/data/load.ts';
import { barsToParquet } from '../src/data/bars-parquet.ts';
import { barsToIPC } from '../src/data/bars-arrow.ts';
import { readParquet } from '../src/data/parquet-read.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import type { Bars } from '../src/data/types.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { runBacktest } from '../src/simulate/run-backtest.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { tradesParquet } from '../src/simulate/write-trades.ts';
import { SKIP_SHARED, ES_5M_FILES } from './helpers/shared.ts';

const FIX = new URL('./fixtures/data/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mia-data-interop-'));

function write(name: string, bytes: Uint8Array): string {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
}

const COLS = ['ts', 'open', 'high', 'low', 'close', 'volume', 'bidVolume', 'askVolume', 'trades', 'tradeDate', 'rth', 'rollWeek', 'flags'] as const;

function assertSameBars(a: Bars, b: Bars): void {
  assert.equal(b.n, a.n);
  assert.equal(b.symbol, a.symbol);
  assert.equal(b.barMs, a.barMs);
  for (const c of COLS) assert.deepEqual(b[c], a[c], c);
  assert.deepEqual(Array.from(b.contractId, (k) => b.contracts[k]), Array.from(a.contractId, (k) => a.contracts[k]));
}

function backtestJson(bars: Bars): string {
  const out = replay(bars, null, defaultEngineConfig());
  const r = runBacktest({ bars, context: null, sources: [], from: null, to: null, engineConfig: defaultEngineConfig(), params: defaultSimParams(), engineOutput: out });
  return JSON.stringify({ trades: r.trades, summary: r.summary });
}

test('an Arrow file without mia metadata (Utf8 contract, file and stream format) reads as the CSV does', () => {
  const csv = importFiles([join(FIX, 'generic-esu24.csv')]).bars;
  const t = new Table({
    ts: makeVector(Float64Array.from(csv.ts)),
    open: makeVector(Float64Array.from(csv.open)),
    high: makeVector(Float64Array.from(csv.high)),
    low: makeVector(Float64Array.from(csv.low)),
    close: makeVector(Float64Array.from(csv.close)),
    volume: makeVector(Float64Array.from(csv.volume)),
    bid_volume: makeVector(Float64Array.from(csv.bidVolume)),
    ask_volume: makeVector(Float64Array.from(csv.askVolume)),
    trades: makeVector(Float64Array.from(csv.trades)),
    contract: vectorFromArray(Array.from(csv.contractId, (k) => csv.contracts[k]!), new Utf8()),
  });
  assert.equal(t.schema.metadata.size, 0);
  assertSameBars(csv, loadBars(write('foreign.arrow', tableToIPC(t, 'file'))).bars);
  assertSameBars(csv, loadBars(write('foreign.arrows', tableToIPC(t, 'stream'))).bars);
});

test("polars' shapes: contract as Dictionary<Uint32, Utf8View>, ts as a microsecond timestamp, no bid/ask columns", () => {
  const csv = importFiles([join(FIX, 'ninjatrader-ESU24.Last.txt')]).bars;
  const codes = Array.from(csv.contractId, (k) => csv.contracts[k]!);
  const dict = vectorFromArray(codes, new Dictionary(new Utf8View(), new Uint32()));
  const ts = makeVector({ type: new TimestampMicrosecond(), data: BigInt64Array.from(csv.ts, (t) => BigInt(t) * 1000n) } as never);
  const t = new Table({ ts, open: makeVector(csv.open), high: makeVector(csv.high), low: makeVector(csv.low), close: makeVector(csv.close), volume: makeVector(csv.volume), contract: dict });
  assert.match(String(t.schema.fields.find((f) => f.name === 'contract')!.type), /Dictionary<Uint32, Utf8View>/);
  const back = loadBars(write('polars-like.arrow', tableToIPC(t, 'file'))).bars;
  assertSameBars(csv, back);
});

test('mia → Parquet → back: identical bars and an identical backtest (embedded data, one month)', () => {
  // a slice as a table of its own (its first bar starts a contract in the file): the reference to round-trip
  const bars = loadBars(write('march.arrow', barsToIPC(sliceBars(loadBars(DEFAULT_BARS_PATH).bars, '2024-03', '2024-03'), { source: 'test' }))).bars;
  const back = loadBars(write('bars.parquet', barsToParquet(bars, { source: 'test' }))).bars;
  assertSameBars(bars, back);
  assert.equal(backtestJson(back), backtestJson(bars));
  // and the trades can be written as Parquet and read back by any Parquet reader
  const out = replay(bars, null, defaultEngineConfig());
  const r = runBacktest({ bars, context: null, sources: [], from: null, to: null, engineConfig: defaultEngineConfig(), params: defaultSimParams(), engineOutput: out });
  const tp = readParquet(tradesParquet(r.trades), 'trades.parquet');
  assert.equal(tp.numRows, r.trades.length);
  assert.deepEqual(Array.from(tp.columns.get('pnl_usd')?.num ?? []), r.trades.map((x) => x.pnl_usd));
});

test('shared series: its Parquet and a foreign Arrow copy give the same backtest as the CSV', { skip: SKIP_SHARED }, () => {
  const csv = loadBars(ES_5M_FILES[1]!).bars;
  const pq = loadBars(write('shared.parquet', barsToParquet(csv, { source: 'x' }))).bars;
  assertSameBars(csv, pq);
  const t = new Table({
    ts: makeVector(Float64Array.from(csv.ts)), open: makeVector(Float64Array.from(csv.open)), high: makeVector(Float64Array.from(csv.high)), low: makeVector(Float64Array.from(csv.low)), close: makeVector(Float64Array.from(csv.close)),
    volume: makeVector(Float64Array.from(csv.volume)), bid_volume: makeVector(Float64Array.from(csv.bidVolume)), ask_volume: makeVector(Float64Array.from(csv.askVolume)), trades: makeVector(Float64Array.from(csv.trades)),
    contract: vectorFromArray(Array.from(csv.contractId, (k) => csv.contracts[k]!), new Utf8()),
  });
  const foreign = loadBars(write('shared.arrow', tableToIPC(t, 'file'))).bars;
  assertSameBars(csv, foreign);
  const a = sliceBars(csv, '2024-01', '2024-03');
  assert.equal(backtestJson(sliceBars(pq, '2024-01', '2024-03')), backtestJson(a));
  assert.equal(backtestJson(sliceBars(foreign, '2024-01', '2024-03')), backtestJson(a));
});
