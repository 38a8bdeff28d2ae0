// Signals per session for each tier: the measured rate as a bar, the target band (where one exists) as a
// shaded box beside it on the same scale, so neither hides the other.
import { axisBottom, axisLeft, INK, linearScale, niceTicks, numericTicks, rect, svgDoc, text } from './svg.ts';

export interface TierRateOptions {
  title: string;
  tiers: { name: string; perSession: number; target?: { lo: number; hi: number } }[];
}

const BAR = '#1f5fa8';
const BAND = '#2e8b57';

export function tierRatesSvg(o: TierRateOptions): string {
  const width = 720;
  const height = 410;
  const left = 86;
  const right = width - 24;
  const top = 70;
  const bottom = 330;
  const body: string[] = [];
  let max = 0;
  for (const t of o.tiers) max = Math.max(max, t.perSession, t.target?.hi ?? 0);
  const yT = niceTicks(0, max || 1, 6);
  const y = linearScale(0, yT.hi, bottom, top);
  body.push(...axisLeft(bottom, top, left, numericTicks(y, yT), 'Signals per session', right, 50));
  const slot = (right - left) / Math.max(1, o.tiers.length);
  const ticks = o.tiers.map((t, i) => ({ at: left + slot * (i + 0.5), label: t.name }));
  o.tiers.forEach((t, i) => {
    const cx = left + slot * (i + 0.5);
    const w = slot * 0.34;
    const barX = t.target ? cx - w - 2 : cx - w / 2;
    body.push(rect(barX, y(t.perSession), w, bottom - y(t.perSession), { fill: BAR }));
    body.push(text(barX + w / 2, y(t.perSession) - 5, t.perSession.toFixed(2), { 'text-anchor': 'middle', fill: INK, 'font-size': 11 }));
    if (t.target) {
      const bx = cx + 2;
      body.push(rect(bx, y(t.target.hi), w, y(t.target.lo) - y(t.target.hi), { fill: BAND, 'fill-opacity': 0.25, stroke: BAND, 'stroke-dasharray': '4 3' }));
      body.push(text(bx + w / 2, y(t.target.hi) - 5, `target ${t.target.lo}–${t.target.hi}`, { 'text-anchor': 'middle', fill: BAND, 'font-size': 11 }));
    }
  });
  // legend
  body.push(rect(left + 4, 40, 12, 12, { fill: BAR }));
  body.push(text(left + 22, 50, 'measured', { fill: INK, 'font-size': 11 }));
  body.push(rect(left + 94, 40, 12, 12, { fill: BAND, 'fill-opacity': 0.25, stroke: BAND, 'stroke-dasharray': '4 3' }));
  body.push(text(left + 112, 50, "seed's target band", { fill: INK, 'font-size': 11 }));
  body.push(...axisBottom(left, right, bottom, ticks, 'Tier'));
  return svgDoc(width, height, o.title, body);
}
