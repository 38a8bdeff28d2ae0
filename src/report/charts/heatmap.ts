// Heatmap of a metric over a two-parameter grid (e.g. PREMIUM x STRONG thresholds). Cells are drawn by
// index, so uneven grids stay readable; a null cell (no valid set) is hatched grey, never coloured as a value.
// The palette diverges at 0 (red = loss, near-white = 0, blue = gain, symmetric in |value|): a sequential ramp
// painted a Sharpe of -32 in the "best" colour whenever every cell was negative.
import {
  axisBottom, axisLeft, esc, fmtCompact, fmtTick, hatchPattern, INK, MUTED, num, rect, svgDoc, text, textOn, thinIndices,
} from './svg.ts';

/** RdBu (ColorBrewer, colour-blind safe): -1 → red, 0 → neutral, +1 → blue. */
const DIVERGING: [number, number, number][] = [
  [178, 24, 43],
  [239, 138, 98],
  [247, 247, 247],
  [103, 169, 207],
  [33, 102, 172],
];

/** Colour of u in [-1, 1] on the diverging palette, as #rrggbb (0 is the neutral middle). */
export function divergingColor(u: number): string {
  const c = (Math.min(1, Math.max(-1, Number.isFinite(u) ? u : 0)) + 1) / 2 * (DIVERGING.length - 1);
  const i = Math.min(DIVERGING.length - 2, Math.floor(c));
  const f = c - i;
  const a = DIVERGING[i]!;
  const b = DIVERGING[i + 1]!;
  const hex = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

function divergingGradient(id: string): string {
  const stops = DIVERGING.map((_, i) => {
    const t = i / (DIVERGING.length - 1);
    return `<stop offset="${num(t * 100)}%" stop-color="${divergingColor(t * 2 - 1)}"/>`;
  });
  return `<linearGradient id="${esc(id)}" x1="0" y1="1" x2="0" y2="0">${stops.join('')}</linearGradient>`;
}

export interface HeatmapOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  zLabel: string;
  xValues: number[];
  yValues: number[];
  /** z[yIndex][xIndex]; null = no valid set */
  z: (number | null)[][];
}

/** Step used to pick how many decimals a value list needs (smallest gap between neighbours). */
function labelStep(values: number[]): number {
  let step = Infinity;
  for (let i = 1; i < values.length; i++) {
    const d = Math.abs(values[i]! - values[i - 1]!);
    if (d > 0 && d < step) step = d;
  }
  return Number.isFinite(step) ? step : 1;
}

export function heatmapSvg(opts: HeatmapOptions): string {
  const { xValues, yValues, z } = opts;
  const nx = xValues.length;
  const ny = yValues.length;
  if (nx === 0 || ny === 0) throw new Error('heatmapSvg: empty grid');
  if (z.length !== ny || z.some((row) => row.length !== nx)) throw new Error(`heatmapSvg: z must be ${ny} rows of ${nx} values`);

  let min = Infinity;
  let max = -Infinity;
  for (const row of z) for (const v of row) if (v !== null && Number.isFinite(v)) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const hasData = min <= max;
  // symmetric scale: the same |value| gets the same depth of red or blue
  const span = Math.max(Math.abs(min), Math.abs(max)) || 1;

  const cell = Math.max(18, Math.min(56, Math.floor(560 / Math.max(nx, ny))));
  const left = 90;
  const top = 48;
  const plotW = cell * nx;
  const plotH = cell * ny;
  const legendX = left + plotW + 30;
  // wide enough for the legend and for the title (16 px bold: about 9 px a character)
  const width = Math.max(legendX + 170, Math.ceil(9 * opts.title.length) + 40);
  const height = Math.max(top + plotH + 62, top + Math.max(80, Math.min(plotH - 40, 220)) + 74);
  const showValues = cell >= 40;

  const body: string[] = [];
  for (let yi = 0; yi < ny; yi++) {
    // y grows upward: the first y value sits at the bottom row
    const y = top + (ny - 1 - yi) * cell;
    for (let xi = 0; xi < nx; xi++) {
      const x = left + xi * cell;
      const v = z[yi]![xi]!;
      if (v === null || !Number.isFinite(v)) {
        body.push(rect(x, y, cell, cell, { fill: 'url(#heat-nodata)', stroke: '#ffffff', 'stroke-width': 1 }));
        continue;
      }
      const fill = divergingColor(v / span);
      body.push(rect(x, y, cell, cell, { fill, stroke: '#ffffff', 'stroke-width': 1 }));
      if (showValues) body.push(text(x + cell / 2, y + cell / 2 + 4, fmtCompact(v), { 'text-anchor': 'middle', 'font-size': 10, fill: textOn(fill) }));
    }
  }

  const maxLabels = Math.max(2, Math.floor(plotW / 40));
  const xs = labelStep(xValues);
  const xTicks = thinIndices(nx, maxLabels).map((i) => ({ at: left + i * cell + cell / 2, label: fmtTick(xValues[i]!, xs) }));
  const ys = labelStep(yValues);
  const yTicks = thinIndices(ny, Math.max(2, Math.floor(plotH / 18))).map((i) => ({ at: top + (ny - 1 - i) * cell + cell / 2, label: fmtTick(yValues[i]!, ys) }));
  body.push(...axisBottom(left, left + plotW, top + plotH, xTicks, opts.xLabel));
  body.push(...axisLeft(top + plotH, top, left, yTicks, opts.yLabel, undefined, 62));

  body.push(...legend(legendX, top, plotH, opts.zLabel, hasData ? { min, max, span } : null));

  const defs = [divergingGradient('heat-ramp'), hatchPattern('heat-nodata')];
  return svgDoc(width, height, opts.title, [`<g aria-label="${esc(opts.zLabel)}" data-cells="${num(nx * ny)}">`, ...body, '</g>'], defs);
}

/** Colour legend: the diverging bar from -span (loss, red) through 0 (neutral) to +span (gain, blue), the data's
 * min and max, and the no-data swatch. */
function legend(legendX: number, top: number, plotH: number, zLabel: string, range: { min: number; max: number; span: number } | null): string[] {
  const body: string[] = [];
  // colour legend: gradient bar with min at the bottom and max at the top, plus the no-data swatch
  const barH = Math.max(80, Math.min(plotH - 40, 220));
  body.push(text(legendX, top - 8, zLabel, { 'font-size': 12, 'font-weight': 'bold', fill: INK }));
  if (range) {
    body.push(rect(legendX, top, 16, barH, { fill: 'url(#heat-ramp)', stroke: INK, 'stroke-width': 0.5 }));
    body.push(text(legendX + 22, top + 10, `+${fmtCompact(range.span)} gain (blue)`, { fill: INK }));
    body.push(text(legendX + 22, top + barH / 2 + 4, '0 (neutral)', { fill: INK }));
    body.push(text(legendX + 22, top + barH, `-${fmtCompact(range.span)} loss (red)`, { fill: INK }));
    body.push(text(legendX, top + barH + 50, `max ${fmtCompact(range.max)}`, { fill: INK }));
    body.push(text(legendX, top + barH + 64, `min ${fmtCompact(range.min)}`, { fill: INK }));
  } else {
    body.push(text(legendX, top + 14, 'no valid cell', { fill: MUTED }));
  }
  body.push(rect(legendX, top + barH + 14, 16, 16, { fill: 'url(#heat-nodata)', stroke: INK, 'stroke-width': 0.5 }));
  body.push(text(legendX + 22, top + barH + 26, 'no valid set', { fill: INK }));

  return body;
}
