// The replay: session filter and resets (RTH open / trade date / roll / gap), output columns and files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { makeBars, sliceRange } from './helpers/bars.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { availabilitySummary } from '../src/engine/availability.ts';
import { replayToArrow, replayToCsv, REPLAY_COLUMNS } from '../src/engine/replay-output.ts';
import { IsoStamps, ISO_LEN } from '../src/engine/iso-stamps.ts';
import { FEATURE_NAMES, TIER_NAMES } from '../src/engine/types.ts';
import type { Bars } from '../src/data/types.ts';
import type { EngineOutput } from '../src/engine/types.ts';
import { REPO } from './helpers/shared.ts';

const T0 = Date.parse('2024-06-03T13:30:00Z'); // Monday 08:30 CT

function wander(n: number, opts: { start?: number; contractId?: number[]; ts?: number[] } = {}): Bars {
  const close = Array.from({ length: n }, (_, i) => 5400 + Math.round(8 * Math.sin(i / 7) + 3 * Math.cos(i / 3)) / 4 * 4);
  const open = close.map((c, i) => (i ? close[i - 1]! : c));
  return makeBars({
    close,
    open,
    high: close.map((c, i) => Math.max(c, open[i]!) + 0.5),
    low: close.map((c, i) => Math.min(c, open[i]!) - 0.75),
    volume: close.map((_, i) => 800 + ((i * 37) % 500)),
    bidVolume: close.map((_, i) => 400 + ((i * 53) % 300)),
    ts: opts.ts ?? close.map((_, i) => (opts.start ?? T0) + i * 300000),
    ...(opts.contractId ? { contractId: opts.contractId } : {}),
  });
}

function sameFrom(a: EngineOutput, ia: number, b: EngineOutput, ib: number, n: number): void {
  for (let k = 0; k < n; k++) {
    for (const f of FEATURE_NAMES) assert.ok(Object.is(a.features[f][ia + k], b.features[f][ib + k]), `${f} at ${ia + k}`);
    assert.ok(Object.is(a.score[ia + k], b.score[ib + k]));
  }
}

test('RTH mode feeds only RTH bars: others are NaN / NO_TRADE / 0 / inactive; ETH mode feeds all', () => {
  // 17:00 CT Sunday -> 100 overnight bars then RTH from 08:30 CT Monday
  const start = Date.parse('2024-06-02T22:00:00Z');
  const b = wander(250, { start });
  const rth = replay(b, null, defaultEngineConfig());
  const eth = replay(b, null, { ...defaultEngineConfig(), session: 'eth' });
  for (let i = 0; i < b.n; i++) {
    if (b.rth[i]) assert.equal(rth.active[i], 1);
    else {
      assert.equal(rth.active[i], 0);
      assert.ok(Number.isNaN(rth.score[i]) && rth.tier[i] === 0 && rth.direction[i] === 0);
      assert.ok(FEATURE_NAMES.every((f) => Number.isNaN(rth.features[f][i])));
    }
    assert.equal(eth.active[i], 1);
  }
  // RTH state starts at the open: the first RTH bar equals a replay that starts there
  const first = b.rth.indexOf(1);
  const fresh = replay(sliceRange(b, first, b.n), null, defaultEngineConfig());
  sameFrom(rth, first, fresh, 0, 20);
  // ETH carries the overnight state into the open, so its first RTH bar differs
  assert.notEqual(eth.features.vwap_trend_signal[first], rth.features.vwap_trend_signal[first]);
});

test('ETH mode resets at each new trade date (17:00 CT)', () => {
  const b = wander(400, { start: Date.parse('2024-06-03T13:30:00Z') }); // crosses 17:00 CT Monday
  const out = replay(b, null, { ...defaultEngineConfig(), session: 'eth' });
  let k = 1;
  while (b.tradeDate[k] === b.tradeDate[0]) k++;
  const fresh = replay(sliceRange(b, k, b.n), null, { ...defaultEngineConfig(), session: 'eth' });
  sameFrom(out, k, fresh, 0, 40);
});

test('every window restarts at a contract roll and after a data gap', () => {
  // a roll inside the session (contract 0 -> 1 at bar 40): bars after it equal a fresh start
  const roll = wander(80, { contractId: Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 1)) });
  const cfg = { ...defaultEngineConfig(), session: 'eth' as const };
  const outRoll = replay(roll, null, cfg);
  const freshRoll = replay(sliceRange(roll, 40, 80), null, cfg);
  sameFrom(outRoll, 40, freshRoll, 0, 40);
  // a 30-minute hole at bar 30 -> AFTER_GAP
  const ts = Array.from({ length: 70 }, (_, i) => T0 + (i < 30 ? i : i + 6) * 300000);
  const gap = wander(70, { ts });
  assert.ok(gap.flags[30]! & 4);
  const outGap = replay(gap, null, cfg);
  sameFrom(outGap, 30, replay(sliceRange(gap, 30, 70), null, cfg), 0, 40);
  // without the gap the state carries on and the values differ
  const noGap = replay(wander(70), null, cfg);
  assert.notEqual(noGap.features.volume_confirmation[35], outGap.features.volume_confirmation[35]);
});

test('availability summary counts processed bars and real inputs per feature', () => {
  const b = wander(78);
  const out = replay(b, null, defaultEngineConfig());
  const s = Object.fromEntries(availabilitySummary(out).map((a) => [a.feature, a]));
  assert.equal(s.gamma_levels_proximity!.bars, 78);
  assert.equal(s.gamma_levels_proximity!.real, 0);
  assert.equal(s.sierra_pattern_strength!.share, 0);
  assert.equal(s.order_book_imbalance!.share, 1);
  assert.equal(s.vwap_trend_signal!.real, 78 - 14); // warm-up: 14 bars on the 0.5 default
  assert.equal(s.vwap_bands_signal!.real, 78 - 19);
});

