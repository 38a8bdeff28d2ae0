// ENGINE_SPEC §7: one test per decision D1-D18, each written so that the original's defect would fail it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VWAP, getCorrelation } from 'trading-signals';
import { makeBars, runFeature, day } from './helpers/bars.ts';
import { emptyContext } from '../src/data/context-arrow.ts';
import type { Bars } from '../src/data/types.ts';
import { sideAlignedScore } from '../src/engine/confluence.ts';
import { DEFAULT_WEIGHTS, DIRECTIONAL, defaultEngineConfig, tierOf } from '../src/engine/config.ts';
import { CODE_THRESHOLDS, DEFAULT_THRESHOLDS, FEATURE_NAMES, Tier } from '../src/engine/types.ts';
import { replay } from '../src/engine/replay.ts';
import { Engine } from '../src/engine/engine.ts';
import { emptyDayContext } from '../src/engine/feature.ts';
import { fillDayContext, rthClosesByDate } from '../src/engine/day-context.ts';
import { GammaLevelsProximity } from '../src/engine/features/gamma_levels_proximity.ts';
import { VolumeConfirmation } from '../src/engine/features/volume_confirmation.ts';
import { VwapTrendSignal } from '../src/engine/features/vwap_trend_signal.ts';
import { SierraPatternStrength } from '../src/engine/features/sierra_pattern_strength.ts';
import { MtfConfluenceScore } from '../src/engine/features/mtf_confluence_score.ts';
import { SmartMoneyStrength } from '../src/engine/features/smart_money_strength.ts';
import { VwapBandsSignal } from '../src/engine/features/vwap_bands_signal.ts';
import { VolumeImbalanceSignal } from '../src/engine/features/volume_imbalance_signal.ts';
import { OrderBookImbalance } from '../src/engine/features/order_book_imbalance.ts';
import { OptionsFlowBias } from '../src/engine/features/options_flow_bias.ts';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const W = Float64Array.from(FEATURE_NAMES, (n) => DEFAULT_WEIGHTS[n]);
const MASK = Uint8Array.from(FEATURE_NAMES, (n) => (DIRECTIONAL[n] ? 1 : 0));

/** A wandering RTH session with order flow (deterministic). */
function session(n = 78, seed = 1): Bars {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const close: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const vol: number[] = [];
  const bid: number[] = [];
  let p = 5400;
  for (let i = 0; i < n; i++) {
    const o = p;
    p = Math.round((p + (rnd() - 0.48) * 6) * 4) / 4;
    open.push(o);
    close.push(p);
    high.push(Math.max(o, p) + Math.floor(rnd() * 8) / 4);
    low.push(Math.min(o, p) - Math.floor(rnd() * 8) / 4);
    const v = 500 + Math.floor(rnd() * 5000);
    vol.push(v);
    bid.push(Math.floor(v * rnd()));
  }
  return makeBars({ open, high, low, close, volume: vol, bidVolume: bid, askVolume: vol.map((v, i) => v - bid[i]!) });
}

test('D1: a short scores like its mirrored long; the side comes from the directional vote with a 0.05 dead band', () => {
  const long = Float64Array.from([0.26, 0.4, 0.8, 0, 0.7, 0.65, 0.3, 0.5, 0.6, 0.55]);
  const mirrored = long.map((f, k) => (MASK[k] ? 1 - f : f));
  const s1 = new Int8Array(1);
  const s2 = new Int8Array(1);
  const a = sideAlignedScore(long, W, MASK, 0.05, s1);
  const b = sideAlignedScore(mirrored, W, MASK, 0.05, s2);
  assert.equal(s1[0], 1);
  assert.equal(s2[0], -1);
  close(a, b, 1e-15);
  // the original (unsigned score, no mirroring) would score the bearish setup lower
  let unsigned = 0;
  mirrored.forEach((f, k) => (unsigned += W[k]! * f));
  assert.ok(unsigned < b - 0.02);
  // dead band: vote V = sum w * 2 (f - 0.5) over directional features; |V| < 0.05 -> direction 0, scored as long
  const flat = Float64Array.from([0.2, 0.3, 0.5, 0, 0.6, 0.5, 0.1, 0.2, 0.5, 0.5]); // V = 0.10 * 2 * 0.1 = 0.02
  const s3 = new Int8Array(1);
  const sc = sideAlignedScore(flat, W, MASK, 0.05, s3);
  assert.equal(s3[0], 0);
  let asLong = 0;
  flat.forEach((f, k) => (asLong += W[k]! * f));
  close(sc, asLong, 1e-15);
});

