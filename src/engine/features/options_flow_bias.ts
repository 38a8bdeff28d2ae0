import type { Bars } from '../../data/types.ts';
import type { DayContext, Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';

// ENGINE_SPEC §2.8 (V-SEP) with D14: 0.6 x the put/call term + 0.4 x the call share of volume, from the
// day's context published before the open. No call/put volumes -> call share 0.5; no context -> 0.5.
export function putCallTerm(pcr: number): number {
  if (!(pcr > 0)) return 0.5;
  if (pcr < 0.75) return 0.7 + 0.6 * (0.75 - pcr);
  if (pcr > 1.25) return 0.3 - Math.min(0.4 * (pcr - 1.25), 0.3);
  return 0.5;
}

export class OptionsFlowBias implements Feature {
  readonly name = 'options_flow_bias' as const;
  readonly directional = true;
  available = false;

  reset(): void {
    this.available = false;
  }

  update(_b: Bars, _i: number, _s: SessionState, day: DayContext): number {
    const cv = day.callVolume;
    const pv = day.putVolume;
    const hasVol = cv >= 0 && pv >= 0 && cv + pv > 0;
    let pcr = day.putCallRatio;
    // the original's OptionsData derives the ratio from volumes when it is not given
    if (!(pcr === pcr) && hasVol && cv > 0) pcr = pv / cv;
    if (!(pcr === pcr) && !hasVol) {
      this.available = false;
      return 0.5;
    }
    this.available = true;
    const vb = hasVol ? cv / (cv + pv) : 0.5;
    const f = 0.6 * putCallTerm(pcr) + 0.4 * vb;
    return f < 0 ? 0 : f > 1 ? 1 : f;
  }
}
