import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatmapSvg } from '../src/report/charts/heatmap.ts';
import { parseSvg, parseXml, texts, walk } from './fixtures/report/xml.ts';

const opts = {
  title: 'Sharpe by PREMIUM & STRONG threshold',
  xLabel: 'PREMIUM threshold (score)',
  yLabel: 'STRONG threshold (score)',
  zLabel: 'Sharpe <ann.>',
  xValues: [0.34, 0.36, 0.38, 0.4],
  yValues: [0.3, 0.32],
  z: [
    [1.2, -0.5, null, 0.25],
    [0.8, 2.5, 1.1, null],
  ],
};

test('the checker rejects malformed XML (so the SVG checks can fail)', () => {
  assert.throws(() => parseXml('<svg><g></svg>'));
  assert.throws(() => parseXml('<svg a="1" a="2"/>'));
  assert.throws(() => parseXml('<svg><text>a < b</text></svg>'));
  assert.throws(() => parseXml('<svg><text>R&D</text></svg>'));
  assert.throws(() => parseXml('<svg/><svg/>'));
});

test('heatmap is well-formed SVG with title, axis titles, escaped legend label, min/max', () => {
  const svg = heatmapSvg(opts);
  const root = parseSvg(svg);
  const t = texts(root);
  assert.ok(t.includes(opts.title));
  assert.ok(t.includes(opts.xLabel));
  assert.ok(t.includes(opts.yLabel));
  assert.ok(t.includes('Sharpe <ann.>'), 'zLabel escaped and round-trips');
  assert.ok(t.includes('max 2.5'));
  assert.ok(t.includes('min -0.5'));
  for (const v of ['0.34', '0.36', '0.38', '0.40', '0.30', '0.32']) assert.ok(t.includes(v), `tick ${v}`);
});

test('null cells are hatched; the palette diverges at 0: losses red, gains blue, 0 neutral, symmetric in |value|', () => {
  const root = parseSvg(heatmapSvg(opts));
  const rects = walk(root).filter((n) => n.name === 'rect' && n.attrs.stroke === '#ffffff');
  assert.equal(rects.length, 8);
  const hatched = rects.filter((r) => r.attrs.fill === 'url(#heat-nodata)');
  assert.equal(hatched.length, 2);
  const fills = rects.map((r) => r.attrs.fill);
  assert.ok(fills.includes('#2166ac'), 'the largest |value| (2.5, a gain) gets full blue');
  const rgb = (f: string) => [1, 3, 5].map((i) => parseInt(f.slice(i, i + 2), 16)) as [number, number, number];
  // cell order: bottom row (y 0.30) first: 1.2, -0.5, null, 0.25
  const [r, , b] = rgb(fills[1]!);
  assert.ok(r > b, `-0.5 is reddish: ${fills[1]}`);
  const t = texts(root);
  assert.ok(t.some((x) => x.includes('loss (red)')) && t.some((x) => x.includes('gain (blue)')) && t.includes('0 (neutral)'), 'the legend says so');
  // an all-negative grid (a Sharpe of -32) is all red, its worst cell the deepest
  const neg = parseSvg(heatmapSvg({ ...opts, z: [[-32, -1, null, -5], [-2, -3, -4, null]] }));
  const nf = walk(neg).filter((n) => n.name === 'rect' && n.attrs.stroke === '#ffffff' && n.attrs.fill !== 'url(#heat-nodata)').map((n) => n.attrs.fill!);
  for (const f of nf) {
    const [rr, , bb] = rgb(f);
    assert.ok(rr > bb, `negative cell ${f} is red`);
  }
  assert.equal(nf[0], '#b2182b');
  // zero is the neutral middle
  const zero = parseSvg(heatmapSvg({ ...opts, z: [[0, 1, null, -1], [0.5, -0.5, 0, null]] }));
  assert.equal(walk(zero).filter((n) => n.name === 'rect' && n.attrs.stroke === '#ffffff')[0]!.attrs.fill, '#f7f7f7');
});

test('deterministic output and shape validation', () => {
  assert.equal(heatmapSvg(opts), heatmapSvg(structuredClone(opts)));
  assert.throws(() => heatmapSvg({ ...opts, z: [[1, 2]] }), /rows/);
  const empty = heatmapSvg({ ...opts, z: [[null, null, null, null], [null, null, null, null]] });
  assert.ok(texts(parseSvg(empty)).includes('no valid cell'));
});

test('large grids thin their tick labels and stay well-formed', () => {
  const xValues = Array.from({ length: 30 }, (_, i) => 0.2 + i * 0.01);
  const yValues = Array.from({ length: 25 }, (_, i) => 0.1 + i * 0.01);
  const z = yValues.map((y, yi) => xValues.map((x, xi) => ((xi + yi) % 7 === 0 ? null : x * 10 - y * 3)));
  const root = parseSvg(heatmapSvg({ ...opts, xValues, yValues, z }));
  const t = texts(root);
  assert.ok(t.includes('0.20') && t.includes('0.49'), 'first and last x ticks');
  assert.ok(t.filter((s) => /^0\.\d\d$/.test(s)).length < 55, 'labels thinned');
});
