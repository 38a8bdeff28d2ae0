// The import/replay fast paths (issue 13) against the plain computations they replace: the same values, bytes
// and digests, checked over the embedded data, every instant of a few years and hand-made edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Float32, Float64, Int16, Int32, Int64, Int8, Schema, Table, Uint64, Uint8, makeData, RecordBatch, Struct, tableToIPC } from 'apache-arrow';
import { readArrowIPC } from '../src/data/arrow-ipc.ts';
import { ipcPieces } from '../src/data/arrow-util.ts';
import { barsToIPC, barsToIPCPieces, barsToTable } from '../src/data/bars-arrow.ts';
import { loadBars } from '../src/data/load.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { IsoStamps, ISO_LEN, isoStampColumn } from '../src/engine/iso-stamps.ts';
import { CtDayCursor, ScheduleCursor } from '../src/data/ct-days.ts';
import { toChicagoMs, scheduleAt, SCHEDULE_BREAKS, tradeDayOf, civilFromDays, closeMinute, DAY_MS, MIN_MS, EVENING_START_MIN, RTH_START_MIN, RTH_END_MIN } from '../src/data/calendar.ts';
import { findGaps, markAfterHoles } from '../src/data/gaps.ts';
import { deriveBars } from '../src/data/derive.ts';
import { sha256Soon } from '../src/util/hash.ts';
import { readInput, readInputShared } from '../src/util/read-input.ts';
import { importFiles } from '../src/data/import/import.ts';

const bars = loadBars(DEFAULT_BARS_PATH).bars;

test('Arrow files written as pieces are the bytes of tableToIPC', () => {
  const meta = { source: 'test' };
  const whole = tableToIPC(barsToTable(bars, meta), 'file');
  assert.deepEqual(Buffer.concat(barsToIPCPieces(bars, meta)), Buffer.from(whole));
  assert.deepEqual(Buffer.from(barsToIPC(bars, meta)), Buffer.from(whole));
  const t = barsToTable(bars, meta);
  assert.ok(ipcPieces(t).length > 10, 'several pieces: the column buffers are not joined');
});

/** A one-batch table of the given columns (nulls where `valid` says 0). */
function table(cols: { name: string; type: never; data: ArrayLike<number | bigint>; valid?: Uint8Array }[], n: number): Uint8Array {
  const fields = cols.map((c) => new Field(c.name, c.type, true));
  const datas = cols.map((c) => {
    const bitmap = c.valid ? new Uint8Array(Math.ceil(n / 8)) : undefined;
    if (bitmap) c.valid!.forEach((v, i) => (bitmap[i >> 3] = bitmap[i >> 3]! | (v << (i & 7))));
    const nulls = c.valid ? c.valid.reduce((a, v) => a + (v ? 0 : 1), 0) : 0;
    return makeData({ type: c.type, length: n, nullCount: nulls, data: c.data as never, ...(bitmap ? { nullBitmap: bitmap } : {}) });
  });
  const schema = new Schema(fields);
  return tableToIPC(new Table([new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children: datas }))]), 'file');
}

