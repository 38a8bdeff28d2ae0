import type { OriginalInputs } from './inputs.ts';

// ENGINE_SPEC §2.8 (V-SEP): 0.6 put/call score + 0.4 call share; no options -> 0.5.
export function optionsFlowBias(x: OriginalInputs): number {
  if (!x.hasOptions) return 0.5;
  const pcr = x.putCallRatio;
  let pc = 0.5;
  if (pcr > 0) {
    if (pcr < 0.75) pc = 0.7 + (0.75 - pcr) * 0.6;
    else if (pcr > 1.25) pc = 0.3 - Math.min((pcr - 1.25) * 0.4, 0.3);
  }
  const tot = x.callVolume + x.putVolume;
  const vb = tot > 0 ? x.callVolume / tot : 0.5;
  return Math.max(0, Math.min(1, pc * 0.6 + vb * 0.4));
}
