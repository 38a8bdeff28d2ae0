import type { Feature } from '../feature.ts';

// ENGINE_SPEC §2.4 / D16: no pattern engine feeds mia, so the feature is its unsigned default 0.0 and is
// reported unavailable on every bar (it was effectively constant 0 in the integrated system too).
export class SierraPatternStrength implements Feature {
  readonly name = 'sierra_pattern_strength' as const;
  readonly directional = false;
  available = false;

  reset(): void {}

  update(): number {
    return 0;
  }
}
