import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChains } from '../src/data/context/chain.ts';
import { chainLevels } from '../src/data/context/levels.ts';
import { bsGamma } from '../src/data/context/black-scholes.ts';
import { buildContext } from '../src/data/context/build.ts';
import { contextToIPC, contextFromIPC } from '../src/data/context-arrow.ts';
import { contextRowForBars } from '../src/data/context-align.ts';
import { InputError } from '../src/util/errors.ts';
import type { Bars } from '../src/data/types.ts';

const CHAINS = new URL('./fixtures/data/chain/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mia-data-context-'));

test('Black-Scholes gamma: closed form at the money', () => {
  // S = K = 100, iv 0.2, T = 1: d1 = 0.1, gamma = phi(0.1) / (100 * 0.2) = 0.396953 / 20
  assert.ok(Math.abs(bsGamma(100, 100, 0.2, 1) - 0.3969525474770118 / 20) < 1e-12);
  assert.equal(bsGamma(100, 100, 0, 1), 0);
});

test('hand-checked chain: walls, net GEX, put/call; the expired expiration is dropped', () => {
  const [walls] = readChains([join(CHAINS, 'chain-walls.csv')]);
  const L = chainLevels(walls!.chain);
  // spot 100; expiration 2024-01-05 = as-of session: dropped (its OI 100000 would otherwise be the call wall)
  // call exposure gamma*OI*100*S: K105 0.05*50*100*100 = 25,000; K110 0.03*100*100*100 = 30,000 -> call wall 110
  assert.equal(L.callWall, 110);
  // put exposure: K95 0.05*80*100*100 = 40,000; K90 0.03*100*100*100 = 30,000 -> put wall 95
  assert.equal(L.putWall, 95);
  // net GEX = (0.05*50 + 0.03*100 - 0.05*80 - 0.03*100) * 100 * 100^2 * 0.01 = -1.5 * 10,000 = -15,000 $/1%
  assert.ok(Math.abs(L.netGex - -15_000) < 1e-6);
  // volume counts every option traded that session: calls 10+30+20 = 60, puts 40+50 = 90
  assert.equal(L.callVolume, 60);
  assert.equal(L.putVolume, 90);
  // live OI: calls 50+100 = 150, puts 80+100 = 180
  assert.equal(L.callOi, 150);
  assert.equal(L.putOi, 180);
  assert.equal(L.optionsUsed, 4);
});

test('hand-checked gamma flip: one call and one put with equal OI and iv', () => {
  const [flip] = readChains([join(CHAINS, 'chain-flip.csv')]);
  const L = chainLevels(flip!.chain);
  // C110 and P90, OI 100 each, iv 0.2, T = 40/365 from 2024-01-08 to 2024-02-17. Equal iv and OI: the dealer
  // gamma (call +, put -) is zero where phi(d1(110)) = phi(d1(90)), i.e. d1(110) = -d1(90):
  //   ln(s/110) + iv^2 T/2 = -(ln(s/90) + iv^2 T/2)  =>  s = sqrt(110*90) * exp(-iv^2 T/2)
  //   = 99.498744 * exp(-0.04 * 0.109589 / 2) = 99.498744 * 0.997811 = 99.2809
  assert.equal(L.gammaFlip, 99.28);
  assert.equal(L.callWall, 110);
  assert.equal(L.putWall, 90);
});

test('buildContext: chain rows dated by as-of session, used only from the next trade date (D13)', () => {
  const vix = join(tmp, 'vix.csv');
  writeFileSync(vix, 'date,open,high,low,close\n2024-01-04,13.5,14,13,13.9\n2024-01-05,13.9,14.2,13.1,13.35\n2024-01-08,13.4,13.5,12.7,13.08\n');
  const r = buildContext({ vix, chains: [CHAINS] });
  const c = r.context;
  assert.deepEqual([...c.date], [20240104, 20240105, 20240108]);
  assert.equal(c.callWall[1], 110);
  assert.equal(c.putWall[1], 95);
  assert.ok(Number.isNaN(c.callWall[0]!));
  assert.equal(c.gammaFlip[2], 99.28);
  assert.equal(c.putCallRatio[1], 1.5); // from the chain: no Cboe put/call file given
  assert.equal(c.putCallOiRatio![1], 1.2);
  assert.equal(c.vixClose[2], 13.08);
  // round trip through Arrow
  const back = contextFromIPC(contextToIPC(c, { source: r.sourceMeta }), 'mem').context;
  assert.deepEqual([...back.callWall].map(String), [...c.callWall].map(String));
  // bars on trade date 2024-01-05 must not see the 2024-01-05 snapshot; 2024-01-08 sees it
  const bars = { n: 2, tradeDate: Int32Array.from([20240105, 20240108]) } as unknown as Bars;
  const rows = contextRowForBars(bars, c);
  assert.equal(c.date[rows[0]!], 20240104);
  assert.equal(c.callWall[rows[1]!], 110);
});

test('daily CSV errors name file, line and field', () => {
  const bad = join(tmp, 'bad-vix.csv');
  writeFileSync(bad, 'date,open,high,low,close\n2024-01-04,13.5,14,13,13.9\n2024-01-05,13.9,x,13.1,13.35\n');
  assert.throws(() => buildContext({ vix: bad }), (e: unknown) => e instanceof InputError && /bad-vix\.csv:3: high: not a number: 'x'/.test(e.message));
  writeFileSync(bad, 'date,open,high,low,close,mood\n');
  assert.throws(() => buildContext({ vix: bad }), /bad-vix\.csv:1: mood: unknown column/);
  assert.ok(readFileSync(bad).length > 0);
});
