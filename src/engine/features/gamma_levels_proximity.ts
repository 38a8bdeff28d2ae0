import type { Bars } from '../../data/types.ts';
import type { DayContext, Feature } from '../feature.ts';
import type { SessionState } from '../session-state.ts';

// ENGINE_SPEC §2.1 (V-SEP) as amended by D12: 0.65 x the nearer wall's 8-tick tent (both walls needed),
// 0.25 x the gamma-regime constant, 0.10 x the vol trigger's 12-tick tent. Unsigned; no options -> 0.0.
export class GammaLevelsProximity implements Feature {
  readonly name = 'gamma_levels_proximity' as const;
  readonly directional = false;
  available = false;
  private readonly wallSpan: number;
  private readonly triggerSpan: number;

  constructor(tick: number) {
    this.wallSpan = 8 * tick;
    this.triggerSpan = 12 * tick;
  }

  reset(): void {
    this.available = false;
  }

  update(b: Bars, i: number, _s: SessionState, day: DayContext): number {
    const p = b.close[i]!;
    const cw = day.callWall;
    const pw = day.putWall;
    const vt = day.volTrigger;
    const ng = day.netGammaBn;
    // NaN fails every comparison below, so a missing input simply skips its term
    const hasCw = cw > 0;
    const hasPw = pw > 0;
    let score = 0;
    let any = false;
    if (hasCw && hasPw) {
      const cp = Math.max(0, 1 - Math.abs(p - cw) / this.wallSpan);
      const pp = Math.max(0, 1 - Math.abs(p - pw) / this.wallSpan);
      score += 0.65 * (cp > pp ? cp : pp);
      any = true;
    }
    if (ng === ng) {
      any = true;
      if (ng > 0) {
        // price exactly at a wall counts as inside (strict comparisons, as the original)
        const r = hasCw && p > cw ? 0.25 : hasPw && p < pw ? 0.75 : 0.65;
        score += 0.25 * r;
      } else if (ng < 0) {
        score += 0.25 * (0.5 + 0.35 * Math.min(Math.abs(ng) / 10, 1));
      }
    }
    if (vt > 0) {
      score += 0.1 * Math.max(0, 1 - Math.abs(p - vt) / this.triggerSpan);
      any = true;
    }
    this.available = any;
    return score > 1 ? 1 : score;
  }
}
