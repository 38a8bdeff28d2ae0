// Net P&L per calendar month as bars, green above zero, red below.
import { monthLabel } from './dates.ts';
import { axisBottom, axisLeft, fmtTick, INK, linearScale, line, niceTicks, numericTicks, rect, svgDoc, text, thinIndices } from './svg.ts';

export interface MonthlyOptions {
  title: string;
  /** "YYYY-MM" and net dollars, in order */
  months: { month: string; pnl: number }[];
}

export function monthlyPnlSvg(o: MonthlyOptions): string {
  const width = 860;
  const height = 400;
  const left = 96;
  const right = width - 24;
  const top = 50;
  const bottom = 330;
  const body: string[] = [];
  if (o.months.length === 0) {
    body.push(text(width / 2, 200, 'No trades in this window.', { 'text-anchor': 'middle', fill: INK, 'font-size': 14 }));
    return svgDoc(width, 260, o.title, body);
  }
  const vals = o.months.map((m) => m.pnl);
  const yT = niceTicks(Math.min(0, ...vals), Math.max(0, ...vals), 6);
  const y = linearScale(yT.lo, yT.hi, bottom, top);
  const usd = (v: number) => (v < 0 ? `-$${fmtTick(-v, yT.step)}` : `$${fmtTick(v, yT.step)}`);
  body.push(...axisLeft(bottom, top, left, numericTicks(y, yT, usd), 'Net P&L ($)', right, 80));
  const slot = (right - left) / o.months.length;
  const bw = Math.max(2, slot * 0.7);
  o.months.forEach((m, i) => {
    const cx = left + slot * (i + 0.5);
    const y0 = y(0);
    const y1 = y(m.pnl);
    body.push(rect(cx - bw / 2, Math.min(y0, y1), bw, Math.abs(y1 - y0), { fill: m.pnl >= 0 ? '#2e8b57' : '#c0392b' }));
  });
  body.push(line(left, y(0), right, y(0), { stroke: INK }));
  const shown = thinIndices(o.months.length, Math.max(2, Math.floor((right - left) / 70)));
  const ticks = shown.map((i) => {
    const [yy, mm] = o.months[i]!.month.split('-').map(Number);
    return { at: left + slot * (i + 0.5), label: monthLabel(yy!, mm!) };
  });
  body.push(...axisBottom(left, right, bottom, ticks, 'Month (trade date of the signal)'));
  return svgDoc(width, height, o.title, body);
}
