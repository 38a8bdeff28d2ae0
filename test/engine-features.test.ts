// Each feature against hand-worked values from ENGINE_SPEC §2 (as amended by §7); the arithmetic is in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VWAP, BollingerBands, getCorrelation, getLinearRegression } from 'trading-signals';
import { makeBars, runFeature, day, last } from './helpers/bars.ts';
import { GammaLevelsProximity } from '../src/engine/features/gamma_levels_proximity.ts';
import { VolumeConfirmation } from '../src/engine/features/volume_confirmation.ts';
import { VwapTrendSignal } from '../src/engine/features/vwap_trend_signal.ts';
import { SierraPatternStrength } from '../src/engine/features/sierra_pattern_strength.ts';
import { MtfConfluenceScore } from '../src/engine/features/mtf_confluence_score.ts';
import { SmartMoneyStrength } from '../src/engine/features/smart_money_strength.ts';
import { VwapBandsSignal } from '../src/engine/features/vwap_bands_signal.ts';
import { VolumeImbalanceSignal, roundHalfEven } from '../src/engine/features/volume_imbalance_signal.ts';
import { OrderBookImbalance } from '../src/engine/features/order_book_imbalance.ts';
import { OptionsFlowBias, putCallTerm } from '../src/engine/features/options_flow_bias.ts';
import { SessionVwap } from '../src/engine/state/session-vwap.ts';
import { SlidingSlope } from '../src/engine/state/sliding-slope.ts';
import { RollingMedian } from '../src/engine/state/rolling-median.ts';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const one = (price: number) => makeBars({ close: [price], high: [price + 2.5], low: [price - 2.5] });

// ---------- gamma_levels_proximity (§2.1, D12) ----------
test('gamma: wall tent, inside regime and vol-trigger tent add up', () => {
  // P 5400, CW 5401 -> cp = 1 - 1/2 = 0.5; PW 5380 -> pp = 0; 0.65 * 0.5 = 0.325
  // NG > 0, P not > CW, not < PW -> r 0.65 -> 0.25 * 0.65 = 0.1625
  // VT 5401.5 -> 1 - 1.5/3 = 0.5 -> 0.10 * 0.5 = 0.05;  total 0.5375
  const r = runFeature(new GammaLevelsProximity(0.25), one(5400), day({ callWall: 5401, putWall: 5380, netGammaBn: 2, volTrigger: 5401.5 }));
  close(r.v[0]!, 0.5375);
  assert.equal(r.a[0], true);
});

test('gamma: above the call wall in positive gamma is r = 0.25; below the put wall r = 0.75', () => {
  // P 5425 > CW 5420 (5 points away: no tent) -> 0.25 * 0.25 = 0.0625
  close(runFeature(new GammaLevelsProximity(0.25), one(5425), day({ callWall: 5420, putWall: 5380, netGammaBn: 1 })).v[0]!, 0.0625);
  // P 5370 < PW 5380 -> 0.25 * 0.75 = 0.1875
  close(runFeature(new GammaLevelsProximity(0.25), one(5370), day({ callWall: 5420, putWall: 5380, netGammaBn: 1 })).v[0]!, 0.1875);
});

test('gamma: the maximum 0.9625 needs negative gamma of |NG| >= 10 at a wall and the trigger', () => {
  // 0.65 * 1 + 0.25 * (0.5 + 0.35 * min(20/10, 1)) + 0.10 * 1 = 0.65 + 0.2125 + 0.1 = 0.9625
  close(runFeature(new GammaLevelsProximity(0.25), one(5400), day({ callWall: 5400, putWall: 5300, netGammaBn: -20, volTrigger: 5400 })).v[0]!, 0.9625);
  // NG -5: 0.25 * (0.5 + 0.35 * 0.5) = 0.16875, walls/trigger far away
  close(runFeature(new GammaLevelsProximity(0.25), one(5400), day({ callWall: 5450, putWall: 5300, netGammaBn: -5 })).v[0]!, 0.16875);
});