test('Arrow values: typed-array fast path = value-by-value path, every width, with and without nulls, aligned or not', () => {
  const big = [0n, 1n, -1n, 2n ** 53n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 3n, 2n ** 62n + 12345n, -(2n ** 63n)];
  const ubig = [0n, 1n, 2n ** 53n + 1n, 2n ** 64n - 1n, 2n ** 63n, 12345678901234567n, 7n, 2n ** 32n];
  const n = big.length;
  const valid = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 1 ? 0 : 1));
  const cols = [
    { name: 'i64', type: new Int64() as never, data: BigInt64Array.from(big) },
    { name: 'u64', type: new Uint64() as never, data: BigUint64Array.from(ubig) },
    { name: 'i32', type: new Int32() as never, data: Int32Array.from([0, -1, 2 ** 31 - 1, -(2 ** 31), 5, 6, 7, 8]) },
    { name: 'i16', type: new Int16() as never, data: Int16Array.from([0, -1, 32767, -32768, 5, 6, 7, 8]) },
    { name: 'i8', type: new Int8() as never, data: Int8Array.from([0, -1, 127, -128, 5, 6, 7, 8]) },
    { name: 'u8', type: new Uint8() as never, data: Uint8Array.from([0, 1, 255, 128, 5, 6, 7, 8]) },
    { name: 'f32', type: new Float32() as never, data: Float32Array.from([0.1, -2.5, 3e38, 1e-40, NaN, 6, 7, 8]) },
    { name: 'f64', type: new Float64() as never, data: Float64Array.from([0.1, -2.5, 1e300, 5e-324, NaN, 6, 7, 8]) },
  ];
  const want = (c: (typeof cols)[number], i: number, nulls: boolean): number => (nulls && !valid[i] ? NaN : Number(c.data[i]!));
  for (const nulls of [false, true]) {
    const bytes = table(cols.map((c) => ({ ...c, ...(nulls ? { valid } : {}) })), n);
    // the same file at an odd offset: every typed-array view would be misaligned
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    for (const buf of [bytes, shifted]) {
      for (const share of [false, true]) {
        const t = readArrowIPC(buf, 'x.arrow', share);
        for (const c of cols) {
          const got = t.columns.get(c.name)!.num!;
          assert.deepEqual([...got], Array.from({ length: n }, (_, i) => want(c, i, nulls)), `${c.name} nulls=${nulls} offset=${buf.byteOffset}`);
        }
      }
    }
  }
});

test('isoStampColumn = IsoStamps row by row (whole minutes, seconds, milliseconds, fractions, before 1970)', () => {
  const ts = Float64Array.from([
    ...Array.from(bars.ts.subarray(0, 2000)),
    Date.UTC(2024, 0, 1, 0, 0, 1), Date.UTC(2024, 0, 1, 23, 59, 59, 999), Date.UTC(1969, 11, 31, 23, 59), -1, 0, 1.5, Date.UTC(2024, 1, 29, 12, 34, 0, 1), Date.UTC(9999, 11, 31, 23, 59),
  ]);
  const got = isoStampColumn(ts, ts.length);
  const want = new Uint8Array(ts.length * ISO_LEN);
  const s = new IsoStamps();
  for (let i = 0; i < ts.length; i++) s.write(ts[i]!, want, i * ISO_LEN);
  assert.deepEqual(Buffer.from(got), Buffer.from(want));
  assert.equal(Buffer.from(got.subarray(2000 * ISO_LEN, 2001 * ISO_LEN)).toString('latin1'), '2024-01-01T00:00:01.000Z');
  assert.throws(() => isoStampColumn(Float64Array.of(Date.UTC(10000, 0, 1)), 1), RangeError);
});

test('schedule breaks: scheduleAt changes within a CT day only at SCHEDULE_BREAKS (every minute, 2018-2026)', () => {
  for (let d = Math.floor(Date.UTC(2018, 0, 1) / DAY_MS); d < Math.floor(Date.UTC(2027, 0, 1) / DAY_MS); d++) {
    let b = 0;
    for (let m = 0; m < 1440; m++) {
      if (SCHEDULE_BREAKS[b + 1] === m) b++;
      if (scheduleAt(d, m) !== scheduleAt(d, SCHEDULE_BREAKS[b]!)) assert.fail(`day ${civilFromDays(d)} minute ${m}`);
    }
  }
});

test('CT day and schedule cursors = the per-instant conversion (every 5 minutes 2019-2025, in order and shuffled)', () => {
  const first = Date.UTC(2019, 0, 1);
  const last = Date.UTC(2025, 11, 31);
  const span = { first: first - 3_600_000, last: last + 3_600_000 };
  const days = new CtDayCursor(span);
  const sched = new ScheduleCursor(span);
  const check = (t: number): void => {
    const l = toChicagoMs(t);
    const d = Math.floor(l / DAY_MS);
    if (days.day(t) !== d) assert.fail(`day of ${new Date(t).toISOString()}`);
    if (sched.stateAt(t) !== scheduleAt(d, Math.floor((l - d * DAY_MS) / MIN_MS))) assert.fail(`schedule at ${new Date(t).toISOString()}`);
  };
  for (let t = first; t <= last; t += 5 * MIN_MS) check(t);
  // out of order (a stable pseudo-random walk) and off the grid
  let x = 12345;
  for (let k = 0; k < 200_000; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    check(first + Math.floor((x / 2 ** 32) * (last - first)));
  }
});