test('D2: seed thresholds 0.38/0.32/0.28/0.18 (the code variant 0.30/0.25 kept separately)', () => {
  assert.equal(tierOf(0.31, DEFAULT_THRESHOLDS), Tier.GOOD); // the code's 0.30 would say STRONG
  assert.equal(tierOf(0.26, DEFAULT_THRESHOLDS), Tier.WEAK); // the code's 0.25 would say GOOD
  assert.equal(tierOf(0.31, CODE_THRESHOLDS), Tier.STRONG);
  assert.equal(tierOf(0.38, DEFAULT_THRESHOLDS), Tier.PREMIUM);
  assert.equal(tierOf(0.1799, DEFAULT_THRESHOLDS), Tier.NO_TRADE);
  // the seed's printed tiers of its 19 scores are reproduced by these thresholds (checked in engine-scenarios)
});

test('D3: missing inputs -> directional 0.5, unsigned 0.0, flagged; the weight sum is not renormalised', () => {
  const b = makeBars({ close: [5400], volume: [1000], bidVolume: [NaN], askVolume: [NaN] });
  const e = new Engine(defaultEngineConfig(), b.barMs);
  e.reset();
  e.step(b, 0, emptyDayContext());
  const v = Object.fromEntries(FEATURE_NAMES.map((n, k) => [n, e.values[k]!]));
  const a = Object.fromEntries(FEATURE_NAMES.map((n, k) => [n, e.available[k]!]));
  assert.equal(v.gamma_levels_proximity, 0);
  assert.equal(a.gamma_levels_proximity, 0);
  assert.equal(v.options_flow_bias, 0.5);
  assert.equal(a.options_flow_bias, 0);
  assert.equal(v.order_book_imbalance, 0.5);
  assert.equal(a.order_book_imbalance, 0);
  assert.equal(v.sierra_pattern_strength, 0);
  assert.equal(v.vwap_trend_signal, 0.5);
  // score = sum w f over all ten: the missing ones contribute their defaults, nothing is divided away
  let s = 0;
  FEATURE_NAMES.forEach((n, k) => (s += W[k]! * e.values[k]!));
  close(e.score, Math.min(1, Math.max(0, s)), 1e-15);
});

test('D4: no clock, no randomness, no cache — replay runs with Date.now, Math.random and performance.now disabled', () => {
  const b = session(200);
  const saved = { now: Date.now, random: Math.random, perf: performance.now };
  const boom = () => {
    throw new Error('the engine must not read a clock or a random generator');
  };
  Date.now = boom;
  Math.random = boom;
  performance.now = boom;
  let a;
  let c;
  try {
    a = replay(b, null, { ...defaultEngineConfig(), session: 'eth' });
    c = replay(b, null, { ...defaultEngineConfig(), session: 'eth' });
  } finally {
    Date.now = saved.now;
    Math.random = saved.random;
    performance.now = saved.perf;
  }
  assert.deepEqual(a.score, c.score);
  // identical consecutive bars still advance the histories (the original's 60 s cache skipped them)
  const same = makeBars({ close: Array(12).fill(5400), volume: Array(12).fill(1000), ts: Array(12).fill(Date.parse('2024-06-03T14:00:00Z')) });
  const vc = runFeature(new VolumeConfirmation(), same).v;
  assert.notEqual(vc[9], vc[8]); // the 10-bar part switches on at the 10th call
});

test('D5: order book from bar bid/ask volume, never the mock book constant 0.51282', () => {
  const r = runFeature(new OrderBookImbalance(), session(30));
  assert.ok(r.v.every((x) => Math.abs(x - 0.51282) > 1e-4));
  assert.ok(new Set(r.v.map((x) => x.toFixed(6))).size > 10);
});

