// Issue 12 (data part): no silent data mistakes whatever the container. Each case here got through (or hung, or
// crashed) before: invalid values accepted, trusted derived columns, a wrong time zone, untrusted index paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/data/import/import.ts';
import { loadBars, loadContext } from '../src/data/load.ts';
import { barsToIPC } from '../src/data/bars-arrow.ts';
import { contextToIPC } from '../src/data/context-arrow.ts';
import { buildContext } from '../src/data/context/build.ts';
import { describeBars } from '../src/data/info.ts';
import { findGaps } from '../src/data/gaps.ts';
import { orderFlowPresence } from '../src/data/order-flow.ts';
import { readArrowIPC } from '../src/data/arrow-ipc.ts';
import { MiaError } from '../src/util/errors.ts';

const FIX = new URL('./fixtures/data/', import.meta.url).pathname;
const GENERIC = join(FIX, 'generic-esu24.csv');
const NINJA = join(FIX, 'ninjatrader-ESU24.Last.txt');
const tmp = mkdtempSync(join(tmpdir(), 'mia-data-validate-'));
const HEAD = 'ts,open,high,low,close,volume,bid_volume,ask_volume,trades,contract\n';

function write(name: string, text: string | Uint8Array): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

/** A generic CSV of 5-minute ESU24 bars on Monday 2024-06-24 from 00:00 CT (05:00Z), with rows changed by `edit`. */
function generic(name: string, edit: (rows: string[][]) => void, n = 6): string {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) rows.push([new Date(Date.UTC(2024, 5, 24, 5, 5 * i)).toISOString(), '5500', '5502', '5499', '5501', '100', '40', '50', '30', 'ESU24']);
  edit(rows);
  return write(name, HEAD + rows.map((r) => r.join(',')).join('\n') + '\n');
}

function rejects(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof MiaError && re.test((e as Error).message), `expected a MiaError matching ${re}`);
}

test('non-finite, non-positive, absurd and off-tick prices, and impossible trade counts are refused (every container)', () => {
  rejects(() => importFiles([generic('inf.csv', (r) => (r[2]![2] = '1e400'))]), /inf\.csv:4: high: not a finite price: Infinity/);
  rejects(() => importFiles([generic('zero.csv', (r) => r[1]!.splice(1, 4, '0', '0', '0', '0'))]), /zero\.csv:3: low: price 0 is not positive/);
  rejects(() => importFiles([generic('big.csv', (r) => r[1]!.splice(1, 4, '2000000', '2000000', '2000000', '2000000'))]), /big\.csv:3: high: price 2000000 is absurd/);
  rejects(() => importFiles([generic('tick.csv', (r) => (r[1]![4] = '5500.3'))]), /tick\.csv:3: close: price 5500\.3 is not a multiple of the tick 0\.25/);
  rejects(() => importFiles([generic('trades.csv', (r) => (r[1]![8] = '1e400'))]), /trades\.csv:3: trades: trades must be a count/);
  // a declared tick is allowed
  assert.equal(importFiles([generic('tick1.csv', (r) => (r[1]![4] = '5500.5'))], { tick: 0.5 }).bars.n, 6);
});

test('contract codes must be quarterly codes of the instrument; bars must lie in the contract window; no interleaving', () => {
  rejects(() => importFiles([generic('month.csv', (r) => r.forEach((x) => (x[9] = 'ESN24')))]), /not a quarterly \(H, M, U, Z\) ES contract/);
  rejects(() => importFiles([generic('root.csv', (r) => (r[2]![9] = 'NQU24'))]), /contract 'NQU24' is not a ES contract/);
  rejects(() => importFiles([generic('expired.csv', (r) => r.forEach((x) => (x[9] = 'ESM24')))]), /outside the trading window of ESM24 \(after its expiry\)/);
  rejects(() => importFiles([generic('early.csv', (r) => r.forEach((x) => (x[9] = 'ESU26')))]), /outside the trading window of ESU26 \(more than 15 months before its expiry\)/);
  rejects(() => importFiles([generic('inter.csv', (r) => (r[1]![9] = r[3]![9] = 'ESZ24'))]), /inter\.csv:4: contract: ESU24 comes back after ESZ24 started/);
  // year 9999: refused up front (it made calendars span centuries: 41 s import, 38 s info)
  rejects(() => importFiles([generic('y9999.csv', (r) => (r[5]![0] = '9999-12-31T05:00:00Z'))]), /y9999\.csv:7: ts: time 9999-12-31T05:00:00\.000Z is outside 1980\.\.2099/);
  // --skip-bad-rows still works for the new checks
  const r = importFiles([generic('skip.csv', (r) => (r[2]![2] = '1e400'))], { skipBadRows: true });
  assert.equal(r.bars.n, 5);
  assert.equal(r.skipped[0]!.line, 4);
});

