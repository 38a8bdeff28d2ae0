import type { OriginalInputs } from './inputs.ts';

// ENGINE_SPEC §2.4: the Sierra pattern feed's four values; no feed -> 0.
export function sierraPatternStrength(x: OriginalInputs): number {
  if (!x.hasSierra) return 0;
  const s = x.battleNavale * 0.4 + x.baseQuality * 0.25 + x.trendContinuation * 0.2 + x.battleStrength * 0.15;
  return Math.max(0, Math.min(1, s));
}
