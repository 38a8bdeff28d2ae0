// A small hand-written SVG toolkit: every chart is a deterministic string (fixed number formatting,
// no random ids, no clock), so a re-run gives byte-identical files.

export const FONT = 'font-family="Helvetica, Arial, sans-serif"';
export const INK = '#222';
export const GRID = '#e4e4e4';
export const MUTED = '#777';

/** Escape text for an XML text node or a double-quoted attribute. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Coordinates: two decimals at most, never "-0", never exponent notation. */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`svg: non-finite coordinate ${v}`);
  const r = Math.round(v * 100) / 100;
  return (r === 0 ? 0 : r).toFixed(2).replace(/\.?0+$/, '');
}

/** A tick/label number: enough decimals for the tick step, thousands separators, no "-0". */
export function fmtTick(v: number, step: number): string {
  const decimals = step >= 1 || step <= 0 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  const r = Number(v.toFixed(decimals));
  return (r === 0 ? 0 : r).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Compact number for a legend or value label: 3 significant figures, k/M suffix for big values. */
export function fmtCompact(v: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (a >= 1e6) return `${sign}${trim((a / 1e6).toFixed(2))}M`;
  if (a >= 1e4) return `${sign}${trim((a / 1e3).toFixed(1))}k`;
  if (a >= 100) return `${sign}${Math.round(a).toLocaleString('en-US')}`;
  if (a === 0) return '0';
  return `${sign}${trim(a.toPrecision(3))}`;
}
function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export interface Scale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
}

/** Linear map domain -> range; a zero-width domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  const f = ((v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0))) as Scale;
  f.domain = [d0, d1];
  f.range = [r0, r1];
  return f;
}

/** Step of 1, 2 or 5 x 10^k giving about `count` intervals over [min, max]. */
export function niceStep(min: number, max: number, count = 5): number {
  const span = Math.abs(max - min) || Math.abs(max) || 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  // nearest of 1, 2, 5, 10 on a log scale (the d3 rule), so the count is roughly honoured both ways
  return (f < Math.SQRT2 ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10) * mag;
}

/** Ticks at multiples of the nice step covering [min, max] (the domain is widened to the outer ticks). */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; step: number; lo: number; hi: number } {
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(min, max, count);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { ticks, step, lo: Number(lo.toPrecision(12)), hi: Number(hi.toPrecision(12)) };
}

type Attrs = Record<string, string | number | undefined>;
function attrs(a: Attrs): string {
  let s = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    s += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return s;
}

export function text(x: number, y: number, s: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, ...a })}>${esc(s)}</text>`;
}
export function line(x1: number, y1: number, x2: number, y2: number, a: Attrs = {}): string {
  return `<line${attrs({ x1, y1, x2, y2, stroke: INK, ...a })}/>`;
}
export function rect(x: number, y: number, w: number, h: number, a: Attrs = {}): string {
  return `<rect${attrs({ x, y, width: Math.max(0, w), height: Math.max(0, h), ...a })}/>`;
}
export function polyline(points: [number, number][], a: Attrs = {}): string {
  const p = points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
  return `<polyline points="${p}"${attrs({ fill: 'none', ...a })}/>`;
}
export function path(d: string, a: Attrs = {}): string {
  return `<path d="${d}"${attrs(a)}/>`;
}
/** A path from points: M x,y L x,y ... */
export function pathD(points: [number, number][], close = false): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join('') + (close ? 'Z' : '');
}

/** The whole document: white background, a <title> for accessibility, the chart title on top. */
export function svgDoc(width: number, height: number, title: string, body: string[], defs: string[] = []): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<title>${esc(title)}</title>`,
    ...(defs.length ? ['<defs>', ...defs, '</defs>'] : []),
    rect(0, 0, width, height, { fill: '#ffffff' }),
    text(width / 2, 24, title, { 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 'bold', fill: INK }),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

export interface Tick {
  at: number;
  label: string;
}

/** Bottom axis: baseline, tick marks, labels, title centred under it; optional vertical grid lines up to `gridTop`. */
export function axisBottom(x0: number, x1: number, y: number, ticks: Tick[], title: string, gridTop?: number): string[] {
  const out: string[] = [];
  for (const t of ticks) {
    if (gridTop !== undefined) out.push(line(t.at, gridTop, t.at, y, { stroke: GRID }));
    out.push(line(t.at, y, t.at, y + 5));
    out.push(text(t.at, y + 18, t.label, { 'text-anchor': 'middle', fill: INK }));
  }
  out.push(line(x0, y, x1, y));
  out.push(text((x0 + x1) / 2, y + 38, title, { 'text-anchor': 'middle', 'font-size': 13, fill: INK }));
  return out;
}

/** Left axis: baseline, ticks, labels, rotated title; optional horizontal grid lines to `gridRight`. */
export function axisLeft(y0: number, y1: number, x: number, ticks: Tick[], title: string, gridRight?: number, titleOffset = 58): string[] {
  const out: string[] = [];
  for (const t of ticks) {
    if (gridRight !== undefined) out.push(line(x, t.at, gridRight, t.at, { stroke: GRID }));
    out.push(line(x - 5, t.at, x, t.at));
    out.push(text(x - 8, t.at + 4, t.label, { 'text-anchor': 'end', fill: INK }));
  }
  out.push(line(x, y0, x, y1));
  const cy = (y0 + y1) / 2;
  out.push(text(x - titleOffset, cy, title, { 'text-anchor': 'middle', 'font-size': 13, fill: INK, transform: `rotate(-90 ${num(x - titleOffset)} ${num(cy)})` }));
  return out;
}

/** Numeric ticks for a scale, labelled with `fmt` (default: step-aware decimals). */
export function numericTicks(scale: Scale, t: { ticks: number[]; step: number }, fmt?: (v: number) => string): Tick[] {
  return t.ticks.map((v) => ({ at: scale(v), label: fmt ? fmt(v) : fmtTick(v, t.step) }));
}

/** Keep at most `max` labels, evenly spaced, always including the first and last. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const every = Math.ceil((n - 1) / (max - 1));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  if (out[out.length - 1] !== n - 1) {
    // drop the previous label if it would crowd the last one
    if (n - 1 - out[out.length - 1]! < every) out.pop();
    out.push(n - 1);
  }
  return out;
}

// Viridis-like ramp, perceptually ordered and readable in grey: low = dark purple, high = yellow.
const RAMP: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Colour for t in [0,1] along the ramp, as #rrggbb. */
export function rampColor(t: number): string {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(c));
  const f = c - i;
  const a = RAMP[i]!;
  const b = RAMP[i + 1]!;
  const hex = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** Gradient stops for the ramp (a legend bar), bottom = low. */
export function rampGradient(id: string): string {
  const stops = RAMP.map((_, i) => {
    const t = i / (RAMP.length - 1);
    return `<stop offset="${num(t * 100)}%" stop-color="${rampColor(t)}"/>`;
  });
  return `<linearGradient id="${esc(id)}" x1="0" y1="1" x2="0" y2="0">${stops.join('')}</linearGradient>`;
}

/** Diagonal hatching for "no data" cells. */
export function hatchPattern(id: string): string {
  return `<pattern id="${esc(id)}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#aaaaaa" stroke-width="2"/></pattern>`;
}

/** Black or white text, whichever reads on the given #rrggbb fill. */
export function textOn(fill: string): string {
  const r = parseInt(fill.slice(1, 3), 16);
  const g = parseInt(fill.slice(3, 5), 16);
  const b = parseInt(fill.slice(5, 7), 16);
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#000000' : '#ffffff';
}