test('deriveBars: trade date, RTH and roll week = the per-bar rules, through clock changes and holidays', () => {
  // every 5-minute slot for 60 days around each 2024 clock change, plus the embedded data
  const ts: number[] = [];
  for (const [a, b] of [[Date.UTC(2024, 1, 10), Date.UTC(2024, 3, 10)], [Date.UTC(2024, 9, 5), Date.UTC(2024, 11, 31)]] as const) for (let t = a; t < b; t += 5 * MIN_MS) ts.push(t);
  for (const series of [Float64Array.from(ts), bars.ts]) {
    const n = series.length;
    const core = { n, symbol: 'ES', barMs: 5 * MIN_MS, contracts: ['ESZ24'], ts: series, open: series, high: series, low: series, close: series, volume: series, bidVolume: series, askVolume: series, trades: series, contractId: new Int32Array(n) };
    const b = deriveBars(core);
    const rollDay = Math.floor(Date.UTC(2024, 11, 20) / DAY_MS) - 8; // ESZ24 expires 2024-12-20
    for (let i = 0; i < n; i++) {
      const l = toChicagoMs(series[i]!);
      const days = Math.floor(l / DAY_MS);
      const minute = Math.floor((l - days * DAY_MS) / MIN_MS);
      const morning = tradeDayOf(days, 0);
      const td = civilFromDays(minute >= EVENING_START_MIN ? tradeDayOf(days, EVENING_START_MIN) : morning);
      const rth = morning === days && minute >= RTH_START_MIN && minute < Math.min(RTH_END_MIN, closeMinute(days)) ? 1 : 0;
      if (b.tradeDate[i] !== td || b.rth[i] !== rth || b.rollWeek[i] !== (days >= rollDay ? 1 : 0)) assert.fail(`bar ${new Date(series[i]!).toISOString()}`);
    }
  }
});

test('holes: markAfterHoles flags exactly the gaps findGaps calls holes (several bar lengths, holes anywhere)', () => {
  for (const barMin of [1, 5, 7, 30, 60]) {
    const barMs = barMin * MIN_MS;
    // a week of bars on the schedule with a few slots removed (inside sessions, at session edges, across a weekend)
    const ts: number[] = [];
    let x = 99;
    for (let t = Date.UTC(2024, 2, 1); t < Date.UTC(2024, 2, 20); t += barMs) {
      const l = toChicagoMs(t);
      const d = Math.floor(l / DAY_MS);
      if (scheduleAt(d, Math.floor((l - d * DAY_MS) / MIN_MS)) !== 0) continue;
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      if (x % 97 < 3) continue; // a hole
      ts.push(t);
    }
    const series = Float64Array.from(ts);
    const flags = new Uint8Array(series.length);
    markAfterHoles(series, barMs, flags, 1);
    const want = new Uint8Array(series.length);
    for (const g of findGaps(series, barMs, new Int32Array(series.length))) if (g.kind === 'hole') want[g.index] = 1;
    assert.deepEqual(flags, want, `${barMin}-minute bars`);
    assert.ok(want.some((v) => v === 1) && findGaps(series, barMs, new Int32Array(series.length)).some((g) => g.kind !== 'hole'));
  }
});

test('sha256Soon: the same digests from the worker (large shared inputs) and in place (small or unshared)', () => {
  const big = Buffer.from(new SharedArrayBuffer(5 << 20));
  for (let i = 0; i < big.length; i += 4093) big[i] = i & 255;
  const parts = [big.subarray(3), big.subarray(0, 1000)];
  const want = parts.map((p) => createHash('sha256').update(p).digest('hex'));
  assert.deepEqual(sha256Soon(parts)(), want);
  assert.deepEqual(sha256Soon([Buffer.from('abc')])(), [createHash('sha256').update('abc').digest('hex')]);
  assert.deepEqual(sha256Soon([Buffer.from(big)])(), [createHash('sha256').update(big).digest('hex')]);
});