test('D6: volume imbalance is a deterministic function of the last 50 bars (no simulated trades), scale-free in volume', () => {
  const b = session(120);
  const a = runFeature(new VolumeImbalanceSignal(0.25), b).v;
  const c = runFeature(new VolumeImbalanceSignal(0.25), b).v;
  assert.deepEqual(a, c);
  // thresholds scale with the median volume: 10x every volume gives the same feature
  const x10 = makeBars({ open: [...b.open], high: [...b.high], low: [...b.low], close: [...b.close], volume: [...b.volume].map((v) => 10 * v), bidVolume: [...b.bidVolume].map((v) => 10 * v), askVolume: [...b.askVolume].map((v) => 10 * v) });
  const d = runFeature(new VolumeImbalanceSignal(0.25), x10).v;
  a.forEach((v, i) => close(d[i]!, v, 1e-12));
  // a window older than 50 bars is forgotten: bars 0..69 vs bars 20..69 agree at the end
  const tail = makeBars({ open: [...b.open].slice(20, 70), high: [...b.high].slice(20, 70), low: [...b.low].slice(20, 70), close: [...b.close].slice(20, 70), volume: [...b.volume].slice(20, 70), bidVolume: [...b.bidVolume].slice(20, 70), askVolume: [...b.askVolume].slice(20, 70) });
  const full = makeBars({ open: [...b.open].slice(0, 70), high: [...b.high].slice(0, 70), low: [...b.low].slice(0, 70), close: [...b.close].slice(0, 70), volume: [...b.volume].slice(0, 70), bidVolume: [...b.bidVolume].slice(0, 70), askVolume: [...b.askVolume].slice(0, 70) });
  // the median window (also 50) matches too, so the last values are equal
  assert.equal(runFeature(new VolumeImbalanceSignal(0.25), full).v[69], runFeature(new VolumeImbalanceSignal(0.25), tail).v[49]);
});

test('D7: one session-anchored VWAP on typical price, reset at the session open (oracle: trading-signals VWAP)', () => {
  const b = session(60);
  const r = runFeature(new VwapBandsSignal(), b);
  const oracle = new VWAP();
  for (let i = 0; i < b.n; i++) oracle.add({ high: b.high[i]!, low: b.low[i]!, close: b.close[i]!, volume: b.volume[i]! });
  close(r.s.vwap.vwap, oracle.getResult() as number, 1e-9);
  // in a replay, the second day's VWAP starts over: day-2 outputs equal a replay of day 2 alone
  const two = makeBars({
    ts: [...Array.from({ length: 78 }, (_, i) => Date.parse('2024-06-03T13:30:00Z') + i * 300000), ...Array.from({ length: 78 }, (_, i) => Date.parse('2024-06-04T13:30:00Z') + i * 300000)],
    open: [...b.open, ...b.open, ...b.open].slice(0, 156),
    close: [...b.close, ...b.close, ...b.close].slice(0, 156),
    high: [...b.high, ...b.high, ...b.high].slice(0, 156),
    low: [...b.low, ...b.low, ...b.low].slice(0, 156),
    volume: [...b.volume, ...b.volume, ...b.volume].slice(0, 156),
    bidVolume: [...b.bidVolume, ...b.bidVolume, ...b.bidVolume].slice(0, 156),
  });
  const both = replay(two, null, defaultEngineConfig());
  const day2 = makeBars({
    ts: Array.from({ length: 78 }, (_, i) => Date.parse('2024-06-04T13:30:00Z') + i * 300000),
    open: [...two.open].slice(78), close: [...two.close].slice(78), high: [...two.high].slice(78), low: [...two.low].slice(78),
    volume: [...two.volume].slice(78), bidVolume: [...two.bidVolume].slice(78),
  });
  const alone = replay(day2, null, defaultEngineConfig());
  for (let i = 0; i < 78; i++) assert.equal(both.score[78 + i], alone.score[i]);
});

test('D8: breakout normalised by sigma, not by the price level', () => {
  // 20 bars alternating 5399/5401 (sigma 1), then a close at 5402.5: 1.5 sigma above VWAP
  const c = [...Array.from({ length: 20 }, (_, i) => (i % 2 ? 5401 : 5399)), 5402.5];
  const r = runFeature(new VwapBandsSignal(), makeBars({ close: c, high: c, low: c }));
  const s = r.s.vwap;
  const up1 = s.vwap + s.sigma;
  const d8 = Math.min((5402.5 - up1) / s.sigma, 1);
  const original = Math.min((10 * (5402.5 - up1)) / up1, 1); // ~0.0007: the original term was ~0
  assert.ok(d8 > 0.3 && original < 0.005, `${d8} ${original}`);
  const trend = Math.min(Math.abs(s.slopeTicks) / 5, 1) + (s.slopeTicks > 0 ? 0.3 : 0);
  const up2 = s.vwap + 2 * s.sigma;
  const rejection = 5402.5 > up2 ? Math.min((2 * (5402.5 - up2)) / (4 * s.sigma), 1) : 0;
  close(r.v[20]!, 0.4 * rejection + 0.3 * d8 + 0.3 * Math.min(trend, 1), 1e-9);
});

