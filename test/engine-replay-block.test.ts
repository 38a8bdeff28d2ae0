// The replay stages its outputs in 256-bar blocks (src/engine/replay-block.ts). Its columns must equal, bit for bit,
// the engine's per-bar values written straight into the columns (the replay loop before the block): ETH (runs of
// consecutive bars, one copy per column) and RTH (bars skipped between sessions, the scatter path), across block
// ends, with a contract change and a data gap in the series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBars } from './helpers/bars.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { Engine } from '../src/engine/engine.ts';
import { emptyDayContext } from '../src/engine/feature.ts';
import { BarFlag } from '../src/data/types.ts';
import type { Bars } from '../src/data/types.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';
import type { EngineConfig } from '../src/engine/types.ts';

/** Six days of 5-minute bars (1,700 bars), a 2-hour hole on day 3 and a contract change on day 5. */
function series(): Bars {
  const t0 = Date.parse('2024-06-02T22:00:00Z'); // Sunday 17:00 CT, the week's first ETH bar
  const ts: number[] = [];
  for (let i = 0; ts.length < 1700; i++) if (i < 700 || i >= 724) ts.push(t0 + i * 300_000);
  const close = ts.map((_, i) => 5300 + Math.round(40 * Math.sin(i / 29) + 9 * Math.cos(i / 5)) / 4);
  return makeBars({
    close,
    open: close.map((c, i) => (i ? close[i - 1]! : c)),
    high: close.map((c, i) => Math.max(c, i ? close[i - 1]! : c) + 0.25 * (i % 3)),
    low: close.map((c, i) => Math.min(c, i ? close[i - 1]! : c) - 0.25 * (i % 4)),
    volume: close.map((_, i) => 200 + ((i * 7919) % 2300)),
    bidVolume: close.map((_, i) => 90 + ((i * 104729) % 1100)),
    ts,
    contractId: ts.map((_, i) => (i < 1300 ? 0 : 1)),
  });
}

/** The reference: Engine.step per fed bar, values stored straight into each column (no context). */
function direct(b: Bars, config: EngineConfig): { cols: Float64Array[]; avail: Uint8Array[]; score: Float64Array; tier: Uint8Array; direction: Int8Array; active: Uint8Array } {
  const eth = config.session === 'eth';
  const cols = FEATURE_NAMES.map(() => new Float64Array(b.n).fill(eth ? 0 : NaN));
  const avail = FEATURE_NAMES.map(() => new Uint8Array(b.n));
  const score = new Float64Array(b.n).fill(eth ? 0 : NaN);
  const tier = new Uint8Array(b.n);
  const direction = new Int8Array(b.n);
  const active = new Uint8Array(b.n);
  const e = new Engine(config, b.barMs);
  const day = emptyDayContext();
  let last = '';
  let pending = true;
  for (let i = 0; i < b.n; i++) {
    if (b.flags[i]! & (BarFlag.NEW_CONTRACT | BarFlag.AFTER_GAP)) pending = true;
    if (!eth && b.rth[i] !== 1) continue;
    const key = `${b.tradeDate[i]}/${b.contractId[i]}`;
    if (key !== last) pending = true;
    last = key;
    if (pending) e.reset();
    pending = false;
    e.step(b, i, day);
    for (let k = 0; k < 10; k++) {
      cols[k]![i] = e.values[k]!;
      avail[k]![i] = e.available[k]!;
    }
    score[i] = e.score;
    tier[i] = e.tier;
    direction[i] = e.direction;
    active[i] = 1;
  }
  return { cols, avail, score, tier, direction, active };
}

for (const session of ['eth', 'rth'] as const) {
  test(`replay's staged columns equal the per-bar engine values (${session})`, () => {
    const b = series();
    const config = { ...defaultEngineConfig(), session };
    const out = replay(b, null, config);
    const want = direct(b, config);
    let fed = 0;
    for (let i = 0; i < b.n; i++) fed += want.active[i]!;
    // enough bars for several full blocks plus a partial one, and (RTH) skipped bars between them
    assert.ok(fed > 300 && (session === 'eth' ? fed === b.n : fed < b.n / 2), `fed ${fed}`);
    FEATURE_NAMES.forEach((name, k) => {
      for (let i = 0; i < b.n; i++) {
        assert.ok(Object.is(out.features[name][i], want.cols[k]![i]), `${name}[${i}]: ${out.features[name][i]} vs ${want.cols[k]![i]}`);
        assert.equal(out.available[name][i], want.avail[k]![i], `${name}.available[${i}]`);
      }
    });
    for (let i = 0; i < b.n; i++) {
      assert.ok(Object.is(out.score[i], want.score[i]), `score[${i}]`);
      assert.equal(out.tier[i], want.tier[i], `tier[${i}]`);
      assert.equal(out.direction[i], want.direction[i], `direction[${i}]`);
      assert.equal(out.active[i], want.active[i], `active[${i}]`);
    }
    // the series is not degenerate: scores move and some bars trade a side
    assert.ok(new Set(Array.from(want.score).filter((x) => x === x)).size > 50);
    assert.ok(want.direction.some((d) => d !== 0));
  });
}
