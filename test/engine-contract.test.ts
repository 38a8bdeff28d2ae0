// The feature contract on real bars (embedded data/es-5m.arrow): every feature's output is finite and in
// [0,1], the replay is deterministic, and it is causal — outputs up to bar k do not depend on any bar after k.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadBars } from '../src/data/load.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { emptyContext } from '../src/data/context-arrow.ts';
import type { Bars, DailyContext } from '../src/data/types.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';
import type { EngineOutput } from '../src/engine/types.ts';
import { sliceRange } from './helpers/bars.ts';
import { ES_5M_FILES, SKIP_SHARED } from './helpers/shared.ts';

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: embedded data/es-5m.arrow not built yet';
const N = 6000; // about three weeks of ETH bars: many sessions, overnight and RTH

let cached: Bars | null = null;
function realBars(): Bars {
  cached ??= sliceRange(loadBars(DEFAULT_BARS_PATH).bars, 0, N);
  return cached;
}

/** A context that exercises every options input: SPX = ES close - 40, walls +/- 30, flip at the close, GEX alternating sign. */
function syntheticContext(b: Bars): DailyContext {
  const dates = [...new Set(Array.from(b.tradeDate))].sort((x, y) => x - y);
  const c = emptyContext(dates.length);
  const lastClose = new Map<number, number>();
  for (let i = 0; i < b.n; i++) if (b.rth[i]) lastClose.set(b.tradeDate[i]!, b.close[i]!);
  dates.forEach((d, r) => {
    const es = lastClose.get(d) ?? NaN;
    c.date[r] = d;
    c.spxClose[r] = es - 40;
    c.callWall[r] = es - 40 + 5;
    c.putWall[r] = es - 40 - 5;
    c.gammaFlip[r] = es - 40;
    c.gex[r] = (r % 2 ? -1 : 1) * 3e9;
    c.putCallRatio[r] = 0.6 + 0.1 * (r % 10);
    c.callVolume[r] = 1000 + r;
    c.putVolume[r] = 1200;
  });
  return c;
}

function assertRange(out: EngineOutput): void {
  for (const name of FEATURE_NAMES) {
    const col = out.features[name];
    for (let i = 0; i < out.n; i++) {
      if (!out.active[i]) {
        assert.ok(Number.isNaN(col[i]), `${name}[${i}] should be NaN on an inactive bar`);
        continue;
      }
      const v = col[i]!;
      assert.ok(Number.isFinite(v) && v >= 0 && v <= 1, `${name}[${i}] = ${v} outside [0,1]`);
    }
  }
  for (let i = 0; i < out.n; i++) if (out.active[i]) assert.ok(out.score[i]! >= 0 && out.score[i]! <= 1);
}

function assertPrefixEqual(a: EngineOutput, b: EngineOutput, k: number, what: string): void {
  for (const name of FEATURE_NAMES) {
    for (let i = 0; i <= k; i++) assert.ok(Object.is(a.features[name][i], b.features[name][i]), `${what}: ${name}[${i}] differs (k = ${k})`);
  }
  for (let i = 0; i <= k; i++) {
    assert.ok(Object.is(a.score[i], b.score[i]) && a.tier[i] === b.tier[i] && a.direction[i] === b.direction[i], `${what}: score/tier/direction[${i}] differs (k = ${k})`);
  }
}

for (const session of ['eth', 'rth'] as const) {
  test(`contract (${session}): every feature finite and in [0,1], with and without context`, { skip: SKIP }, () => {
    const bars = realBars();
    const config = { ...defaultEngineConfig(), session };
    const plain = replay(bars, null, config);
    assertRange(plain);
    const ctx = replay(bars, syntheticContext(bars), config);
    assertRange(ctx);
    // the synthetic context must actually reach the options features
    let g = 0;
    let o = 0;
    for (let i = 0; i < bars.n; i++) {
      g += ctx.available.gamma_levels_proximity[i]!;
      o += ctx.available.options_flow_bias[i]!;
    }
    assert.ok(g > 0 && o > 0);
  });

  test(`contract (${session}): deterministic — two replays are bit-identical`, { skip: SKIP }, () => {
    const bars = realBars();
    const config = { ...defaultEngineConfig(), session };
    const ctx = syntheticContext(bars);
    const a = replay(bars, ctx, config);
    const b = replay(bars, ctx, config);
    assertPrefixEqual(a, b, bars.n - 1, 'rerun');
  });

  test(`contract (${session}): causal — a prefix 0..k and poisoned bars after k leave outputs 0..k unchanged`, { skip: SKIP }, () => {
    const bars = realBars();
    const config = { ...defaultEngineConfig(), session };
    const ctx = syntheticContext(bars);
    const full = replay(bars, ctx, config);
    for (const k of [0, 1, 17, 250, 1234, 2999, 4321, bars.n - 2]) {
      const prefix = replay(sliceRange(bars, 0, k + 1), ctx, config);
      assertPrefixEqual(full, prefix, k, 'prefix');
      const poisoned = sliceRange(bars, 0, bars.n);
      for (let i = k + 1; i < bars.n; i++) {
        poisoned.open[i] = poisoned.high[i] = poisoned.low[i] = poisoned.close[i] = NaN;
        poisoned.volume[i] = poisoned.bidVolume[i] = poisoned.askVolume[i] = NaN;
      }
      assertPrefixEqual(full, replay(poisoned, ctx, config), k, 'poisoned');
    }
  });
}

test('contract on the 5-year shared series (2019-12 file): range holds on every bar, ETH', { skip: SKIP_SHARED }, () => {
  const bars = loadBars(ES_5M_FILES[0]!).bars;
  const out = replay(bars, null, { ...defaultEngineConfig(), session: 'eth' });
  assertRange(out);
});
