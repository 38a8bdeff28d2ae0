// Named threshold sets. `seed`: the hand moves of the seed weekend report ("too many signals: raise to
// 0.42/0.35/0.30; too few: lower to 0.35/0.28/0.25"), the original code's variant and the current set.
// The report quotes three numbers (premium/strong/good); WEAK stays at the current 0.18.
import { MiaError } from '../util/errors.ts';
import { CODE_THRESHOLDS, DEFAULT_THRESHOLDS } from '../engine/types.ts';
import { packSets, type ThresholdSets } from './grid.ts';

const PRESETS: Record<string, { label: string; t: { premium: number; strong: number; good: number; weak: number } }[]> = {
  seed: [
    { label: 'current', t: DEFAULT_THRESHOLDS },
    { label: 'raise (too many signals)', t: { premium: 0.42, strong: 0.35, good: 0.3, weak: 0.18 } },
    { label: 'lower (too few signals)', t: { premium: 0.35, strong: 0.28, good: 0.25, weak: 0.18 } },
    { label: 'code variant', t: CODE_THRESHOLDS },
  ],
};

export const PRESET_NAMES = Object.keys(PRESETS);

export function presetSets(name: string): ThresholdSets {
  const p = PRESETS[name];
  if (!p) throw new MiaError(`--preset ${name}: unknown preset (known: ${PRESET_NAMES.join(', ')})`);
  return packSets(
    p.map((x) => ({ ...x.t })),
    p.map((x) => x.label),
  );
}