test('a wrong time zone stops the import with the count, the first bar and the likely cause', () => {
  // a NinjaTrader export (bar-end stamps) of Monday 2024-06-24 14:00-16:00 and 17:00-19:00 CT, written in New York time
  const lines: string[] = [];
  for (const [from, to] of [[14 * 60 + 5, 16 * 60], [17 * 60 + 5, 19 * 60]] as const) {
    for (let m = from; m <= to; m += 5) {
      const ny = m + 60;
      lines.push(`20240624 ${String(Math.floor(ny / 60)).padStart(2, '0')}${String(ny % 60).padStart(2, '0')}00;5500;5502;5499;5501;100`);
    }
  }
  const p = write('ESU24-ny.Last.txt', lines.join('\n') + '\n');
  rejects(() => importFiles([p], { tz: 'America/Chicago' }), /12 of 48 bars fall outside the CME trading schedule; first: .*ESU24-ny\.Last\.txt:13 at 2024-06-24 16:00 CT \(daily halt\)\. stamped in America\/New_York\? pass --tz America\/New_York/);
  assert.equal(importFiles([p], { tz: 'America/New_York' }).bars.n, 48);
  assert.equal(importFiles([p], { tz: 'America/Chicago', allowOffCalendar: true }).bars.n, 48);
  // a fixed-offset legacy zone gets a warning naming the IANA zone
  const est = importFiles([NINJA], { tz: 'EST', allowOffCalendar: true });
  assert.match(est.warnings.join('\n'), /--tz EST is a legacy zone name with a fixed offset .*use the IANA zone America\/New_York/);
  // weekend bars in a UTC-stamped file: named as off the schedule, not as a zone mistake
  rejects(() => importFiles([generic('sat.csv', (r) => (r[0]![0] = '2024-06-22T17:00:00Z'))]), /1 of 6 bars fall outside .*first: .*sat\.csv:2 at 2024-06-22 12:00 CT \(weekend\)/);
});

test('a UTF-8 byte order mark is stripped (Excel "CSV UTF-8")', () => {
  const p = write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(GENERIC)]));
  assert.equal(importFiles([p]).bars.n, importFiles([GENERIC]).bars.n);
  const sierra = readFileSync(join(FIX, 'ESU24-CME.scid_BarData__5m.txt'));
  const ps = write('ESU24-bom.scid_BarData__5m.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sierra]));
  assert.equal(importFiles([ps]).bars.n, 72);
});

test('a 60,000-digit number is refused as not a number (the fallback pattern was quadratic)', () => {
  rejects(() => importFiles([generic('digits.csv', (r) => (r[1]![5] = '1'.repeat(60000) + 'e'))]), /digits\.csv:3: volume: not a number/);
});

test("mia's own Arrow tables are checked like CSV: invalid values named by row, derived columns recomputed", () => {
  const good = importFiles([GENERIC]);
  const tamper = (name: string, f: (b: typeof good.bars) => void): string => {
    const b = { ...good.bars, ts: good.bars.ts.slice(), high: good.bars.high.slice(), volume: good.bars.volume.slice(), tradeDate: good.bars.tradeDate.slice() };
    f(b);
    return write(name, barsToIPC(b, { source: 'test' }));
  };
  rejects(() => loadBars(tamper('nan.arrow', (b) => (b.high[3] = NaN))), /nan\.arrow:row 4: high: missing value/);
  rejects(() => loadBars(tamper('hl.arrow', (b) => (b.high[3] = 1))), /hl\.arrow:row 4: high: high 1 < low/);
  rejects(() => loadBars(tamper('dup.arrow', (b) => (b.ts[5] = b.ts[4]!))), /dup\.arrow:row 6: ts: duplicate timestamp/);
  rejects(() => loadBars(tamper('grid.arrow', (b) => (b.ts[5] = b.ts[5]! + 1000))), /grid\.arrow:row 6: ts: .*not on the 5-minute grid/);
  rejects(() => loadBars(tamper('vol.arrow', (b) => (b.volume[2] = -1))), /vol\.arrow:row 3: volume: volume must be a whole number >= 0/);
  // the look-ahead case: trade_date shifted by one day would make the engine read the next day's context
  const shifted = tamper('shifted.arrow', (b) => b.tradeDate.forEach((d, i) => (b.tradeDate[i] = d + 1)));
  const r = importFiles([shifted]);
  assert.deepEqual([...r.bars.tradeDate], [...good.bars.tradeDate]);
  assert.match(r.warnings.join('\n'), /stored calendar columns disagree with ts \(72 trade_date; first: .*shifted\.arrow:row 1: trade_date 20240625, recomputed 20240624\)/);
  // bar_ms = 1e-9 in the metadata looped `data info`
  const buf = Buffer.from(barsToIPC(good.bars, { source: 'x' }));
  const at = buf.indexOf('300000');
  assert.ok(at > 0);
  buf.write('1e-009', at, 'latin1');
  rejects(() => loadBars(write('barms.arrow', buf)), /bar_ms '1e-009' is not a bar length/);
});