test('D9: a zero-width band does not zero the bar: vwap_trend keeps 0.5-neighbourhood, other features unaffected', () => {
  const c = Array(20).fill(5400);
  const b = makeBars({ close: c, high: c, low: c, volume: Array(20).fill(1000) });
  const e = new Engine(defaultEngineConfig(), b.barMs);
  e.reset();
  for (let i = 0; i < b.n; i++) e.step(b, i, emptyDayContext());
  // the original's blanket exception would set all 8 calculator features to 0.0 (vwap_trend 0, not 0.5)
  close(e.values[2]!, 0.5);
  assert.ok(e.values[1]! > 0); // volume_confirmation still computed
  assert.equal(e.values[6], 0); // vwap_bands: no rejection/breakout, no slope
});

test('D10: MTF alignment is signed and flat bars cast no vote', () => {
  const mk = (o: number, c: number) => makeBars({ open: [o], close: [c], high: [Math.max(o, c) + 1], low: [Math.min(o, c) - 1], volume: [1000] });
  const up = runFeature(new MtfConfluenceScore(300_000, 0.25), mk(5400, 5402)).v[0]!;
  const dn = runFeature(new MtfConfluenceScore(300_000, 0.25), mk(5402, 5400)).v[0]!;
  const flat = runFeature(new MtfConfluenceScore(300_000, 0.25), mk(5400, 5400)).v[0]!;
  assert.ok(up > 0.6 && dn < 0.4, `${up} ${dn}`); // the original gave +0.2 to both
  close(flat, 0.5); // the original: 0.6
});

test('D11: smart-money persistence bonus carries the sign of the flow', () => {
  // three bars of steady selling: persistence 1 must push the score down, not up
  const b = makeBars({ open: [5402, 5401, 5400], close: [5401, 5400, 5399], volume: [1000, 1000, 1000], bidVolume: [600, 600, 600], askVolume: [400, 400, 400] });
  const v = runFeature(new SmartMoneyStrength(), b).v;
  assert.ok(v[2]! < 0.5, `${v[2]}`);
});

test('D12: gamma tents are 8 and 12 ticks of the instrument; SPX levels move into ES prices by the basis', () => {
  // tick 0.5: wall span 4 points -> P 2 points from CW: cp = 0.5 -> 0.325 (+0.1625 regime)
  const b = makeBars({ close: [5400] });
  close(runFeature(new GammaLevelsProximity(0.5), b, day({ callWall: 5402, putWall: 5300, netGammaBn: 1 }), 0.5).v[0]!, 0.325 + 0.1625);
  // basis: previous session's ES RTH close 5450, SPX close 5420 -> +30; an SPX call wall 5425 is ES 5455
  const bars = makeBars({ close: [5450, 5452], ts: [Date.parse('2024-06-03T19:55:00Z'), Date.parse('2024-06-04T13:30:00Z')] });
  const ctx = emptyContext(1);
  ctx.date[0] = 20240603;
  ctx.spxClose[0] = 5420;
  ctx.callWall[0] = 5425;
  ctx.putWall[0] = 5400;
  ctx.gammaFlip[0] = 5410;
  ctx.gex[0] = 2.5e9;
  const out = emptyDayContext();
  fillDayContext(ctx, 0, 0, rthClosesByDate(bars), out);
  assert.deepEqual([out.callWall, out.putWall, out.volTrigger, out.netGammaBn], [5455, 5430, 5440, 2.5]);
  // a different contract since that close: the basis is unknown, the levels are missing (never raw SPX)
  fillDayContext(ctx, 0, 1, rthClosesByDate(bars), out);
  assert.ok(Number.isNaN(out.callWall) && Number.isNaN(out.volTrigger));
  assert.equal(out.netGammaBn, 2.5);
});

