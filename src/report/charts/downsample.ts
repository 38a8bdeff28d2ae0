// Long polylines shrink to at most ~2·buckets points: per bucket of consecutive points, its lowest and highest (in
// their order), plus the first and last point. The drawn envelope is the same as the full line's at chart widths
// (a bucket spans less than a pixel or two), and a 5-year daily equity curve stays a small file.
export const MAX_POINTS = 1200;

export function downsample(points: [number, number][], maxPoints = MAX_POINTS): [number, number][] {
  const n = points.length;
  if (n <= maxPoints) return points;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const out: [number, number][] = [points[0]!];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * (n - 2)) / buckets);
    const to = 1 + Math.floor(((b + 1) * (n - 2)) / buckets);
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (points[i]![1] < points[lo]![1]) lo = i;
      if (points[i]![1] > points[hi]![1]) hi = i;
    }
    if (lo === hi) out.push(points[lo]!);
    else out.push(points[Math.min(lo, hi)]!, points[Math.max(lo, hi)]!);
  }
  out.push(points[n - 1]!);
  return out;
}