test('gamma: one wall alone skips the wall term; no options at all is 0.0 and unavailable', () => {
  // only CW known, price at it: wall term skipped; NG > 0, P not > CW -> 0.65 * 0.25 = 0.1625
  close(runFeature(new GammaLevelsProximity(0.25), one(5420), day({ callWall: 5420, netGammaBn: 1 })).v[0]!, 0.1625);
  const r = runFeature(new GammaLevelsProximity(0.25), one(5400), day({}));
  assert.equal(r.v[0], 0);
  assert.equal(r.a[0], false);
});

// ---------- volume_confirmation (§2.2, D17) ----------
test('volume_confirmation: 10-bar ratio, |delta| share, aggressive term', () => {
  // 10 bars of 1000 lots (bid 500 / ask 500), closes 1..10 but constant volume -> no Pearson term
  // bar 10: avg 1000, ratio 1 -> 0.45 * (1/1.8) = 0.25; delta 0 -> 0; aggressive = V -> 0.10;  total 0.35
  const b = makeBars({ close: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => 5400 + x), volume: Array(10).fill(1000) });
  close(last(runFeature(new VolumeConfirmation(), b).v), 0.35);
  // last bar ask 700 / bid 300: 0.25 * min(2.2 * 400/1000, 1) = 0.25 * 0.88 = 0.22 more -> 0.57
  const b2 = makeBars({ close: b.close.slice() as unknown as number[], volume: Array(10).fill(1000), bidVolume: [...Array(9).fill(500), 300], askVolume: [...Array(9).fill(500), 700] });
  close(last(runFeature(new VolumeConfirmation(), b2).v), 0.57);
});

test('volume_confirmation: Pearson term of the last 5 volumes and closes (oracle: trading-signals getCorrelation)', () => {
  // 5 bars, volumes 100..500, closes rising 1 point: r = 1 -> 0.20 * (1 + 1)/2 = 0.2; + aggressive 0.10 = 0.3
  const b = makeBars({ close: [5401, 5402, 5403, 5404, 5405], volume: [100, 200, 300, 400, 500] });
  close(last(runFeature(new VolumeConfirmation(), b).v), 0.3);
  // a noisy series: the term equals 0.1 * (|r| + 1) with r from the oracle
  const vols = [120, 340, 90, 410, 260];
  const closes = [5400.25, 5399.5, 5401, 5400, 5402.75];
  const r = getCorrelation(vols, closes);
  const b2 = makeBars({ close: closes, volume: vols });
  close(last(runFeature(new VolumeConfirmation(), b2).v), 0.1 + 0.1 * (Math.abs(r) + 1), 1e-12);
});

test('volume_confirmation: zero volume bars and a zero 10-bar mean (ratio 1.0)', () => {
  // first bar, nothing traded: no ratio part (< 10 bars), V = 0 -> no flow terms, < 5 bars -> 0
  assert.equal(runFeature(new VolumeConfirmation(), makeBars({ close: [5400], volume: [0] })).v[0], 0);
  // 10 zero-volume bars: avg 0 -> ratio 1 -> 0.25; flat volumes -> no Pearson term; no flow -> 0.25
  close(last(runFeature(new VolumeConfirmation(), makeBars({ close: Array.from({ length: 10 }, (_, i) => 5400 + i), volume: Array(10).fill(0) })).v), 0.25);
});

// ---------- shared session VWAP (D7) ----------
test('session VWAP and sigma match trading-signals VWAP and population stdev (equal volumes)', () => {
  const highs = [5402, 5404.5, 5403, 5401, 5406, 5407.25];
  const lows = [5398, 5400, 5399.5, 5396, 5401, 5403];
  const closes = [5401, 5403, 5400, 5397.5, 5405, 5404];
  const w = new SessionVwap(0.25);
  const oracle = new VWAP();
  const bb = new BollingerBands(highs.length, 1);
  for (let i = 0; i < highs.length; i++) {
    w.update(highs[i]!, lows[i]!, closes[i]!, 1000);
    const expected = oracle.add({ high: highs[i]!, low: lows[i]!, close: closes[i]!, volume: 1000 });
    close(w.vwap, expected as number, 1e-9);
    bb.add((highs[i]! + lows[i]! + closes[i]!) / 3);
  }
  const bands = bb.getResult()!;
  close(w.sigma, bands.upper - bands.middle, 1e-9);
});

