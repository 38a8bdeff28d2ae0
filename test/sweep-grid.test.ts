import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildGrid, parseRange, setAt, isOrdered } from '../src/sweep/grid.ts';
import { loadSetsFile } from '../src/sweep/sets-file.ts';
import { presetSets } from '../src/sweep/presets.ts';
import { MiaError } from '../src/util/errors.ts';
import { DEFAULT_THRESHOLDS } from '../src/engine/types.ts';

const FIX = new URL('./fixtures/sweep/', import.meta.url).pathname;

test('parseRange: inclusive float-safe stepping, single values, lists', () => {
  const v = parseRange('0.30:0.50:0.01');
  assert.equal(v.length, 21);
  assert.equal(v[0], 0.3);
  assert.equal(v[20], 0.5);
  assert.equal(v[7], 0.37); // not 0.37000000000000005
  assert.deepEqual(parseRange('0.1:0.3:0.1'), [0.1, 0.2, 0.3]);
  assert.deepEqual(parseRange('0.1:0.35:0.1'), [0.1, 0.2, 0.3]);
  assert.deepEqual(parseRange('0.38'), [0.38]);
  assert.deepEqual(parseRange('0.4,0.38,0.4'), [0.38, 0.4]);
  assert.deepEqual(parseRange('0.2:0.2:0.05'), [0.2]);
});

test('parseRange: bad grids are one clear MiaError', () => {
  const bad: [string, RegExp][] = [
    ['0.3:0.5:0', /step must be > 0, got 0/],
    ['0.3:0.5:-0.01', /step must be > 0/],
    ['0.5:0.3:0.01', /inverted range/],
    ['0.9:1.2:0.1', /outside \[0, 1\]/],
    ['-0.1', /outside \[0, 1\]/],
    ['0.3:0.5', /three parts/],
    ['a:0.5:0.1', /not a number/],
    ['', /empty/],
    ['0.3:0.5:0.01:2', /three parts/],
  ];
  for (const [spec, re] of bad) {
    assert.throws(() => parseRange(spec, 'premium'), (e: unknown) => e instanceof MiaError && re.test(e.message) && !e.message.includes('\n'), spec);
  }
});

test('buildGrid keeps only ordered sets, in lexicographic order, missing tiers from the fallback', () => {
  const g = buildGrid({ premium: '0.30:0.40:0.05', strong: '0.30:0.35:0.05', good: '0.25:0.30:0.05' }, DEFAULT_THRESHOLDS);
  // premium ∈ {.30,.35,.40}, strong ∈ {.30,.35}, good ∈ {.25,.30}, weak 0.18: ordered triples by hand:
  // (.35,.30,.25) (.40,.30,.25) (.40,.35,.25) (.40,.35,.30)
  assert.equal(g.n, 4);
  const sets = Array.from({ length: g.n }, (_, i) => setAt(g, i));
  assert.deepEqual(sets.map((s) => [s.premium, s.strong, s.good, s.weak]), [
    [0.35, 0.3, 0.25, 0.18],
    [0.4, 0.3, 0.25, 0.18],
    [0.4, 0.35, 0.25, 0.18],
    [0.4, 0.35, 0.3, 0.18],
  ]);
  assert.ok(sets.every(isOrdered));
  // counting check on a bigger grid: choose 4 distinct values out of 11 in decreasing order = C(11,4)
  const big = buildGrid({ premium: '0:1:0.1', strong: '0:1:0.1', good: '0:1:0.1', weak: '0:1:0.1' }, DEFAULT_THRESHOLDS);
  assert.equal(big.n, 330);
  assert.throws(() => buildGrid({ premium: '0.30', strong: '0.35' }, DEFAULT_THRESHOLDS), /no ordered threshold set/);
});

test('--sets files: CSV in any column order and JSON objects or arrays', () => {
  const c = loadSetsFile(join(FIX, 'sets.csv'));
  assert.equal(c.n, 2);
  assert.deepEqual(setAt(c, 1), { premium: 0.42, strong: 0.35, good: 0.3, weak: 0.18 });
  const j = loadSetsFile(join(FIX, 'sets.json'));
  assert.deepEqual(setAt(j, 1), { premium: 0.35, strong: 0.28, good: 0.25, weak: 0.18 });
});

test('--sets files: bad rows name file and line', () => {
  assert.throws(() => loadSetsFile(join(FIX, 'unordered.csv')), /unordered\.csv:3: set: .* not ordered/);
  assert.throws(() => loadSetsFile(join(FIX, 'missing-column.csv')), /missing-column\.csv:1: weak: missing column/);
  assert.throws(() => loadSetsFile(join(FIX, 'malformed.csv')), /malformed\.csv:2: good: 'abc' is not a number/);
  assert.throws(() => loadSetsFile(join(FIX, 'duplicate.csv')), /duplicate\.csv:3: set: .* repeats line 2/);
  assert.throws(() => loadSetsFile(join(FIX, 'nope.csv')), /cannot read/);
});

test('preset seed: current, raise, lower and code variant, weak kept at 0.18', () => {
  const p = presetSets('seed');
  assert.equal(p.n, 4);
  assert.deepEqual(Array.from(p.values), [0.38, 0.32, 0.28, 0.18, 0.42, 0.35, 0.3, 0.18, 0.35, 0.28, 0.25, 0.18, 0.38, 0.3, 0.25, 0.18]);
  assert.equal(p.labels?.length, 4);
  assert.throws(() => presetSets('nope'), /unknown preset/);
});