test('CSV and Arrow outputs: ts ISO-8601 UTC, the ten spec columns, score, tier name, direction', () => {
  const b = wander(100, { start: Date.parse('2024-06-03T12:00:00Z') }); // 07:00 CT: 18 pre-open bars
  const out = replay(b, null, defaultEngineConfig());
  const lines = Buffer.from(replayToCsv(b, out)).toString('latin1').trimEnd().split('\n');
  assert.equal(lines[0], REPLAY_COLUMNS.join(','));
  assert.equal(lines.length, 101);
  const pre = lines[1]!.split(',');
  assert.equal(pre[0], '2024-06-03T12:00:00.000Z');
  assert.deepEqual(pre.slice(1, 12), Array(11).fill(''));
  assert.deepEqual(pre.slice(12), ['NO_TRADE', '0']);
  const i = 50;
  const row = lines[i + 1]!.split(',');
  assert.equal(Number(row[2]), out.features.volume_confirmation[i]);
  assert.equal(Number(row[3]), out.features.vwap_trend_signal[i]);
  assert.equal(Number(row[11]), out.score[i]);
  assert.equal(row[12], ['NO_TRADE', 'WEAK', 'GOOD', 'STRONG', 'PREMIUM'][out.tier[i]!]);
  const t = tableFromIPC(replayToArrow(b, out, { 'mia.manifest': '{}' }));
  assert.deepEqual(t.schema.fields.map((f) => f.name), [...REPLAY_COLUMNS]);
  assert.equal(t.numRows, 100);
  assert.equal(t.getChild('score')!.get(i), out.score[i]);
  assert.equal(t.getChild('tier')!.get(i), row[12]);
  assert.equal(t.getChild('ts')!.get(0), '2024-06-03T12:00:00.000Z');
  assert.equal(t.schema.metadata.get('mia.manifest'), '{}');
});

const CLI = ['--import', 'tsx', join(REPO, 'src', 'cli.ts')];
const HAS_DATA = existsSync(join(REPO, 'data', 'es-5m.arrow'));

test('mia replay: writes the file and its manifest; bad engine flags are one line and exit != 0, no file', { skip: HAS_DATA ? false : 'embedded data not built' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-replay-'));
  const out = join(dir, 'r.csv');
  const ok = spawnSync(process.execPath, [...CLI, 'replay', '--from', '2024-09-16', '--out', out, '--quiet'], { encoding: 'utf8', cwd: REPO });
  assert.equal(ok.status, 0, ok.stderr);
  // --quiet leaves stderr empty; the coverage table and the "wrote" line are results, on stdout
  assert.equal(ok.stderr, '');
  assert.match(ok.stdout, /per-feature inputs/);
  assert.match(ok.stdout, /^wrote .*r\.csv$/m);
  assert.equal(readFileSync(out, 'utf8').split('\n')[0], REPLAY_COLUMNS.join(','));
  const m = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'));
  assert.equal(m.parameters.engine.thresholds.strong, 0.32);
  for (const bad of [['--weights', 'gamma=0.5'], ['--weights', 'gamma_levels_proximity=0.5'], ['--thresholds', '0.3,0.32,0.28,0.18']]) {
    const r = spawnSync(process.execPath, [...CLI, 'replay', ...bad, '--out', join(dir, 'bad.csv')], { encoding: 'utf8', cwd: REPO });
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^mia: /);
    assert.ok(!existsSync(join(dir, 'bad.csv')));
  }
});

test('the byte writers equal the plain string formulas: ISO stamps and whole CSV rows', () => {
  const stamps = new IsoStamps();
  const buf = new Uint8Array(ISO_LEN);
  const day = 86_400_000;
  // day edges, leap days, years 0000 and 9999, before 1970, fractional instants
  const cases = [0, -1, day - 1, day, Date.parse('2024-02-29T23:59:59.999Z'), Date.parse('0000-01-01T00:00:00Z'), Date.parse('9999-12-31T23:59:59.999Z'), -day * 365.25 * 30 + 7, 1.5, -0.5, day + 0.25];
  for (let k = 0; k < 2000; k++) cases.push(Math.floor(((k * 7919) % 2000) * 1e9 + k * 37_123_457));
  for (const ms of cases) {
    stamps.write(ms, buf, 0);
    assert.equal(Buffer.from(buf).toString('latin1'), new Date(ms).toISOString(), `ms ${ms}`);
  }
  assert.throws(() => stamps.write(8.64e15, buf, 0), RangeError);
  const b = wander(600, { start: Date.parse('2024-06-03T12:00:00Z') });
  const out = replay(b, null, { ...defaultEngineConfig(), session: 'eth' });
  let want = REPLAY_COLUMNS.join(',') + '\n';
  const cell = (x: number) => (Number.isNaN(x) ? '' : String(x));
  for (let i = 0; i < out.n; i++) {
    want += [new Date(b.ts[i]!).toISOString(), ...FEATURE_NAMES.map((f) => cell(out.features[f][i]!)), cell(out.score[i]!), TIER_NAMES[out.tier[i]!], out.direction[i]].join(',') + '\n';
  }
  assert.equal(Buffer.from(replayToCsv(b, out)).toString('latin1'), want);
});