test('sliding OLS slope equals trading-signals getLinearRegression; rolling median is the median', () => {
  const ys = [5400, 5400.25, 5399.75, 5401, 5402.5, 5402, 5403.25, 5401.5, 5404, 5405, 5404.75, 5406, 5407.5];
  const s = new SlidingSlope(10);
  const m = new RollingMedian(5);
  ys.forEach((y, i) => {
    s.push(y);
    m.push(y);
    const win = ys.slice(Math.max(0, i - 9), i + 1);
    if (win.length >= 2) close(s.slope(), getLinearRegression(win).slope, 1e-9);
    const mw = ys.slice(Math.max(0, i - 4), i + 1).sort((a, b) => a - b);
    const h = mw.length >> 1;
    close(m.median(), mw.length % 2 ? mw[h]! : (mw[h - 1]! + mw[h]!) / 2);
  });
  const flat = new SlidingSlope(10);
  for (let i = 0; i < 25; i++) flat.push(5400.25);
  assert.equal(flat.slope(), 0); // exactly, not 1e-13
});

// ---------- vwap_trend_signal (§2.3, D7, D9) ----------
test('vwap_trend: 0.5 and unavailable for the first 14 bars; flat session is slope 0.15 + 0.125 + 0.125 (+ Dow 0.1)', () => {
  const r = runFeature(new VwapTrendSignal(0.25), makeBars({ close: Array(20).fill(5400), high: Array(20).fill(5400), low: Array(20).fill(5400) }));
  for (let i = 0; i < 14; i++) {
    assert.equal(r.v[i], 0.5);
    assert.equal(r.a[i], false);
  }
  // bar 15: VWAP slope 0 -> 0.15; sigma 0 -> position 0.125 (D9); s = 0 -> 0.125; < 20 bars no Dow: 0.40
  close(r.v[14]!, 0.4);
  assert.equal(r.a[14], true);
  // bar 20: Dow with hs = ls = 0 -> 0.1: 0.5
  close(r.v[19]!, 0.5);
});

test('vwap_trend: a steady rise saturates at 1 and its mirror image at 0', () => {
  // closes +0.5/bar: VWAP slope 1 tick/bar -> 0.30; position (P - VWAP)/sigma = 4.75/2.883 -> 0.125 + 0.206 = 0.331;
  // s = 0.5 pts/bar -> st = 1 -> 0.25; Dow hs = ls = 0.5 -> 0.2; sum 1.08 -> clip 1
  const up = Array.from({ length: 20 }, (_, k) => 5400 + 0.5 * k);
  const dn = Array.from({ length: 20 }, (_, k) => 5400 - 0.5 * k);
  const f = (c: number[]) => last(runFeature(new VwapTrendSignal(0.25), makeBars({ close: c, high: c, low: c })).v);
  assert.equal(f(up), 1);
  // mirror: slope < -0.5 -> 0; position 0.125 - 0.206 = -0.081; s < 0 and slope < 0 -> 0.25 * (1 - 1) = 0; Dow 0.1 - 0.1 = 0 -> clip 0
  assert.equal(f(dn), 0);
});

test('vwap_trend: position term against the oracle sigma (a bar 1 sigma above VWAP)', () => {
  // 15 bars: 14 flat at 5400 then one at 5402 (h = l = c, volume 1000)
  const c = [...Array(14).fill(5400), 5402];
  const r = runFeature(new VwapTrendSignal(0.25), makeBars({ close: c, high: c, low: c }));
  const vwap = (14 * 5400 + 5402) / 15; // 5400.1333
  const sigma = Math.sqrt((14 * (5400 - vwap) ** 2 + (5402 - vwap) ** 2) / 15); // 0.4989
  // VWAP history (last 10): nine at 5400, then 5400.1333 -> OLS slope (9 - 4.5)/82.5 * 0.1333 = 0.007273 pts = 0.0291 ticks -> 0.15
  const pos = Math.min((5402 - vwap) / sigma, 2); // 2 (3.74 sigma, capped)
  // close slope over the last 10: only the last moved by 2 -> 2 * (9 - 4.5)/82.5 = 0.10909 pts/bar > 0, VWAP slope > 0 -> 0.25 * min(0.10909/0.25, 1)
  const st = Math.min(((2 * 4.5) / 82.5) / 0.25, 1);
  close(r.v[14]!, 0.15 + (0.125 + 0.125 * pos) + 0.25 * st, 1e-9);
});

