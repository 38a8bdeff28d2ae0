import { FEATURE_NAMES } from './types.ts';
import type { EngineOutput, FeatureName } from './types.ts';

export interface FeatureAvailability {
  feature: FeatureName;
  /** bars the engine processed */
  bars: number;
  /** of those, bars on real inputs (the rest sat on the spec default, D3) */
  real: number;
  /** real / bars (0 when no bar was processed) */
  share: number;
}

/** Per feature, the share of processed bars that ran on real inputs. A share of 0 is a finding. */
export function availabilitySummary(out: EngineOutput): FeatureAvailability[] {
  let bars = 0;
  for (let i = 0; i < out.n; i++) bars += out.active[i]!;
  return FEATURE_NAMES.map((feature) => {
    const a = out.available[feature];
    let real = 0;
    for (let i = 0; i < out.n; i++) real += a[i]!;
    return { feature, bars, real, share: bars > 0 ? real / bars : 0 };
  });
}