test('corrupted Arrow bytes never loop: every 4-byte overwrite of a bar table is loaded valid or refused by name', () => {
  const bytes = barsToIPC(importFiles([GENERIC]).bars, { source: 'x' });
  let accepted = 0;
  let refused = 0;
  for (let off = 0; off + 4 <= bytes.length; off += 4) {
    for (const v of [100000, 0x7fffffff]) {
      const b = Buffer.from(bytes);
      b.writeUInt32LE(v >>> 0, off);
      const p = write('mut.arrow', b);
      try {
        const { bars } = loadBars(p);
        for (let i = 0; i < bars.n; i++) assert.ok(bars.low[i]! > 0 && bars.high[i]! >= bars.low[i]! && (i === 0 || bars.ts[i]! > bars.ts[i - 1]!));
        accepted++;
      } catch (e) {
        assert.ok(e instanceof MiaError, `offset ${off} value ${v}: raw ${(e as Error).stack}`);
        refused++;
      }
    }
  }
  // apache-arrow looped on 23 of these offsets (value 100000) before the bounded reader
  assert.ok(accepted > 0 && refused > 0);
});

test('data info is linear in rows: a year-long hole is walked by quarter hours, with the exact slot count', () => {
  const p = generic('hole.csv', (r) => {
    r[5]![0] = '2025-06-23T05:00:00Z';
    r[5]![9] = 'ESU25';
  });
  const { bars } = loadBars(p);
  const gaps = findGaps(bars.ts, bars.barMs, bars.contractId);
  const hole = gaps.find((g) => g.missingBars > 1000)!;
  assert.equal(hole.missingBars, (Date.UTC(2025, 5, 23, 5) - Date.UTC(2024, 5, 24, 5, 25)) / 300000);
  assert.equal(hole.kind, 'hole');
  assert.ok(hole.openMissing > 0 && hole.openMissing < hole.missingBars);
  assert.equal(describeBars(bars).rows, 6);
});

test('order-flow presence is recorded at import and read back (computed when the record is absent)', () => {
  const nt = importFiles([NINJA]).bars;
  assert.deepEqual(orderFlowPresence(nt), { columns: false, share: 0 });
  assert.deepEqual(orderFlowPresence(importFiles([GENERIC]).bars), { columns: true, share: 1 });
  const p = write('nt.arrow', barsToIPC(nt, { source: 'x' }));
  assert.equal(readArrowIPC(readFileSync(p), p).metadata.get('order_flow'), '{"columns":false,"share":0}');
  const { orderFlow: _, ...noRecord } = nt;
  assert.deepEqual(orderFlowPresence(noRecord), { columns: false, share: 0 });
});

test('option-chain index paths stay inside their folder; a row without file is a named error', () => {
  const dir = join(tmp, 'chains');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'c.csv'), readFileSync(join(FIX, 'chain', 'chain-walls.csv')));
  const index = (file: string): void => writeFileSync(join(dir, 'index.csv'), `snapshot_id,file,asof_session,kind,underlying_last\ns1,${file},2024-06-21,eod,5460\n`);
  index('../../../../../../etc/passwd');
  rejects(() => buildContext({ chains: [dir] }), /index\.csv:2: file: '..\/..\/..\/..\/..\/..\/etc\/passwd' is outside the index's folder/);
  index('/etc/passwd');
  rejects(() => buildContext({ chains: [dir] }), /is outside the index's folder/);
  writeFileSync(join(dir, 'index.csv'), 'snapshot_id,file,asof_session,kind,underlying_last\ns1\n');
  rejects(() => buildContext({ chains: [dir] }), /index\.csv:2: (file: missing value|asof_session: not a date)/);
  index('c.csv');
  assert.equal(buildContext({ chains: [dir] }).levels.length, 1);
});