// ---------- sierra_pattern_strength (§2.4, D16) ----------
test('sierra: no pattern feed -> 0.0, never available', () => {
  const r = runFeature(new SierraPatternStrength(), makeBars({ close: [5400, 5401] }));
  assert.deepEqual(r.v, [0, 0]);
  assert.deepEqual(r.a, [false, false]);
});

// ---------- mtf_confluence_score (§2.5, D10) ----------
test('mtf: first 5-minute bar, only the 5m TF is complete (low-volatility weights)', () => {
  // o 5400 c 5402 h 5403 l 5399 v 1000; 50-bar median 1000 -> one lot = 1000/250 = 4
  // raw = tanh(100*2/5400) * min(1000/4000, 2) = 0.0370201 * 0.25
  // bq = 10*4/5402; vc = min(1000/6000, 2)/2; pc = (min(4/5, 1) + min(1000/8000, 1))/2 = 0.4625
  // conf = mean * 1.15 (c > o); base = raw * conf (weighted mean of one TF)
  // alignment: the only voting TF is up -> +0.2; quality q = 0.184 < 0.6 -> 0
  const b = makeBars({ open: [5400], close: [5402], high: [5403], low: [5399], volume: [1000] });
  const raw = Math.tanh(200 / 5400) * 0.25;
  const q = ((10 * 4) / 5402 + 1000 / 6000 / 2 + 0.4625) / 3;
  const expected = (raw * q * 1.15 + 0.2 + 1) / 2;
  close(runFeature(new MtfConfluenceScore(300_000, 0.25), b).v[0]!, expected, 1e-12);
});

test('mtf: a flat zero-volume bar is exactly 0.5 (D10: no vote, no +0.2 bonus)', () => {
  const b = makeBars({ open: [5400], close: [5400], high: [5400], low: [5400], volume: [0] });
  assert.equal(runFeature(new MtfConfluenceScore(300_000, 0.25), b).v[0], 0.5);
});

test('mtf: the 15-minute TF only counts once its bucket has ended (completed bars only)', () => {
  // bars at 13:30, 13:35 (up) and 13:40 (down): the 15m bucket 13:30-13:45 completes with the third bar
  const b = makeBars({ open: [5400, 5401, 5410], close: [5401, 5410, 5405], high: [5401, 5410, 5410], low: [5400, 5401, 5405], volume: [1000, 1000, 1000] });
  const withTf = runFeature(new MtfConfluenceScore(300_000, 0.25), b).v;
  // a 15-minute-only view of the first two bars must not exist yet: feeding them to a 15m-bar engine would
  // publish nothing, so the value of bar 2 equals the single-TF formula on bar 2 alone
  const bar2 = makeBars({ open: [5401], close: [5410], high: [5410], low: [5401], volume: [1000], start: '2024-06-03T13:35:00Z' });
  const alone = runFeature(new MtfConfluenceScore(300_000, 0.25), bar2).v[0]!;
  // medians differ (1000 vs 1000): same lot; so bar 2 equals bar-2-alone exactly
  assert.equal(withTf[1], alone);
  // at bar 3 the 15m TF (o 5400, c 5405, up) votes against the 5m bar (down): not full alignment
  const bar3 = makeBars({ open: [5410], close: [5405], high: [5410], low: [5405], volume: [1000], start: '2024-06-03T13:40:00Z' });
  assert.notEqual(withTf[2], runFeature(new MtfConfluenceScore(300_000, 0.25), bar3).v[0]);
});

// ---------- smart_money_strength (§2.6, D11) ----------
test('smart_money: a lone 700-lot aggressive buy is NEUTRAL with |net| > 0.3', () => {
  // median 1000 -> lot 4: 100 lots = 400, 500 = 2000. ask 700 >= 400 -> BUY 700 (conf 0.8); bid 300 < 400.
  // net 1, intensity min(700/2000, 1) = 0.35, persistence 0.5 (no history) -> NEUTRAL
  // conf = 0.3*0.35 + 0.2*0.1 + 0.2*0.5 + 0.15*0 + 0.15*0.8 = 0.345; score = 1 * 0.345 * 0.5 = 0.1725 -> 0.58625
  const b = makeBars({ open: [5400], close: [5401], high: [5401], low: [5400], volume: [1000], bidVolume: [300], askVolume: [700] });
  close(runFeature(new SmartMoneyStrength(), b).v[0]!, 0.58625);
});

