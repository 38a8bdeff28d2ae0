// Real data from ../shared (skipped with a message where it is absent): the 5-year series, the 1-minute sample,
// the embedded dataset's reproducibility and the real option chains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { HAS_SHARED, SKIP_SHARED, ES_5M_FILES, SHARED_REAL } from './helpers/shared.ts';
import { importFiles, type ImportResult } from '../src/data/import/import.ts';
import { describeBars, type BarsInfo } from '../src/data/info.ts';
import { buildContext } from '../src/data/context/build.ts';
import { registerData } from '../src/commands/data.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { toChicagoMs } from '../src/data/calendar.ts';

let cache: { r: ImportResult; info: BarsInfo } | null = null;
function fiveYears(): { r: ImportResult; info: BarsInfo } {
  if (!cache) {
    const r = importFiles(ES_5M_FILES);
    cache = { r, info: describeBars(r.bars) };
  }
  return cache;
}

async function quietCli(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerData(program);
  const orig = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'mia', ...args]);
  } finally {
    process.stdout.write = orig;
  }
}

test('both 5-minute files import: 19 contracts ESH20 .. ESU24, 18 roll points', { skip: SKIP_SHARED }, () => {
  const { r, info } = fiveYears();
  assert.equal(r.bars.n, 139_249 + 193_882);
  assert.deepEqual(r.skipped, []);
  const codes: string[] = [];
  for (let y = 20; y <= 24; y++) for (const m of 'HMUZ') codes.push(`ES${m}${y}`);
  assert.deepEqual(info.contracts.map((c) => c.code), codes.slice(0, 19)); // ESZ24 is not in the series
  assert.equal(info.roll_points.length, 18);
  const u23 = info.roll_points.find((p) => p.from === 'ESU23')!;
  assert.deepEqual([u23.to, u23.at], ['ESZ23', '2023-09-18 00:00']);
  // tens of points at each roll; the exceptions are the 2020 crash rolls (ESH20->ESM20 gapped over a limit-down weekend)
  const big = info.roll_points.filter((p) => Math.abs(p.jump) >= 120).map((p) => p.from);
  assert.deepEqual(big, ['ESH20', 'ESM20']);
});

test('known prices: ESU24 low 5120.00 on 2024-08-05, ESM20 low 2174.00 on trade date 2020-03-23', { skip: SKIP_SHARED }, () => {
  const { info } = fiveYears();
  const u = info.contracts.find((c) => c.code === 'ESU24')!;
  assert.equal(u.low, 5120);
  assert.match(u.low_at, /^2024-08-05 /);
  const m = info.contracts.find((c) => c.code === 'ESM20')!;
  // limit-down Sunday evening 19:15 CT belongs to trade date Monday 2020-03-23 (the calendar day's low is 2174.50)
  assert.equal(m.low, 2174);
  assert.equal(m.low_at, '2020-03-22 19:15');
});