test('D13: levels dated the bar\'s own trade date are not used; the previous session\'s are', () => {
  const bars = makeBars({ close: [5400, 5400], ts: [Date.parse('2024-06-03T14:00:00Z'), Date.parse('2024-06-04T14:00:00Z')] });
  const ctx = emptyContext(1);
  ctx.date[0] = 20240603; // published at the close of 06-03
  ctx.putCallRatio[0] = 0.5;
  const out = replay(bars, ctx, defaultEngineConfig());
  assert.equal(out.available.options_flow_bias[0], 0); // 06-03 bar cannot see its own close
  assert.equal(out.available.options_flow_bias[1], 1); // 06-04 sees it
  close(out.features.options_flow_bias[1]!, 0.71);
});

test('D14: options flow with a put/call ratio but no volumes uses vb = 0.5; no context -> 0.5', () => {
  close(runFeature(new OptionsFlowBias(), makeBars({ close: [5400] }), day({ putCallRatio: 1.0 })).v[0]!, 0.5);
  close(runFeature(new OptionsFlowBias(), makeBars({ close: [5400] }), day({ putCallRatio: 1.5 })).v[0]!, 0.6 * 0.2 + 0.2);
  assert.equal(runFeature(new OptionsFlowBias(), makeBars({ close: [5400] })).v[0], 0.5);
});

test('D15: VIX does not enter the score', () => {
  const b = session(78);
  const ctx = emptyContext(2);
  ctx.date[0] = 20240531;
  ctx.date[1] = 20240602;
  ctx.vixClose[0] = ctx.vixClose[1] = 45;
  ctx.vixHigh[1] = 60;
  const a = replay(b, ctx, defaultEngineConfig());
  const c = replay(b, null, defaultEngineConfig());
  assert.deepEqual(a.score, c.score);
  assert.deepEqual(a.features, c.features);
});

test('D16: sierra_pattern_strength is 0.0 and reported unavailable on every bar', () => {
  const out = replay(session(78), null, defaultEngineConfig());
  assert.ok(out.features.sierra_pattern_strength.every((x) => x === 0));
  assert.ok(out.available.sierra_pattern_strength.every((x) => x === 0));
});

test('D17: volume_confirmation keeps the current bar in its 10-bar mean and the 0.10 correlation floor', () => {
  // 9 bars of 1000 then 1900: mean with the current bar = 1090 -> ratio 1.7431 -> 0.45 * 1.7431/1.8 = 0.43578
  // (excluding it: ratio 1.9 -> 0.45). bid = ask -> delta 0; aggressive 0.10; last 5 volumes vary, closes vary:
  const closes = [5400, 5401, 5402, 5403, 5404, 5405, 5406, 5407, 5408, 5410];
  const b = makeBars({ close: closes, volume: [...Array(9).fill(1000), 1900] });
  const r = runFeature(new VolumeConfirmation(), b).v[9]!;
  const corr = 0.1 * (1 + Math.abs(getCorrelation([1000, 1000, 1000, 1000, 1900], [5405, 5406, 5407, 5408, 5410])));
  close(r, (0.45 * (1900 / 1090)) / 1.8 + 0.1 + corr, 1e-9);
});

test('D18: lot thresholds scale with the volume median (smart money and MTF are volume-scale free)', () => {
  const b = session(100);
  const k = 7;
  const scaled = makeBars({ open: [...b.open], high: [...b.high], low: [...b.low], close: [...b.close], volume: [...b.volume].map((v) => k * v), bidVolume: [...b.bidVolume].map((v) => k * v), askVolume: [...b.askVolume].map((v) => k * v) });
  for (const mk of [() => new SmartMoneyStrength(), () => new MtfConfluenceScore(300_000, 0.25)]) {
    const a = runFeature(mk(), b).v;
    const c = runFeature(mk(), scaled).v;
    a.forEach((v, i) => close(c[i]!, v, 1e-9));
  }
  // the tick enters the trend terms: 0.25 vs 1.0 tick changes vwap_trend on the same bars
  const t1 = runFeature(new VwapTrendSignal(0.25), b).v;
  const t2 = runFeature(new VwapTrendSignal(1), b, emptyDayContext(), 1).v;
  assert.notDeepEqual(t1, t2);
  assert.equal(runFeature(new SierraPatternStrength(), b).v.length, b.n);
});
