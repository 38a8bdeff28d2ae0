import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { importFiles } from '../src/data/import/import.ts';
import { registerData } from '../src/commands/data.ts';
import { loadBars } from '../src/data/load.ts';
import { BarFlag } from '../src/data/types.ts';
import { InputError, MiaError } from '../src/util/errors.ts';

const FIX = new URL('./fixtures/data/', import.meta.url).pathname;
const SHARED = join(FIX, 'shared-5m-roll.csv');
const SIERRA = join(FIX, 'ESU24-CME.scid_BarData__5m.txt');
const NINJA = join(FIX, 'ninjatrader-ESU24.Last.txt');
const GENERIC = join(FIX, 'generic-esu24.csv');
const tmp = mkdtempSync(join(tmpdir(), 'mia-data-import-'));
const HEADER = 'ts_ct,time_unix,contract,open,high,low,close,volume,trades,bid_volume,ask_volume,roll_week\n';
const ROW1 = '2024-08-05T07:30:00-05:00,1722861000,ESU24,5130,5133,5120,5125.5,9000,5000,4600,4400,0\n';
const ROW2 = '2024-08-05T07:35:00-05:00,1722861300,ESU24,5125.5,5131,5124,5130,7000,4000,3000,3900,0\n';

function write(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

async function cli(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerData(program);
  await program.parseAsync(['node', 'mia', ...args]);
}

test('shared real CSV: times, contracts, roll flags and derived columns', () => {
  const { bars, sources, formats } = importFiles([SHARED]);
  assert.equal(formats[0], 'shared');
  assert.equal(bars.n, 179);
  assert.equal(bars.barMs, 300_000);
  assert.deepEqual(bars.contracts, ['ESM24', 'ESU24']);
  assert.equal(bars.symbol, 'ES');
  assert.equal(sources[0]!.rows, 179);
  assert.equal(bars.ts[0], 1718931600_000);
  // the roll: first ESU24 bar Monday 2024-06-24 00:00 CT, flagged and after a hole
  const r = bars.contractId.indexOf(1);
  assert.equal(bars.ts[r], Date.UTC(2024, 5, 24, 5, 0));
  assert.ok(bars.flags[r]! & BarFlag.NEW_CONTRACT);
  assert.ok(bars.flags[r]! & BarFlag.AFTER_GAP);
  assert.ok(bars.flags[r - 1]! & BarFlag.LAST_OF_CONTRACT);
  assert.equal(bars.tradeDate[r], 20240624);
  assert.equal(bars.rollWeek[r - 1], 1); // ESM24 on expiry day
  assert.equal(bars.rollWeek[r], 0);
  // 2024-06-20 20:00 CT belongs to trade date 2024-06-21
  assert.equal(bars.tradeDate[0], 20240621);
  assert.ok(bars.flags[0]! & BarFlag.NEW_TRADE_DATE);
  // expiry Friday has no RTH (last bar 08:25)
  for (let i = 0; i < r; i++) assert.equal(bars.rth[i], 0);
});

test('Sierra Chart, NinjaTrader and generic exports give the same bars as the shared CSV', () => {
  const ref = importFiles([SHARED]).bars;
  const k0 = ref.contractId.indexOf(1);
  const sierra = importFiles([SIERRA]).bars; // Chicago local time; contract from the file name
  const ninja = importFiles([NINJA], { tz: 'America/New_York', contract: 'ESU24' }).bars; // ET, bar END stamps
  const generic = importFiles([GENERIC]).bars;
  for (const b of [sierra, ninja, generic]) {
    assert.equal(b.n, 72);
    assert.deepEqual(b.contracts, ['ESU24']);
    // the roll excerpt holds the first 36 ESU24 bars
    for (let i = 0; i < ref.n - k0; i++) {
      assert.equal(b.ts[i], ref.ts[k0 + i]);
      assert.equal(b.close[i], ref.close[k0 + i]);
      assert.equal(b.tradeDate[i], ref.tradeDate[k0 + i]);
    }
  }
  assert.equal(sierra.bidVolume[3], ref.bidVolume[k0 + 3]);
  assert.equal(sierra.trades[3], ref.trades[k0 + 3]);
  assert.ok(Number.isNaN(ninja.bidVolume[0]!), 'NinjaTrader plain exports carry no bid/ask split');
  // without --contract the NinjaTrader file name gives it
  assert.deepEqual(importFiles([NINJA], { tz: 'America/New_York' }).bars.contracts, ['ESU24']);
});

test('several files are merged and sorted; contract inferred from the date when nothing names it', () => {
  const a = write('late.csv', HEADER + ROW2);
  const b = write('early.csv', HEADER + ROW1);
  const { bars } = importFiles([a, b]);
  assert.equal(bars.n, 2);
  assert.ok(bars.ts[0]! < bars.ts[1]!);
  const g = write('nocontract.csv', 'ts,open,high,low,close,volume,bid_volume,ask_volume\n2024-08-05T12:30:00Z,5130,5133,5120,5125.5,9000,4600,4400\n');
  assert.deepEqual(importFiles([g]).bars.contracts, ['ESU24']);
});

const bad: [string, string, RegExp][] = [
  ['truncated.csv', HEADER + ROW1 + '2024-08-05T07:35:00-05:00,1722861300,ESU24,5125.5', /truncated\.csv:3: row: truncated last line/],
  ['nonnum.csv', HEADER + ROW1 + ROW2.replace('5131', '51x1'), /nonnum\.csv:3: high: not a number: '51x1'/],
  ['highlow.csv', HEADER + ROW1.replace('5133,5120', '5119,5120'), /highlow\.csv:2: high: high 5119 < low 5120/],
  ['dup.csv', HEADER + ROW1 + ROW1, /dup\.csv:3: ts: duplicate timestamp 2024-08-05T12:30:00\.000Z \(same bar start as .*dup\.csv:2\)/],
  ['tick.csv', HEADER + ROW1.replace('5125.5', '5125.3'), /tick\.csv:2: close: price 5125\.3 is not a multiple of the tick 0\.25/],
  ['bidask.csv', HEADER + ROW1.replace('4600,4400', '4600,4401'), /bidask\.csv:2: ask_volume: bid volume 4600 \+ ask volume 4401 > volume 9000/],
  ['unknowncol.csv', HEADER.replace('roll_week', 'mood') + ROW1, /unknowncol\.csv:1: mood: unknown column/],
  ['offset.csv', HEADER + ROW1.replace('-05:00', '-06:00'), /offset\.csv:2: ts_ct: .* disagrees with time_unix/],
  ['rollweek.csv', HEADER + ROW1.replace(/,0\n$/, ',1\n'), /rollweek\.csv:2: roll_week: roll_week 1 disagrees with the calendar/],
];

for (const [name, text, re] of bad) {
  test(`rejects bad input: ${name}`, () => {
    const p = write(name, text);
    assert.throws(() => importFiles([p]), (e: unknown) => e instanceof InputError && re.test(e.message));
  });
}

test('unknown time zone is rejected', () => {
  assert.throws(() => importFiles([SIERRA], { tz: 'America/Chicag' }), (e: unknown) => e instanceof MiaError && /unknown time zone 'America\/Chicag'/.test(e.message));
});

test('--skip-bad-rows reports every skipped row and keeps the rest', () => {
  const p = write('mixed.csv', HEADER + ROW1 + ROW1 + ROW2.replace('5131', 'abc'));
  const r = importFiles([p], { skipBadRows: true });
  assert.equal(r.bars.n, 1);
  assert.deepEqual(
    r.skipped.map((s) => [s.line, s.field]),
    [
      [4, 'high'],
      [3, 'ts'],
    ],
  );
});

test('mia data import: bad input exits with an error and leaves no output file; good input writes Arrow', async () => {
  mkdirSync(join(tmp, 'out'));
  const out = join(tmp, 'out', 'x.arrow');
  const p = write('cli-bad.csv', HEADER + ROW1 + ROW1);
  await assert.rejects(cli(['data', 'import', p, '--out', out]), /duplicate timestamp/);
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(join(tmp, 'out')).filter((f) => f.startsWith('x.arrow')), []);
  await assert.rejects(cli(['data', 'import', SIERRA, '--tz', 'Nowhere/Land', '--out', out]), /unknown time zone/);
  assert.equal(existsSync(out), false);
  const orig = process.stdout.write;
  let printed = '';
  process.stdout.write = ((s: string) => ((printed += s), true)) as typeof process.stdout.write;
  try {
    await cli(['data', 'import', SHARED, '--out', out, '--json']);
  } finally {
    process.stdout.write = orig;
  }
  const summary = JSON.parse(printed) as { rows: number; contracts: string[] };
  assert.equal(summary.rows, 179);
  const { bars } = loadBars(out);
  assert.equal(bars.n, 179);
  assert.deepEqual(bars.contracts, ['ESM24', 'ESU24']);
  assert.equal(bars.close[100], importFiles([SHARED]).bars.close[100]);
  // deterministic: the same import writes the same bytes
  const again = join(tmp, 'again.arrow');
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await cli(['data', 'import', SHARED, '--out', again]);
  } finally {
    process.stdout.write = orig;
  }
  assert.deepEqual(readFileSync(again), readFileSync(out));
});