test('readInputShared: the bytes of readInput, in shared memory; the same error for a missing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-shared-'));
  try {
    const p = join(dir, 'x.csv');
    writeFileSync(p, 'a,b\n1,2\n');
    const b = readInputShared(p);
    assert.ok(b.buffer instanceof SharedArrayBuffer);
    assert.deepEqual(Buffer.from(b), readFileSync(p));
    assert.throws(() => readInputShared(join(dir, 'none.csv')), (e: Error) => e.message === (() => { try { readInput(join(dir, 'none.csv')); } catch (err) { return (err as Error).message; } return ''; })());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CSV fast and careful paths agree: plain lines, spaced fields, a sign, a bad row', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-fast-'));
  try {
    const head = 'ts_ct,time_unix,contract,open,high,low,close,volume,trades,bid_volume,ask_volume,roll_week';
    const t0 = Date.UTC(2024, 5, 10, 13, 30) / 1000; // 08:30 CT
    const line = (k: number, contract: string, roll: number, price: string): string => {
      const u = t0 + 300 * k;
      const iso = new Date((u - 5 * 3600) * 1000).toISOString().slice(0, 19) + '-05:00';
      return `${iso},${u},${contract},${price},${price},${price},${price},10,3,4,5,${roll}`;
    };
    const rows = [
      line(0, 'ESU24', 0, '5300.25'),
      line(1, 'ESU24', 0, ' 5300.5'), // a spaced field: still the fast split
      line(2, 'ESU24', 0, '+5300.75'), // a sign: the careful path
      line(3, 'ESU24', 0, 'x'), // bad: skipped with its line number
      line(4, 'ESU24', 0, '5301'),
    ];
    const p = join(dir, 'shared.csv');
    writeFileSync(p, `${head}\n${rows.join('\n')}\n`);
    const r = importFiles([p], { skipBadRows: true });
    assert.deepEqual([...r.bars.close], [5300.25, 5300.5, 5300.75, 5301]);
    assert.deepEqual(r.skipped.map((s) => [s.line, s.field]), [[5, 'open']]);
    assert.deepEqual([...r.bars.ts], [0, 1, 2, 4].map((k) => (t0 + 300 * k) * 1000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('columnar rows: the file\'s own columns when every row is kept, copied otherwise (a skipped row, two files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-columnar-'));
  try {
    const n = 3000;
    const part = { ...bars, n, ts: bars.ts.slice(0, n), open: bars.open.slice(0, n), high: bars.high.slice(0, n), low: bars.low.slice(0, n), close: bars.close.slice(0, n), volume: bars.volume.slice(0, n), bidVolume: bars.bidVolume.slice(0, n), askVolume: bars.askVolume.slice(0, n), trades: bars.trades.slice(0, n), contractId: bars.contractId.slice(0, n) };
    const whole = join(dir, 'whole.arrow');
    writeFileSync(whole, barsToIPC(part as never, { source: 'test' }));
    const all = importFiles([whole]).bars;
    assert.deepEqual([...all.close], [...part.close]);
    assert.deepEqual([...all.volume], [...part.volume]);
    // row 11 made invalid (high below low): skipped, every other row's values where they belong
    const bad = { ...part, high: part.high.slice() };
    bad.high[10] = bad.low[10]! - 1;
    const skipped = join(dir, 'skipped.arrow');
    writeFileSync(skipped, barsToIPC(bad as never, { source: 'test' }));
    const r = importFiles([skipped], { skipBadRows: true });
    assert.deepEqual(r.skipped.map((s) => s.line), [11]);
    const keep = (a: Float64Array): number[] => [...a].filter((_, i) => i !== 10);
    assert.deepEqual([...r.bars.high], keep(bad.high));
    assert.deepEqual([...r.bars.askVolume], keep(part.askVolume));
    // two files: the second file's rows after the first's
    const half = (k: number) => ({ ...part, n: n / 2, ...Object.fromEntries(['ts', 'open', 'high', 'low', 'close', 'volume', 'bidVolume', 'askVolume', 'trades', 'contractId'].map((c) => [c, (part as never as Record<string, Float64Array>)[c]!.slice((k * n) / 2, ((k + 1) * n) / 2)])) });
    const [a, b] = [join(dir, 'a.arrow'), join(dir, 'b.arrow')];
    writeFileSync(a, barsToIPC(half(0) as never, { source: 'test' }));
    writeFileSync(b, barsToIPC(half(1) as never, { source: 'test' }));
    const two = importFiles([b, a]).bars;
    assert.deepEqual([...two.close], [...part.close]);
    assert.deepEqual([...two.trades], [...part.trades]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