test('smart_money: BUYING with a volume surge; the mirrored bars give exactly 1 - f (D11)', () => {
  // bar 2: v 3000, median(1000, 3000) = 2000 -> lot 8: 100 = 800, 500 = 4000. ask 2500 -> BUY 2500 (0.8);
  // surge 3000 > 2 * 1000, c > o -> BUY 3000 (0.6). net 1, intensity min(5500/4000, 1) = 1, persistence 0.5 (one flow)
  // BUYING; conf = 0.3 + 0.2*0.2 + 0.2*0.5 + 0 + 0.15*0.7 = 0.545; score = 0.8*0.545*1 + sign(+1) * 0.2*0.5 = 0.536 -> 0.768
  const up = makeBars({ open: [5400, 5401], close: [5401, 5402], volume: [1000, 3000], bidVolume: [300, 500], askVolume: [700, 2500] });
  const dn = makeBars({ open: [5401, 5402], close: [5400, 5401], volume: [1000, 3000], bidVolume: [700, 2500], askVolume: [300, 500] });
  const vu = runFeature(new SmartMoneyStrength(), up).v;
  const vd = runFeature(new SmartMoneyStrength(), dn).v;
  close(vu[1]!, 0.768);
  close(vd[1]!, 1 - 0.768);
  // the original's unsigned persistence bonus would give the short -0.436 + 0.1 -> 0.332, not 0.232
  assert.ok(Math.abs(vd[1]! - 0.332) > 0.09);
});

test('smart_money: no bid/ask -> only the volume surge path; flat flow and zero volume stay neutral', () => {
  const b = makeBars({ close: [5400], volume: [0], bidVolume: [0], askVolume: [0] });
  // no trades, |nd| = 0 -> net 0, intensity 0, NEUTRAL, score 0 + sign(0) * ... = 0 -> 0.5
  assert.equal(runFeature(new SmartMoneyStrength(), b).v[0], 0.5);
});

// ---------- vwap_bands_signal (§2.9, D7, D8, D9) ----------
test('vwap_bands: 0.0 for the first 19 bars, zero-width bands give 0 (D9), a jump far above VWAP', () => {
  const c = [...Array(20).fill(5400), 5410];
  const r = runFeature(new VwapBandsSignal(), makeBars({ close: c, high: c, low: c }));
  for (let i = 0; i < 19; i++) assert.equal(r.a[i], false);
  // bar 20: sigma 0 -> rejection = breakout = 0; VWAP slope 0 -> trend 0
  assert.equal(r.v[19], 0);
  assert.equal(r.a[19], true);
  // bar 21 at 5410: VWAP = 5400 + 10/21; sigma = sqrt((20 (10/21)^2 + (10 - 10/21)^2)/21) = 10 sqrt(20)/21 = 2.1296
  // +2 sigma = 5404.735 < 5410 -> rejection min(2 * 5.265 / (4 sigma), 1) = 1; breakout (D8) min((P - up1)/sigma, 1) = 1
  // VWAP slope over the last 10 VWAPs: (9 - 4.5)/82.5 * (10/21) = 0.025974 pts = 0.103896 ticks/bar; trend = 0.103896/5 + 0.3
  const slope = ((4.5 / 82.5) * (10 / 21)) / 0.25;
  close(r.v[20]!, 0.4 + 0.3 + 0.3 * (slope / 5 + 0.3), 1e-9);
});

