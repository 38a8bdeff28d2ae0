// Equity curve and drawdown, two panels sharing a trade-date axis. Dollars on both y axes. A ruin date (trading
// stopped when equity reached the minimum) is marked on both panels; long curves are downsampled.
import { ymdLabel, ymdToDay, monthTicks } from './dates.ts';
import { downsample } from './downsample.ts';
import { axisBottom, axisLeft, fmtTick, GRID, INK, linearScale, line, niceTicks, numericTicks, path, pathD, polyline, svgDoc, text } from './svg.ts';

export interface EquityChartOptions {
  title: string;
  /** trade dates, yyyymmdd, ascending (one point per date: the equity at that date's close) */
  dates: number[];
  /** account equity in dollars at each date */
  equity: number[];
  startingCapital: number;
  /** the trade date on which equity reached the minimum and trading stopped (yyyymmdd), if it did */
  ruinDate?: number | null;
  /** the ruin level in dollars, drawn as a red line when there is a ruin date */
  minEquity?: number;
}

/** Dollar tick labels: "$250,000", "-$1,000". */
export function usdTick(step: number): (v: number) => string {
  return (v) => {
    const s = fmtTick(Math.abs(v), step);
    return v < 0 ? `-$${s}` : `$${s}`;
  };
}

export function equityDrawdownSvg(o: EquityChartOptions): string {
  const n = o.dates.length;
  if (n !== o.equity.length) throw new Error('equityDrawdownSvg: dates and equity differ in length');
  const width = 860;
  const left = 96;
  const right = width - 24;
  const eqTop = 44;
  const eqBottom = 300;
  const ddTop = 330;
  const ddBottom = 460;
  const height = 520;
  const body: string[] = [];

  if (n === 0) {
    body.push(text(width / 2, 200, 'No trades in this window: nothing to plot.', { 'text-anchor': 'middle', fill: INK, 'font-size': 14 }));
    return svgDoc(width, 260, o.title, body);
  }
  // a flat start point the day before the first date, so a one-day window still draws a line
  const days = [ymdToDay(o.dates[0]!) - 1, ...o.dates.map(ymdToDay)];
  const eq = [o.startingCapital, ...o.equity];
  const dd: number[] = [];
  let peak = -Infinity;
  for (const v of eq) {
    peak = Math.max(peak, v);
    dd.push(v - peak);
  }
  const x = linearScale(days[0]!, days[days.length - 1]!, left, right);
  const xt = monthTicks(o.dates[0]!, o.dates[n - 1]!, 9).filter((t) => t.day >= days[0]! && t.day <= days[days.length - 1]!);
  const xTicks = xt.map((t) => ({ at: x(t.day), label: t.label }));

  const eqT = niceTicks(Math.min(...eq), Math.max(...eq), 6);
  const ye = linearScale(eqT.lo, eqT.hi, eqBottom, eqTop);
  body.push(...axisLeft(eqBottom, eqTop, left, numericTicks(ye, eqT, usdTick(eqT.step)), 'Equity ($)', right, 80));
  for (const t of xTicks) body.push(line(t.at, eqTop, t.at, eqBottom, { stroke: GRID }));
  body.push(line(left, eqBottom, right, eqBottom));
  body.push(line(left, ye(o.startingCapital), right, ye(o.startingCapital), { stroke: '#999999', 'stroke-dasharray': '4 3' }));
  body.push(text(right - 4, ye(o.startingCapital) - 4, `start ${usdTick(1)(o.startingCapital)}`, { 'text-anchor': 'end', fill: '#666666', 'font-size': 11 }));
  body.push(polyline(downsample(days.map((d, i) => [x(d), ye(eq[i]!)])), { stroke: '#1f5fa8', 'stroke-width': 1.6 }));

  const ddT = niceTicks(Math.min(...dd), 0, 3);
  const yd = linearScale(ddT.lo, 0, ddBottom, ddTop);
  body.push(...axisLeft(ddBottom, ddTop, left, numericTicks(yd, ddT, usdTick(ddT.step)), 'Drawdown ($)', right, 80));
  const area: [number, number][] = [[x(days[0]!), yd(0)], ...days.map((d, i): [number, number] => [x(d), yd(dd[i]!)]), [x(days[days.length - 1]!), yd(0)]];
  body.push(path(pathD(downsample(area), true), { fill: '#c0392b', 'fill-opacity': 0.35, stroke: '#c0392b', 'stroke-width': 1 }));
  if (o.ruinDate) body.push(...ruinMark(x(ymdToDay(o.ruinDate)), eqTop, ddBottom, `ruin ${ymdLabel(o.ruinDate)}`));
  if (o.ruinDate && o.minEquity !== undefined && o.minEquity >= eqT.lo && o.minEquity <= eqT.hi) {
    body.push(line(left, ye(o.minEquity), right, ye(o.minEquity), { stroke: RUIN, 'stroke-dasharray': '2 2' }));
  }
  body.push(...axisBottom(left, right, ddBottom, xTicks, `Trade date (${ymdLabel(o.dates[0]!)} to ${ymdLabel(o.dates[n - 1]!)})`, ddTop));
  return svgDoc(width, height, o.title, body);
}

const RUIN = '#b00020';

/** A vertical red line across both panels with its label at the top. */
function ruinMark(at: number, top: number, bottom: number, label: string): string[] {
  return [
    line(at, top, at, bottom, { stroke: RUIN, 'stroke-width': 1.5, 'stroke-dasharray': '5 3' }),
    text(at + 4, top + 12, label, { fill: RUIN, 'font-size': 11, 'font-weight': 'bold' }),
  ];
}