test('sessions and gaps: the exchange schedule explains every gap except real holes', { skip: SKIP_SHARED }, () => {
  const { r, info } = fiveYears();
  const b = r.bars;
  // every roll after an expiry Friday is a hole (the next contract's data starts later)
  const rollHoles = info.holes.filter((h) => h.roll);
  assert.equal(rollHoles.length, 18);
  for (const h of rollHoles) assert.match(h.from, / 08:30$/);
  // ESH23 onwards the next contract starts Monday 00:00 CT: the Sunday evening is missing
  assert.ok(rollHoles.some((h) => h.from === '2024-06-21 08:30' && h.to === '2024-06-24 00:00'));
  // single missing overnight bar named in the data README
  assert.ok(info.holes.some((h) => h.from === '2022-12-15 22:10' && h.missing_bars === 1));
  assert.ok(info.gaps.holiday >= 40 && info.gaps['early close'] === 8);
  // RTH bars per trade date: 78 normally, 45 on 12:15 early closes, 0 on expiry Fridays / Good Friday 08:15 closes
  const per = new Map<number, number>();
  for (let i = 0; i < b.n; i++) per.set(b.tradeDate[i]!, (per.get(b.tradeDate[i]!) ?? 0) + b.rth[i]!);
  const counts = new Map<number, number>();
  for (const v of per.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.equal(counts.get(45), 8);
  assert.equal(counts.get(0), 21); // 19 expiry Fridays + Good Fridays 2021-04-02 and 2023-04-07
  assert.ok(counts.get(78)! > 1150);
  assert.equal(per.get(20230407), 0);
  // no bar falls in the daily halt or on a Saturday (Chicago time)
  for (let i = 0; i < b.n; i++) {
    const l = toChicagoMs(b.ts[i]!);
    const min = Math.floor((l % 86_400_000) / 60_000);
    assert.ok(!(min >= 960 && min < 1020), 'bar in the daily halt');
  }
});

test('the 1-minute NinjaTrader-derived sample imports (ET offsets, contract by date)', { skip: SKIP_SHARED }, () => {
  const r = importFiles([join(SHARED_REAL, 'es', 'es_1m_orderflow_2026-02_sample.csv')]);
  const info = describeBars(r.bars);
  assert.equal(info.rows, 9419);
  assert.equal(info.bar_minutes, 1);
  assert.deepEqual(info.contracts.map((c) => c.code), ['ESH26']);
  assert.equal(info.holes.length, 0);
  // Presidents' Day (2026-02-16) trading belongs to CME trade date 2026-02-17
  assert.equal(info.last_trade_date, '2026-02-17');
});

test('embedded data regenerates byte-identically with the documented commands', { skip: SKIP_SHARED }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mia-data-real-'));
  const bars = join(tmp, 'es-5m.arrow');
  const ctx = join(tmp, 'context-vix.arrow');
  await quietCli(['data', 'import', join(SHARED_REAL, 'es', 'es_5m_orderflow_2021-12_2024-09.csv'), '--from', '2023-09-20', '--to', '2024-09-20', '--out', bars]);
  await quietCli(['data', 'context', '--vix', join(SHARED_REAL, 'daily', 'vix_daily.csv'), '--from', '2023-09-01', '--to', '2024-09-20', '--out', ctx]);
  assert.ok(readFileSync(bars).equals(readFileSync(DEFAULT_BARS_PATH)), 'data/es-5m.arrow differs from a fresh import');
  assert.ok(readFileSync(ctx).equals(readFileSync(DEFAULT_CONTEXT_PATH)), 'data/context-vix.arrow differs from a fresh build');
});

test('real SPX chains: walls, gamma flip near spot, net GEX; SqueezeMetrics joined by date', { skip: SKIP_SHARED }, () => {
  const r = buildContext({
    chains: [join(SHARED_REAL, 'spx_option_chains', 'spx_chain_2024-01-05.csv'), join(SHARED_REAL, 'spx_option_chains', 'spx_chain_2023-04-14.csv')],
    squeeze: join(SHARED_REAL, 'daily', 'squeezemetrics_dix_gex_daily.csv'),
    from: '2023-04-01',
    to: '2024-01-31',
  });
  const byAsof = new Map(r.levels.map((l) => [l.asof, l]));
  const jan = byAsof.get('2024-01-05')!;
  assert.equal(jan.callWall, 4800);
  assert.equal(jan.putWall, 4600);
  assert.ok(jan.gammaFlip !== null && Math.abs(jan.gammaFlip - 4697.24) < 0.15 * 4697.24);
  const apr = byAsof.get('2023-04-14')!;
  assert.equal(apr.callWall, 4150);
  assert.equal(apr.putWall, 4000);
  assert.ok(apr.netGex > 0);
  const c = r.context;
  const i = c.date.indexOf(20240105);
  assert.equal(c.spxClose[i], 4697.240234);
  assert.equal(c.callWall[i], 4800);
  assert.ok(c.putCallRatio[i]! > 1 && c.putCallRatio[i]! < 2);
});

if (!HAS_SHARED) test('real-data tests', { skip: SKIP_SHARED }, () => {});