// ---------- volume_imbalance_signal (§2.10, D6) ----------
test('volume_imbalance: one accumulation zone, hand-worked', () => {
  // bars: 5400 v1000 ask 800/bid 200; 5400 v1000 ask 900/bid 100; 5410 v5000 ask 4500/bid 500
  // median 1000 -> lot 4: block 2000, 1000 lots = 4000, 100 lots = 400
  // 5400: vol 2000, inst 0 -> level; 5410: vol 5000, inst 5000 >= 4000, buy ratio 0.9, inst > retail -> accumulation,
  //   strength min(1.5 * 5000/5000, 1) = 1; inst/vol = 1 > 0.6 -> institutional level, sentiment +1
  // 2 levels -> no gaps. strength = 1; confidence = (2/20 + 1/5 + 1 (one-sided))/3 = 0.43333
  // feature = 0.5 * 1 + 0.3 * 1 + 0.2 * 0.43333 = 0.886667
  const b = makeBars({ close: [5400, 5400, 5410], volume: [1000, 1000, 5000], askVolume: [800, 900, 4500], bidVolume: [200, 100, 500] });
  close(last(runFeature(new VolumeImbalanceSignal(0.25), b).v), 0.8 + 0.2 * (1.3 / 3));
});

test('volume_imbalance: gaps count only with 3+ levels; no level -> 0; round half to even', () => {
  // add a 5395 bar (v 1000, 500/500): median of (1000, 1000, 5000, 1000) = 1000, same lot.
  // levels 5395, 5400, 5410: gaps of 20 and 40 ticks > 5 -> 2 gaps -> +0.2 (strength capped at 1)
  // confidence = (3/20 + 1/5 + 1)/3 = 0.45 -> 0.5 + 0.3 + 0.09 = 0.89
  const b = makeBars({ close: [5395, 5400, 5400, 5410], volume: [1000, 1000, 1000, 5000], askVolume: [500, 800, 900, 4500], bidVolume: [500, 200, 100, 500] });
  close(last(runFeature(new VolumeImbalanceSignal(0.25), b).v), 0.89);
  assert.equal(runFeature(new VolumeImbalanceSignal(0.25), makeBars({ close: [5400], volume: [0], bidVolume: [0], askVolume: [0] })).v[0], 0);
  assert.deepEqual([0.5, 1.5, 2.5, -2.5, 3.4999].map(roundHalfEven), [0, 2, 2, -2, 3]);
});

// ---------- order_book_imbalance (D5) ----------
test('order_book: raw bar imbalance, then exp(linspace(0,1,n))-weighted mean from 3 bars', () => {
  // raws 0.2, -0.2, 0: bar 1 -> (0.2 + 1)/2 = 0.6; bar 2 (n < 3) -> 0.4;
  // bar 3: weights e^0, e^0.5, e^1 -> (0.2 * 1 - 0.2 * 1.648721 + 0)/(1 + 1.648721 + 2.718282) = -0.024174 -> 0.487913
  const b = makeBars({ close: [5400, 5400, 5400], volume: [1000, 1000, 1000], askVolume: [600, 400, 500], bidVolume: [400, 600, 500] });
  const v = runFeature(new OrderBookImbalance(), b).v;
  close(v[0]!, 0.6);
  close(v[1]!, 0.4);
  const e = Math.exp(0.5);
  close(v[2]!, ((0.2 - 0.2 * e) / (1 + e + Math.E) + 1) / 2, 1e-12);
});

test('order_book: zero volume is raw 0 (0.5, real); missing bid/ask is 0.5 unavailable, never the mock 0.5128', () => {
  const z = runFeature(new OrderBookImbalance(), makeBars({ close: [5400], volume: [0], bidVolume: [0], askVolume: [0] }));
  assert.equal(z.v[0], 0.5);
  assert.equal(z.a[0], true);
  const m = runFeature(new OrderBookImbalance(), makeBars({ close: [5400], volume: [10], bidVolume: [NaN], askVolume: [NaN] }));
  assert.equal(m.v[0], 0.5);
  assert.equal(m.a[0], false);
});

