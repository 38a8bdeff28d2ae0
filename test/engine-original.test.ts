// `--engine original`: golden values from the original Python engine itself (test/fixtures/original/README.md),
// the extra-column inputs, and the original mode through replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBars } from '../src/data/load.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { emptyDayContext } from '../src/engine/feature.ts';
import { OriginalEngine } from '../src/engine/original/engine.ts';
import { EXTRA_COLUMN_NAMES, readExtraColumnsCsv, readExtraColumnsFiles } from '../src/data/extra-columns.ts';
import { importFiles } from '../src/data/import/import.ts';
import { barsToIPC } from '../src/data/bars-arrow.ts';
import { makeBars } from './helpers/bars.ts';
import { runScenarios } from '../src/engine/scenarios.ts';
import { replay } from '../src/engine/replay.ts';
import { resolveEngineConfig } from '../src/commands/engine-options.ts';

const DIR = join(import.meta.dirname, 'fixtures', 'original');

interface Golden {
  ts: string[];
  cols: Record<string, number[]>;
}
function readGolden(): Golden {
  const lines = readFileSync(join(DIR, 'expected.csv'), 'utf8').trim().split('\n');
  const names = lines[0]!.split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.slice(1).map((n) => [n, []]));
  const ts: string[] = [];
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    ts.push(f[0]!);
    names.slice(1).forEach((n, k) => cols[n]!.push(f[k + 1] === 'nan' ? NaN : Number(f[k + 1])));
  }
  return { ts, cols };
}
/** bar -> features where numpy's polyfit round-off picks the other branch on an exactly-zero slope */
const excluded = JSON.parse(readFileSync(join(DIR, 'excluded.json'), 'utf8')) as Record<string, Record<string, string[]>>;

test('golden: the original engine, feature by feature and on the score, within 1e-9', () => {
  const { bars } = loadBars(join(DIR, 'bars.csv'));
  const g = readGolden();
  assert.equal(bars.n, g.ts.length);
  assert.ok(bars.n >= 2000);
  assert.ok(bars.extra, 'extra columns read');
  const eng = new OriginalEngine(defaultEngineConfig());
  const day = emptyDayContext();
  let compared = 0;
  let blanket = 0;
  let nanBands = 0;
  const worst: Record<string, number> = {};
  for (let i = 0; i < bars.n; i++) {
    assert.equal(new Date(bars.ts[i]!).toISOString().replace('.000', ''), g.ts[i]);
    eng.step(bars, i, day);
    blanket += eng.blanket;
    const skip = excluded[g.ts[i]!] ?? {};
    compared++;
    FEATURE_NAMES.forEach((name, k) => {
      if (name in skip) return;
      const want = g.cols[name]![i]!;
      const got = eng.values[k]!;
      if (Number.isNaN(want)) {
        nanBands++;
        assert.ok(Number.isNaN(got), `${g.ts[i]} ${name}: want NaN, got ${got}`);
        return;
      }
      const d = Math.abs(got - want);
      worst[name] = Math.max(worst[name] ?? 0, d);
      assert.ok(d <= 1e-9, `${g.ts[i]} ${name}: ${got} vs ${want}`);
    });
    // a NaN rolling band makes the score 1.0 whatever the other features are
    if (Object.keys(skip).length > 0 && !Number.isNaN(g.cols.vwap_bands_signal![i]!)) continue;
    assert.ok(Math.abs(eng.score - g.cols.score![i]!) <= 1e-9, `${g.ts[i]} score: ${eng.score} vs ${g.cols.score![i]}`);
  }
  assert.ok(compared >= 2000, `compared ${compared}`);
  assert.ok(Object.keys(excluded).length < 40);
  // the fixture covers the exception path and the zero-width rolling band
  assert.ok(blanket > 10, `blanket exceptions: ${blanket}`);
  assert.ok(nanBands > 0, 'a zero-width rolling band (NaN vwap_bands_signal, score 1.0)');
});

test('golden fixture covers two sessions, every input group missing somewhere, both gamma signs, book and no book', () => {
  const { bars } = loadBars(join(DIR, 'bars.csv'));
  const c = bars.extra!.cols;
  assert.ok(new Set(bars.tradeDate).size >= 2);
  for (const g of ['orderflow', 'options', 'structure', 'sierra', 'book']) {
    const f = c[`has_${g}`]!;
    assert.ok(f.includes(0) && f.includes(1), g);
  }
  const ng = c.net_gamma!;
  assert.ok(ng.some((x) => x > 0) && ng.some((x) => x < 0));
  assert.ok(c.volume_imbalance_signal!.some((x) => Number.isNaN(x)));
  assert.equal(EXTRA_COLUMN_NAMES.length, 4 + 8 + 4 + 4 + 20 + 1 + 5);
});

