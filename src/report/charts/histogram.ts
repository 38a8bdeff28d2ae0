// Histogram of engine scores with the tier thresholds drawn as labelled vertical lines.
import { axisBottom, axisLeft, fmtCompact, INK, linearScale, line, niceTicks, numericTicks, rect, svgDoc, text } from './svg.ts';

export interface HistogramOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** values to bin; NaN values are skipped (bars the engine did not score) */
  values: ArrayLike<number>;
  binWidth: number;
  markers: { label: string; value: number }[];
}

/** Counts per bin on a grid aligned to multiples of binWidth. */
export function binCounts(values: ArrayLike<number>, binWidth: number): { start: number; counts: number[]; total: number } {
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    total++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (total === 0) return { start: 0, counts: [], total };
  const k0 = Math.floor(min / binWidth + 1e-9);
  const k1 = Math.floor(max / binWidth + 1e-9);
  const counts = new Array<number>(k1 - k0 + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const k = Math.min(k1, Math.floor(v / binWidth + 1e-9)) - k0;
    counts[k]!++;
  }
  return { start: k0 * binWidth, counts, total };
}

export function histogramSvg(o: HistogramOptions): string {
  const width = 860;
  const height = 420;
  const left = 86;
  const right = width - 24;
  const top = 62;
  const bottom = 350;
  const { start, counts, total } = binCounts(o.values, o.binWidth);
  const body: string[] = [];
  if (total === 0) {
    body.push(text(width / 2, 200, 'No scored bars in this window.', { 'text-anchor': 'middle', fill: INK, 'font-size': 14 }));
    return svgDoc(width, 260, o.title, body);
  }
  const end = start + counts.length * o.binWidth;
  const mk = o.markers.map((m) => m.value);
  const xT = niceTicks(Math.min(start, ...mk), Math.max(end, ...mk), 10);
  const x = linearScale(xT.lo, xT.hi, left, right);
  const yT = niceTicks(0, Math.max(...counts), 5);
  const y = linearScale(0, yT.hi, bottom, top);
  body.push(...axisLeft(bottom, top, left, numericTicks(y, yT, (v) => v.toLocaleString('en-US')), o.yLabel, right, 66));
  counts.forEach((c, i) => {
    const x0 = x(start + i * o.binWidth);
    const x1 = x(start + (i + 1) * o.binWidth);
    body.push(rect(x0, y(c), x1 - x0, bottom - y(c), { fill: '#7fa7d1', stroke: '#ffffff', 'stroke-width': 0.5 }));
  });
  body.push(...axisBottom(left, right, bottom, numericTicks(x, xT), o.xLabel));
  // thresholds: dashed lines, labels staggered so close thresholds do not overlap
  const sorted = [...o.markers].sort((a, b) => a.value - b.value);
  sorted.forEach((m, i) => {
    const mx = x(m.value);
    body.push(line(mx, top - 4, mx, bottom, { stroke: '#c0392b', 'stroke-width': 1.5, 'stroke-dasharray': '5 3' }));
    body.push(text(mx + 3, top - 8 + (i % 2) * 13, `${m.label} ${m.value.toFixed(2)}`, { fill: '#c0392b', 'font-size': 11 }));
  });
  body.push(text(right, bottom + 38, `${fmtCompact(total)} values, bin width ${o.binWidth}`, { 'text-anchor': 'end', fill: '#666666', 'font-size': 11 }));
  return svgDoc(width, height, o.title, body);
}