// ---------- options_flow_bias (§2.8, D14) ----------
test('options_flow: put/call term and call share', () => {
  // seed context: pcr 1.15 -> 0.5; calls 1000 / puts 1150 -> vb = 1000/2150; 0.6*0.5 + 0.4*0.465116 = 0.486047
  close(runFeature(new OptionsFlowBias(), one(5400), day({ putCallRatio: 1.15, callVolume: 1000, putVolume: 1150 })).v[0]!, 0.3 + (0.4 * 1000) / 2150);
  // pcr 0.5 -> 0.7 + 0.6 * 0.25 = 0.85; no volumes -> vb 0.5: 0.51 + 0.2 = 0.71
  close(runFeature(new OptionsFlowBias(), one(5400), day({ putCallRatio: 0.5 })).v[0]!, 0.71);
  // pcr 2.0 -> 0.3 - min(0.4 * 0.75, 0.3) = 0; 0 + 0.2 = 0.2
  close(runFeature(new OptionsFlowBias(), one(5400), day({ putCallRatio: 2 })).v[0]!, 0.2);
  assert.equal(putCallTerm(0), 0.5);
  // ratio derived from volumes when not given: 1150/1000 = 1.15 -> same as the first case
  close(runFeature(new OptionsFlowBias(), one(5400), day({ callVolume: 1000, putVolume: 1150 })).v[0]!, 0.3 + (0.4 * 1000) / 2150);
  const none = runFeature(new OptionsFlowBias(), one(5400), day({}));
  assert.equal(none.v[0], 0.5);
  assert.equal(none.a[0], false);
});

// ---------- the two corrections found by running the original (issue 10) ----------
test('smart_money: with no large trades the confidence is the plain Σ factor × weight (no /0.85)', () => {
  // median 1000 -> lot 4: 100 lots = 400, 50 = 200, 1000 = 4000. bid 50, ask 350: no trade; first bar: no surge
  // fallback flow: nd 300 > 200 -> net 300/400 = 0.75, intensity 300/max(400, 4000) = 0.075, persistence 0.5
  // NEUTRAL with |net| > 0.3 -> score = net * conf * 0.5, conf = 0.3*0.075 + 0.2*0 + 0.2*0.5 + 0.15*0 = 0.1225
  const b = makeBars({ open: [5400], close: [5401], high: [5401], low: [5400], volume: [1000], bidVolume: [50], askVolume: [350] });
  close(runFeature(new SmartMoneyStrength(), b).v[0]!, (1 + 0.75 * 0.1225 * 0.5) / 2, 1e-12);
});

test("mtf: the original's alignment rule, signed (D10): votes weigh w × conf, bonus 0.2·s / 0.1·s / 0", () => {
  // bar 3 of three 5-minute bars: the 5m TF is down (o 5410 c 5405, lot 1000/250 = 4), the 15m TF 13:30-13:45
  // completes up (o 5400 h 5410 l 5400 c 5405 v 3000, its own median 3000 -> lot 12); range 5 -> low-vol weights
  // 5m 0.3, 15m 0.25 (1m cannot exist on 5-minute bars, 1h is not complete)
  const b = makeBars({ open: [5400, 5401, 5410], close: [5401, 5410, 5405], high: [5401, 5410, 5410], low: [5400, 5401, 5405], volume: [1000, 1000, 1000] });
  const v = runFeature(new MtfConfluenceScore(300_000, 0.25), b).v[2]!;
  const raw5 = Math.tanh((100 * -5) / 5410) * 0.25;
  const q5 = (Math.min(50 / 5405, 1) + 1000 / 6000 / 2 + (1 + 1000 / 8000) / 2) / 3;
  const raw15 = Math.tanh((100 * 5) / 5400) * 0.25;
  const q15 = (Math.min(100 / 5405, 1) + 3000 / 18000 / 2 + (1 + 3000 / 24000) / 2) / 3;
  const c5 = q5;
  const c15 = q15 * 1.15;
  const base = (0.3 * raw5 * c5 + 0.25 * raw15 * c15) / 0.55;
  const vote = -0.3 * c5 + 0.25 * c15;
  const s = Math.abs(vote) / (0.3 * c5 + 0.25 * c15);
  const bonus = (s > 0.8 ? 0.2 * s : s > 0.6 ? 0.1 * s : 0) * Math.sign(vote);
  const q = (0.3 * q5 + 0.25 * q15) / 0.55;
  assert.ok(q < 0.6 && s < 0.6, 'split vote: no bonus at all (mia used to add -0.2 x 0.09)');
  close(v, (base + bonus + 1) / 2, 1e-12);
});
