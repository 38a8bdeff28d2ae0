// The thresholds searched with each weight set. The gate (WEAK) decides which bars are entries; the tiers above
// it only size the position. Each gate value from the existing range syntax (sweep/grid.ts parseRange) carries
// the seed's spacing above it (GOOD +0.10, STRONG +0.14, PREMIUM +0.20), so every set is ordered and sized
// like the seed's ladder; the grid is swept per weight set (not optimised as extra coordinates).
import type { Thresholds } from '../engine/types.ts';
import { DEFAULT_THRESHOLDS } from '../engine/types.ts';
import { parseRange } from '../sweep/grid.ts';
import { MiaError } from '../util/errors.ts';

export const DEFAULT_GATES = '0.18:0.58:0.05';

const r10 = (x: number): number => Number(x.toFixed(10));

export function ladderFor(gate: number): Thresholds {
  const d = DEFAULT_THRESHOLDS;
  return { weak: gate, good: r10(gate + d.good - d.weak), strong: r10(gate + d.strong - d.weak), premium: r10(gate + d.premium - d.weak) };
}

export function parseGates(spec: string): Thresholds[] {
  const gates = parseRange(spec, 'gate');
  const sets = gates.map(ladderFor);
  for (const t of sets) if (t.premium > 1) throw new MiaError(`--gate ${spec}: gate ${t.weak} puts PREMIUM at ${t.premium} > 1`);
  return sets;
}
