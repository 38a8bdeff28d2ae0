import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { contextRowForBars } from '../src/data/context-align.ts';
import { addInputOptions, resolveInputs } from '../src/commands/common.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { BarFlag } from '../src/data/types.ts';
import { describeBars } from '../src/data/info.ts';
import { MiaError } from '../src/util/errors.ts';

const { bars } = loadBars(DEFAULT_BARS_PATH);
const { context } = loadContext(DEFAULT_CONTEXT_PATH);

test('embedded bars: zero-copy typed columns, 12 months of ES 5-minute bars with order flow', () => {
  assert.ok(bars.ts instanceof Float64Array && bars.close instanceof Float64Array && bars.tradeDate instanceof Int32Array);
  assert.equal(bars.barMs, 300_000);
  assert.equal(bars.symbol, 'ES');
  assert.equal(bars.tradeDate[0], 20230920);
  assert.equal(bars.tradeDate[bars.n - 1], 20240920);
  assert.deepEqual(bars.contracts, ['ESZ23', 'ESH24', 'ESM24', 'ESU24']);
  for (let i = 1; i < bars.n; i++) assert.ok(bars.ts[i]! > bars.ts[i - 1]!);
  // ESU24 low of 5120.00 on 2024-08-05 (07:30 CT bar)
  const info = describeBars(bars);
  const u = info.contracts.find((c) => c.code === 'ESU24')!;
  assert.equal(u.low, 5120);
  assert.equal(u.low_at, '2024-08-05 07:30');
  assert.equal(info.roll_points.length, 3);
  assert.equal(info.rth_sessions, 249); // 253 trade dates minus the 4 expiry Fridays (no RTH bar)
});

test('flags: RTH open at 08:30 CT, 78 RTH bars on a normal day, last RTH bar 14:55', () => {
  const d = sliceBars(bars, '2024-08-05', '2024-08-05');
  let rth = 0;
  for (let i = 0; i < d.n; i++) rth += d.rth[i]!;
  assert.equal(rth, 78);
  const open = d.flags.findIndex((f) => (f & BarFlag.RTH_OPEN) !== 0);
  assert.equal(d.ts[open], Date.UTC(2024, 7, 5, 13, 30));
  const last = d.flags.findIndex((f) => (f & BarFlag.LAST_OF_RTH) !== 0);
  assert.equal(d.ts[last], Date.UTC(2024, 7, 5, 19, 55));
  assert.ok(d.flags[0]! & BarFlag.NEW_TRADE_DATE);
  assert.ok(d.flags[d.n - 1]! & BarFlag.LAST_OF_TRADE_DATE);
  assert.equal(d.ts[0], Date.UTC(2024, 7, 4, 22, 0)); // Sunday 17:00 CT
  // early close 2024-07-03: RTH 08:30-12:15 = 45 bars
  const e = sliceBars(bars, '2024-07-03', '2024-07-03');
  let r2 = 0;
  for (let i = 0; i < e.n; i++) r2 += e.rth[i]!;
  assert.equal(r2, 45);
});

test('sliceBars: months and days on the trade date, inclusive; bad input is a MiaError', () => {
  const aug = sliceBars(bars, '2024-08', '2024-08');
  assert.equal(aug.tradeDate[0], 20240801);
  assert.equal(aug.tradeDate[aug.n - 1], 20240830);
  assert.equal(aug.ts.buffer, bars.ts.buffer); // a view, not a copy
  assert.equal(sliceBars(bars, '2024-09').tradeDate[0], 20240903);
  assert.throws(() => sliceBars(bars, '2024-13'), MiaError);
  assert.throws(() => sliceBars(bars, 'Aug'), /expected YYYY-MM or YYYY-MM-DD/);
  assert.throws(() => sliceBars(bars, '2025-01'), /no bars with trade date/);
  assert.throws(() => sliceBars(bars, '2024-08', '2024-07'), /after/);
});

test('contextRowForBars: only rows dated strictly before the trade date (D13)', () => {
  const rows = contextRowForBars(bars, context);
  for (let i = 0; i < bars.n; i += 97) {
    const r = rows[i]!;
    assert.ok(r >= 0);
    assert.ok(context.date[r]! < bars.tradeDate[i]!);
    if (r + 1 < context.n) assert.ok(context.date[r + 1]! >= bars.tradeDate[i]!);
  }
  // Monday 2024-08-05 sees Friday 2024-08-02's VIX close, never Monday's
  const i = bars.tradeDate.indexOf(20240805);
  assert.equal(context.date[rows[i]!], 20240802);
  assert.equal(context.vixClose[rows[i]!], 23.39);
  assert.deepEqual([...contextRowForBars(bars, null).subarray(0, 3)], [-1, -1, -1]);
});

test('resolveInputs: embedded defaults, --context none, --from/--to slice', () => {
  const cmd = addInputOptions(new Command('x').exitOverride());
  cmd.parse(['--from', '2024-08', '--to', '2024-08-15'], { from: 'user' });
  const r = resolveInputs(cmd.opts());
  assert.equal(r.bars.tradeDate[0], 20240801);
  assert.equal(r.bars.tradeDate[r.bars.n - 1], 20240815);
  assert.ok(r.context && r.context.n > 200);
  assert.equal(r.sources.length, 2);
  assert.match(r.sources[0]!.sha256, /^[0-9a-f]{64}$/);
  assert.equal(r.from, '2024-08');
  const c2 = addInputOptions(new Command('y').exitOverride());
  c2.parse(['--context', 'none'], { from: 'user' });
  const r2 = resolveInputs(c2.opts());
  assert.equal(r2.context, null);
  assert.equal(r2.bars.n, bars.n);
  assert.equal(r2.sources.length, 1);
});
