// The sweep's heatmap grid: PREMIUM × STRONG, each cell the best objective over every other dimension (GOOD, WEAK
// and the exit combinations) among eligible trials; null where none is eligible.
import type { ThresholdSets } from './grid.ts';
import { objectiveOf, type Objective } from './objective.ts';

export interface HeatmapData {
  x_label: string;
  y_label: string;
  z_label: string;
  x: number[];
  y: number[];
  z: (number | null)[][];
}

const r6 = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);

/** `n` trials (trial i uses threshold set i mod sets.n) with rows `width` numbers apart. */
export function heatmapData(sets: ThresholdSets, n: number, rows: Float64Array, width: number, objective: Objective, minTrades: number): HeatmapData {
  const v = sets.values;
  const x = [...new Set(Array.from({ length: sets.n }, (_, i) => v[i * 4] as number))].sort((a, b) => a - b);
  const y = [...new Set(Array.from({ length: sets.n }, (_, i) => v[i * 4 + 1] as number))].sort((a, b) => a - b);
  const xi = new Map(x.map((val, i) => [val, i]));
  const yi = new Map(y.map((val, i) => [val, i]));
  const z: (number | null)[][] = y.map(() => x.map(() => null));
  for (let i = 0; i < n; i++) {
    const o = objectiveOf(rows, width, i, objective, minTrades);
    if (Number.isNaN(o)) continue;
    const s = i % sets.n;
    const row = z[yi.get(v[s * 4 + 1] as number) as number] as (number | null)[];
    const c = xi.get(v[s * 4] as number) as number;
    const cur = row[c];
    if (cur === null || cur === undefined || o > cur) row[c] = o;
  }
  return { x_label: 'PREMIUM threshold', y_label: 'STRONG threshold', z_label: objective, x, y, z: z.map((r) => r.map((val) => r6(val))) };
}