test('scenarios --engine original: the four confluence scores equal the seed within 1e-12', () => {
  const config = { ...defaultEngineConfig(), engine: 'original' as const };
  const res = runScenarios(config);
  assert.equal(res.length, 19);
  const conf = res.filter((r) => r.group === 'confluence');
  assert.equal(conf.length, 4);
  for (const r of conf) {
    assert.ok(Math.abs(r.score - r.seed.seed_score) <= 1e-12, `${r.name}: ${r.score} vs ${r.seed.seed_score}`);
    assert.equal(r.tier, r.seed.seed_tier);
    // the mock book's constant and the unsigned +0.2 MTF bonus on a flat bar (ENGINE_SPEC §2.5, §2.7)
    const wb = 150 + 120 * 0.8 + 100 * 0.64 + 80 * 0.512 + 60 * 0.4096;
    const wa = 140 + 110 * 0.8 + 90 * 0.64 + 70 * 0.512 + 50 * 0.4096;
    // raw = 0.6 L1 + 0.4 depth; liquidity 0.7 x 0.5 (total = half of 2 x the mean) + 0.3 x 10/10 levels
    const mock = (1 + (0.6 * (10 / 290) + 0.4 * ((wb - wa) / (wb + wa))) * 0.65) / 2;
    assert.ok(Math.abs(r.features.order_book_imbalance - mock) < 1e-12, `${r.features.order_book_imbalance} vs ${mock}`);
    assert.ok(Math.abs(r.features.mtf_confluence_score - 0.5 * (1 + 0.2 + computeFlatQuality(r.seed.volume, r.seed.price))) < 1e-12);
  }
  // the other 15 have no recorded random term: the feature is 0 and unavailable
  for (const r of res.filter((x) => x.group !== 'confluence')) {
    assert.equal(r.features.volume_imbalance_signal, 0);
    assert.equal(r.available.volume_imbalance_signal, false);
  }
});

/** §2.5 on a flat 5-point bar: base 0 (tanh 0), +0.2 alignment, + the quality bonus of q = (bq + vc + pc)/3. */
function computeFlatQuality(v: number, price: number): number {
  const q = (Math.min((5 / price) * 10, 1) + Math.min(v / 1500, 2) / 2 + (1 + Math.min(v / 2000, 1)) / 2) / 3;
  return q > 0.8 ? 0.15 * q : q > 0.6 ? 0.08 * q : 0;
}

test('--engine: parsed, validated, and named in the config', () => {
  assert.equal(resolveEngineConfig({}).engine, 'mia');
  assert.equal(resolveEngineConfig({ engine: 'original' }).engine, 'original');
  assert.throws(() => resolveEngineConfig({ engine: 'python' }), /--engine: expected 'mia' or 'original'/);
});

test('replay --engine original: never resets, feeds the session-selected bars, equals the engine stepped by hand', () => {
  const { bars } = loadBars(join(DIR, 'bars.csv'));
  const config = { ...defaultEngineConfig(), engine: 'original' as const, session: 'eth' as const };
  const out = replay(bars, null, config);
  const g = readGolden();
  let same = 0;
  for (let i = 0; i < bars.n; i++) if (Math.abs(out.score[i]! - g.cols.score![i]!) <= 1e-9) same++;
  // every bar but the polyfit exclusions
  assert.ok(same >= bars.n - Object.keys(excluded).length, `${same}`);
  // RTH mode feeds only RTH bars, without resetting between them
  const rth = replay(bars, null, { ...config, session: 'rth' });
  let fed = 0;
  for (let i = 0; i < bars.n; i++) fed += rth.active[i]!;
  let rthBars = 0;
  for (let i = 0; i < bars.n; i++) rthBars += bars.rth[i]!;
  assert.equal(fed, rthBars);
});

