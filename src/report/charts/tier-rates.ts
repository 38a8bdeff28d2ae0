// Signals per session for each tier, as bars, against the target band (shaded) where one exists.
import { axisBottom, axisLeft, INK, linearScale, niceTicks, numericTicks, rect, svgDoc, text } from './svg.ts';

export interface TierRateOptions {
  title: string;
  tiers: { name: string; perSession: number; target?: { lo: number; hi: number } }[];
}

export function tierRatesSvg(o: TierRateOptions): string {
  const width = 720;
  const height = 400;
  const left = 86;
  const right = width - 24;
  const top = 56;
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
    const bw = slot * 0.5;
    if (t.target) {
      body.push(rect(cx - slot * 0.4, y(t.target.hi), slot * 0.8, y(t.target.lo) - y(t.target.hi), { fill: '#2e8b57', 'fill-opacity': 0.18, stroke: '#2e8b57', 'stroke-dasharray': '4 3' }));
      body.push(text(cx + slot * 0.4 - 2, y(t.target.hi) - 4, `target ${t.target.lo}–${t.target.hi}`, { 'text-anchor': 'end', fill: '#2e8b57', 'font-size': 11 }));
    }
    body.push(rect(cx - bw / 2, y(t.perSession), bw, bottom - y(t.perSession), { fill: '#1f5fa8' }));
    body.push(text(cx, y(t.perSession) - 5, t.perSession.toFixed(2), { 'text-anchor': 'middle', fill: INK, 'font-size': 11 }));
  });
  body.push(...axisBottom(left, right, bottom, ticks, 'Tier'));
  return svgDoc(width, height, o.title, body);
}