test('context inputs: non-finite and absurd values refused; an infinite net GEX cannot be built; context Arrow checked', () => {
  const vix = write('vix.csv', 'date,open,high,low,close\n2024-06-20,12,13,11,1e400\n');
  rejects(() => buildContext({ vix }), /vix\.csv:2: close: not a finite number/);
  const vix2 = write('vix2.csv', '\uFEFFdate,open,high,low,close\n2024-06-20,12,13,11,5000\n');
  rejects(() => buildContext({ vix: vix2 }), /vix2\.csv:2: close: value 5000 is outside the plausible range/);
  const dir = join(tmp, 'chains-inf');
  mkdirSync(dir, { recursive: true });
  const chain = readFileSync(join(FIX, 'chain', 'chain-walls.csv'), 'utf8').split('\n');
  const cols = chain[0]!.split(',');
  const g = cols.indexOf('gamma');
  const row = chain[1]!.split(',');
  row[g] = '1e308';
  writeFileSync(join(dir, 'c.csv'), [chain[0], row.join(','), ...chain.slice(2)].join('\n'));
  writeFileSync(join(dir, 'index.csv'), 'snapshot_id,file,asof_session,kind,underlying_last\ns1,c.csv,2024-06-21,eod,5460\n');
  rejects(() => buildContext({ chains: [dir] }), /c\.csv:2: gamma: value 1e\+308 is outside the plausible range/);
  const ctx = buildContext({ vix: write('vix3.csv', 'date,open,high,low,close\n2024-06-20,12,13,11,12.5\n2024-06-21,12,13,11,12.75\n') }).context;
  const good = write('ctx.arrow', contextToIPC(ctx, { source: 'x' }));
  assert.equal(loadContext(good).context.vixClose[1], 12.75);
  const bad = { ...ctx, vixClose: Float64Array.from([12.5, Infinity]) };
  rejects(() => loadContext(write('ctx-inf.arrow', contextToIPC(bad, { source: 'x' }))), /ctx-inf\.arrow:row 2: vix_close: not a finite plausible value: Infinity/);
  const back = { ...ctx, date: Int32Array.from([20240621, 20240620]) };
  rejects(() => loadContext(write('ctx-order.arrow', contextToIPC(back, { source: 'x' }))), /ctx-order\.arrow:row 2: date: context dates not strictly increasing/);
});

test('mia data import: --out x.parquet writes Parquet, --allow-off-calendar lets schedule-breaking bars in, --json says so', async () => {
  const { Command } = await import('commander');
  const { registerData } = await import('../src/commands/data.ts');
  const cli = async (args: string[]): Promise<string> => {
    const program = new Command().exitOverride();
    registerData(program);
    const w = process.stdout.write.bind(process.stdout);
    let out = '';
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'mia', ...args]);
    } finally {
      process.stdout.write = w;
    }
    return out;
  };
  const pq = join(tmp, 'cli.parquet');
  await cli(['data', 'import', GENERIC, '--out', pq]);
  assert.equal(readFileSync(pq).subarray(0, 4).toString(), 'PAR1');
  assert.equal(loadBars(pq).bars.n, 72);
  const sat = generic('cli-sat.csv', (r) => (r[0]![0] = '2024-06-22T17:00:00Z'));
  await assert.rejects(cli(['data', 'import', sat, '--out', join(tmp, 'sat.arrow')]), /fall outside the CME trading schedule/);
  const doc = JSON.parse(await cli(['data', 'import', sat, '--allow-off-calendar', '--json', '--out', join(tmp, 'sat.arrow')]));
  assert.equal(doc.rows, 6);
  // the table remembers the choice: loading it later does not refuse it
  assert.equal(loadBars(join(tmp, 'sat.arrow')).bars.n, 6);
  assert.deepEqual(doc.order_flow, { columns: true, share: 1 });
});
