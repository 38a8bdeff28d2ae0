// volume_imbalance_signal's incremental tick table against the formula computed directly from the window's bars
// (ENGINE_SPEC §2.10 with D6, written out below the plain way: sort, group, rank), on random walks that force the
// table's rarer paths: windows wider than the table (it doubles), walks that wrap round the table's end, the
// lowest or highest tick leaving the window, equal volumes, sessions restarting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBars } from './helpers/bars.ts';
import { SessionState } from '../src/engine/session-state.ts';
import { VolumeImbalanceSignal, roundHalfEven } from '../src/engine/features/volume_imbalance_signal.ts';
import type { Bars } from '../src/data/types.ts';
import { MiaError } from '../src/util/errors.ts';

const TICK = 0.25;

/** The feature from the last (up to) 50 bars [from, i], straight from the spec. */
function direct(b: Bars, from: number, i: number, lot: number): number {
  if (!(b.bidVolume[i]! >= 0)) return 0;
  const minLevel = 100 * lot;
  const block = 500 * lot;
  const big = 1000 * lot;
  const byTick = new Map<number, { vol: number; buy: number; sell: number; inst: number }>();
  for (let j = Math.max(from, i - 49); j <= i; j++) {
    const t = roundHalfEven(b.close[j]! / TICK);
    const e = byTick.get(t) ?? { vol: 0, buy: 0, sell: 0, inst: 0 };
    e.vol += b.volume[j]!;
    e.buy += b.askVolume[j]!;
    e.sell += b.bidVolume[j]!;
    if (b.volume[j]! >= block) e.inst += b.volume[j]!;
    byTick.set(t, e);
  }
  const buckets = [...byTick.entries()].sort((x, y) => x[0] - y[0]);
  const levelTicks = buckets.filter(([, e]) => e.vol >= minLevel).map(([t]) => t);
  if (levelTicks.length === 0) return 0;
  let gaps = 0;
  for (let k = 1; k < levelTicks.length; k++) if (levelTicks[k]! - levelTicks[k - 1]! > 5) gaps++;
  if (levelTicks.length < 3) gaps = 0;
  const acc: number[] = [];
  const dist: number[] = [];
  const inst: { inst: number; vol: number; sign: number }[] = [];
  for (const [, e] of buckets) {
    if (e.inst < big || !(e.vol >= minLevel)) continue;
    const br = e.buy + e.sell > 0 ? e.buy / (e.buy + e.sell) : 0.5;
    const isAcc = br > 0.65 && e.inst > e.vol - e.inst;
    const isDist = br < 0.35 && e.inst > e.vol - e.inst;
    if (isAcc) acc.push(Math.min((1.5 * e.inst) / e.vol, 1));
    else if (isDist) dist.push(Math.min((1.5 * e.inst) / e.vol, 1));
    if (e.inst > 0.6 * e.vol) inst.push({ inst: e.inst, vol: e.vol, sign: isAcc ? 1 : isDist ? -1 : 0 });
  }
  const top5 = (xs: number[]): number => [...xs].sort((x, y) => y - x).slice(0, 5).reduce((s, x) => s + x, 0);
  const strength = Math.min(Math.max(top5(acc), top5(dist)) + Math.min(0.1 * Math.min(gaps, 3), 0.3), 1);
  const top = [...inst].sort((x, y) => y.inst - x.inst || y.vol - x.vol).slice(0, 10);
  const total = top.reduce((s, x) => s + x.inst, 0);
  const sentiment = total > 0 ? top.reduce((s, x) => s + x.inst * x.sign, 0) / total : 0;
  const oneSided = acc.length > 0 !== dist.length > 0 ? 1 : 0.5;
  const confidence = (Math.min(levelTicks.length / 20, 1) + Math.min(Math.min(inst.length, 10) / 5, 1) + oneSided) / 3;
  return Math.min(0.5 * strength + 0.3 * Math.abs(sentiment) + 0.2 * confidence, 1);
}

/** A seeded random walk in ticks; `jump` is the chance of a bar moving `jumpTicks` at once. */
function walk(seed: number, n: number, jump: number, jumpTicks: number): Bars {
  let x = seed;
  const rnd = (): number => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const close: number[] = [];
  const volume: number[] = [];
  const bid: number[] = [];
  let t = 20_000;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    t += r < jump / 2 ? -jumpTicks : r < jump ? jumpTicks : Math.round((rnd() - 0.5) * 6);
    close.push(t * TICK);
    // whole volumes, some tied, with a heavy tail (big bars), and one-sided flow often enough to make zones
    const v = rnd() < 0.2 ? 500 * (1 + Math.floor(rnd() * 4)) : 1 + Math.floor(rnd() ** 3 * 6000);
    volume.push(v);
    const side = rnd();
    bid.push(Math.floor(v * (side < 0.3 ? 0.1 * rnd() : side < 0.6 ? 0.9 + 0.1 * rnd() : rnd())));
  }
  return makeBars({ close, volume, bidVolume: bid, askVolume: volume.map((v, i) => v - bid[i]!) });
}

function compare(b: Bars, sessionLength: number): number {
  const s = new SessionState(TICK);
  const f = new VolumeImbalanceSignal(TICK);
  let from = 0;
  let worst = 0;
  for (let i = 0; i < b.n; i++) {
    if (i % sessionLength === 0) {
      s.reset();
      f.reset();
      from = i;
    }
    s.update(b, i);
    const got = f.update(b, i, s);
    const want = direct(b, from, i, s.lot);
    worst = Math.max(worst, Math.abs(got - want));
  }
  return worst;
}

test('volume_imbalance: the incremental table equals the direct formula on ordinary walks and restarts', () => {
  for (const seed of [1, 2, 3]) assert.ok(compare(walk(seed, 3000, 0, 0), 700) <= 1e-12, `seed ${seed}`);
});

test('volume_imbalance: windows wider than the table (it doubles) and walks round its end', () => {
  // jumps of 900 ticks make 50-bar windows span thousands of ticks: the 1,024-slot table grows, and slots wrap
  for (const seed of [4, 5]) assert.ok(compare(walk(seed, 2500, 0.05, 900), 10_000) <= 1e-12, `seed ${seed}`);
  // two prices 1,020 ticks apart in the 1,024-slot table: the highest tick's slot sits just below the lowest's, in
  // the same bitmap word, so the ordered walk comes back round to where it started and must stop there
  const close = Array.from({ length: 120 }, (_, i) => (i % 2 ? 20_010 + 1_020 : 20_010) * TICK);
  assert.ok(compare(makeBars({ close, volume: close.map(() => 700), bidVolume: close.map((_, i) => 100 + i) }), 1000) <= 1e-12);
  // one huge jump (2^16 ticks) then back: a 128k-slot table, the lowest tick leaving the window
  assert.ok(compare(walk(6, 1500, 0.002, 65_536), 1500) <= 1e-12);
});

test('volume_imbalance: a window over 4 M ticks is a named error, not a silent wrong value', () => {
  const b = makeBars({ close: [100, 100 + 4_194_304 * TICK], volume: [500, 500], bidVolume: [250, 250], askVolume: [250, 250] });
  assert.throws(() => compare(b, 10), (e: unknown) => e instanceof MiaError && /span \d+ ticks.*tick size/.test(e.message));
});