test('extra columns: an Arrow bar table carries them (data import) and replays identically; bad cells name file:line: field', () => {
  const csv = join(DIR, 'bars.csv');
  const r = importFiles([csv]);
  r.bars.extra = readExtraColumnsFiles([csv])!;
  const dir = mkdtempSync(join(tmpdir(), 'mia-orig-'));
  const arrow = join(dir, 'bars.arrow');
  writeFileSync(arrow, barsToIPC(r.bars, { source: 'test' }));
  const config = { ...defaultEngineConfig(), engine: 'original' as const, session: 'eth' as const };
  const a = replay(loadBars(csv).bars, null, config);
  const b = replay(loadBars(arrow).bars, null, config);
  for (let i = 0; i < a.n; i++) assert.ok(Object.is(a.score[i], b.score[i]), `bar ${i}`);
  // a file without extra columns: nothing read
  assert.equal(readExtraColumnsCsv('x.csv', 'ts,open,high,low,close,volume,bid_volume,ask_volume\n'), null);
  assert.throws(() => readExtraColumnsCsv('x.csv', 'ts,close,net_gamma\n2025-03-03T23:00:00Z,1,abc\n'), /x\.csv:2: net_gamma: 'abc' is not a number/);
  assert.throws(() => readExtraColumnsCsv('x.csv', 'ts,close,has_book\n2025-03-03T23:00:00Z,1,2\n'), /x\.csv:2: has_book: must be 0 or 1/);
});

test('original inputs: defaults without extra columns (bid/ask order flow, day options, mock book, no structure)', () => {
  const bars = makeBars({ close: [5400, 5401], volume: [1000, 1200], bidVolume: [400, 500], askVolume: [600, 700] });
  const eng = new OriginalEngine(defaultEngineConfig());
  const day = { ...emptyDayContext(), callWall: 5401, putWall: 5390, netGammaBn: -20 };
  eng.step(bars, 0, day);
  const x = eng.inputs;
  assert.deepEqual([x.hasFlow, x.aggBuys, x.aggSells, x.netDelta], [true, 600, 400, 200]);
  assert.deepEqual([x.hasOptions, x.callWall, x.putWall, x.volTrigger, x.netGamma], [true, 5401, 5390, 0, -20]);
  assert.equal(x.hasBook, false);
  // gamma: cp = 1 - 1/2 = 0.5 -> 0.325; NG < 0, |NG|/10 capped at 1 -> 0.25 * 0.85; no vol trigger
  assert.ok(Math.abs(eng.values[0]! - (0.65 * 0.5 + 0.25 * 0.85)) < 1e-12);
  // no structure feed: vwap_trend is its neutral 0.5 and unavailable; volume_imbalance absent: 0
  assert.equal(eng.values[2], 0.5);
  assert.equal(eng.available[2], 0);
  assert.equal(eng.values[7], 0);
});

test('a recorded session off the CME calendar (a Saturday, 5-minute grid) loads with --allow-off-calendar and replays with --eth; its recorded inputs are used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-orig-'));
  const csv = join(dir, 'sat.csv');
  const rows = ['ts,open,high,low,close,volume,bid_volume,ask_volume,net_delta,volume_imbalance_signal'];
  for (let i = 0; i < 30; i++) {
    const ts = new Date(Date.parse('2025-08-09T14:30:00Z') + i * 300_000).toISOString();
    rows.push(`${ts},${5400 + i / 4},${5401 + i / 4},${5399 + i / 4},${5400.25 + i / 4},1000,400,600,-150,${i === 3 ? '' : 0.5}`);
  }
  writeFileSync(csv, rows.join('\n') + '\n');
  // off the exchange calendar on purpose: the import refuses it unless told (a wrong --tz looks the same)
  assert.throws(() => loadBars(csv), /outside the CME trading schedule/);
  const { bars } = loadBars(csv, { allowOffCalendar: true });
  const out = replay(bars, null, { ...defaultEngineConfig(), engine: 'original', session: 'eth' });
  let fed = 0;
  for (let i = 0; i < out.n; i++) fed += out.active[i]!;
  assert.equal(fed, 30);
  assert.equal(out.features.volume_imbalance_signal[0], 0.5);
  assert.equal(out.features.volume_imbalance_signal[3], 0);
  assert.equal(out.available.volume_imbalance_signal[3], 0);
  // net delta -150 from the column (not ask - bid = +200): |nd|/V = 150/1000 -> 0.25 * min(2.2 * 0.15, 1)
  const eng = new OriginalEngine(defaultEngineConfig());
  eng.step(bars, 0, emptyDayContext());
  assert.equal(eng.inputs.netDelta, -150);
  // first bar: no 10-bar volume term, no 5-bar correlation; aggressive term min(8 * 1000/1000, 1) * 0.10
  assert.ok(Math.abs(eng.values[1]! - (0.25 * 2.2 * 0.15 + 0.1)) < 1e-12);
});
