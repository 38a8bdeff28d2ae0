import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/data/import/import.ts';
import { InputError } from '../src/util/errors.ts';
import { HAS_SHARED, SHARED_REAL, SKIP_SHARED } from './helpers/shared.ts';

const FIX = new URL('./fixtures/data/', import.meta.url).pathname;
// the first 40 prints of the RTH open on 2023-06-29 (real ESU23 trades, MIT, see the shared README)
const EXCERPT = join(FIX, 'ticks-2023-06-29-excerpt.csv');
const tmp = mkdtempSync(join(tmpdir(), 'mia-ticks-'));
const HEADER = 'ts_utc,sequence,price,size,aggressor,bid,ask,bid_size,ask_size,total_bid_depth,total_ask_depth\n';

test('ticks -> one 1-minute bar: OHLC from the prints, bid/ask volume from the aggressor flag', () => {
  const { bars, formats } = importFiles([EXCERPT]);
  assert.equal(formats[0], 'ticks');
  assert.equal(bars.n, 1);
  assert.equal(bars.barMs, 60_000);
  assert.equal(bars.ts[0], Date.UTC(2023, 5, 29, 13, 30));
  // hand-summed from the 40 rows: first 4414, high 4414, low 4413.5, last 4413.75
  assert.deepEqual([bars.open[0], bars.high[0], bars.low[0], bars.close[0]], [4414, 4414, 4413.5, 4413.75]);
  // 67 contracts: 37 bought at the ask (B), 30 sold at the bid (S), 40 prints
  assert.deepEqual([bars.volume[0], bars.askVolume[0], bars.bidVolume[0], bars.trades[0]], [67, 37, 30, 40]);
  // 08:30 CT is the RTH open; June 2023 is the ESU23 quarter
  assert.equal(bars.rth[0], 1);
  assert.equal(bars.contracts[bars.contractId[0]!], 'ESU23');
});

test('ticks: a print out of exchange order or with an unknown aggressor names its line', () => {
  const a = '2023-06-29T13:30:00.000000Z,10,4414,1,B,4413.75,4414,57,41,783,1015\n';
  const back = '2023-06-29T13:29:59.000000Z,11,4414,1,B,4413.75,4414,57,41,783,1015\n';
  const bad = '2023-06-29T13:30:01.000000Z,12,4414,1,X,4413.75,4414,57,41,783,1015\n';
  const f1 = join(tmp, 'back.csv');
  writeFileSync(f1, HEADER + a + back);
  assert.throws(() => importFiles([f1]), (e: unknown) => e instanceof InputError && e.line === 3 && e.field === 'ts_utc');
  const f2 = join(tmp, 'agg.csv');
  writeFileSync(f2, HEADER + a + bad);
  assert.throws(() => importFiles([f2]), (e: unknown) => e instanceof InputError && e.line === 3 && e.field === 'aggressor');
});

test('real tick sample 2022-01-24: 2,846 contracts, 1,432 bought / 1,414 sold, in two 1-minute bars', { skip: SKIP_SHARED }, () => {
  if (!HAS_SHARED) return;
  const { bars } = importFiles([join(SHARED_REAL, 'es', 'es_ticks_2022-01-24_sample.csv')]);
  assert.equal(bars.n, 2);
  assert.deepEqual(Array.from(bars.volume), [2819, 27]);
  assert.equal(bars.askVolume[0]! + bars.askVolume[1]!, 1432);
  assert.equal(bars.bidVolume[0]! + bars.bidVolume[1]!, 1414);
  assert.deepEqual([bars.open[0], bars.high[0], bars.low[0], bars.close[0]], [4347.75, 4347.75, 4343.25, 4345.75]);
  assert.equal(bars.contracts[0], 'ESH22');
});

test('every file in ../shared/data/real/es/ imports (5-min, 1-min and tick samples)', { skip: SKIP_SHARED }, () => {
  if (!HAS_SHARED) return;
  const dir = join(SHARED_REAL, 'es');
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  assert.equal(files.length, 5);
  for (const f of files) {
    const { bars, skipped } = importFiles([join(dir, f)]);
    assert.ok(bars.n > 0, f);
    assert.equal(skipped.length, 0, f);
  }
  // the 2 seconds of RTH open on 2023-06-29: 1,026 prints, 1,641 contracts (shared README)
  const { bars } = importFiles([join(dir, 'es_ticks_2023-06-29_sample.csv')]);
  assert.equal(bars.trades[0], 1026);
  assert.equal(bars.volume[0], 1641);
});
