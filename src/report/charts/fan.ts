// Monte Carlo fan: equity over the horizon's days, the 5–95 % band shaded, the median path line, the starting
// capital dashed and the ruin level in red. x = trading day of the resampled horizon (not a calendar date).
import { usdTick } from './equity.ts';
import { axisBottom, axisLeft, fmtTick, GRID, INK, line, linearScale, niceTicks, numericTicks, path, pathD, polyline, svgDoc, text } from './svg.ts';

export interface FanChartOptions {
  title: string;
  /** 1-based trading days, ascending */
  day: number[];
  p5: number[];
  p50: number[];
  p95: number[];
  startingCapital: number;
  minEquity: number;
}

export function fanSvg(o: FanChartOptions): string {
  const width = 860;
  const height = 420;
  const left = 96;
  const right = width - 24;
  const top = 50;
  const bottom = 350;
  const body: string[] = [];
  const n = o.day.length;
  if (n === 0 || o.p5.length !== n || o.p50.length !== n || o.p95.length !== n) {
    body.push(text(width / 2, 200, 'No trading days: nothing to resample.', { 'text-anchor': 'middle', fill: INK, 'font-size': 14 }));
    return svgDoc(width, 260, o.title, body);
  }
  const days = [0, ...o.day];
  const lo = [o.startingCapital, ...o.p5];
  const mid = [o.startingCapital, ...o.p50];
  const hi = [o.startingCapital, ...o.p95];
  const yT = niceTicks(Math.min(...lo, o.minEquity), Math.max(...hi), 6);
  const y = linearScale(yT.lo, yT.hi, bottom, top);
  const x = linearScale(0, days[days.length - 1]!, left, right);
  body.push(...axisLeft(bottom, top, left, numericTicks(y, yT, usdTick(yT.step)), 'Equity ($)', right, 80));
  const xT = niceTicks(0, days[days.length - 1]!, 8);
  const xTicks = xT.ticks.filter((d) => d >= 0 && d <= days[days.length - 1]!).map((d) => ({ at: x(d), label: fmtTick(d, xT.step) }));
  for (const t of xTicks) body.push(line(t.at, top, t.at, bottom, { stroke: GRID }));
  const band: [number, number][] = [...days.map((d, i): [number, number] => [x(d), y(hi[i]!)]), ...days.map((d, i): [number, number] => [x(d), y(lo[i]!)]).reverse()];
  body.push(path(pathD(band, true), { fill: '#1f5fa8', 'fill-opacity': 0.22, stroke: 'none' }));
  body.push(polyline(days.map((d, i) => [x(d), y(mid[i]!)]), { stroke: '#1f5fa8', 'stroke-width': 1.8 }));
  body.push(line(left, y(o.startingCapital), right, y(o.startingCapital), { stroke: '#999999', 'stroke-dasharray': '4 3' }));
  body.push(text(right - 4, y(o.startingCapital) - 4, `start ${usdTick(1)(o.startingCapital)}`, { 'text-anchor': 'end', fill: '#666666', 'font-size': 11 }));
  body.push(line(left, y(o.minEquity), right, y(o.minEquity), { stroke: '#b00020', 'stroke-width': 1.2 }));
  body.push(text(left + 6, y(o.minEquity) - 4, `ruin level ${usdTick(1)(o.minEquity)}`, { fill: '#b00020', 'font-size': 11 }));
  body.push(text(right - 4, top + 12, 'shaded: 5–95 % of paths; line: median', { 'text-anchor': 'end', fill: '#444444', 'font-size': 11 }));
  body.push(...axisBottom(left, right, bottom, xTicks, 'Trading day of the resampled horizon'));
  return svgDoc(width, height, o.title, body);
}
