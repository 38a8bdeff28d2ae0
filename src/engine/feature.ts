import type { Bars } from '../data/types.ts';
import type { FeatureName } from './types.ts';
import type { SessionState } from './session-state.ts';

/**
 * The day's options/flow context, already mapped into the bars' price space (see day-context.ts).
 * NaN = not known before the session's open (ENGINE_SPEC D13); features then use their D3 default.
 */
export interface DayContext {
  callWall: number;
  putWall: number;
  /** gamma flip, used as the vol trigger (D12) */
  volTrigger: number;
  /** aggregate dealer gamma in $bn (only its sign and |NG|/10 enter) */
  netGammaBn: number;
  putCallRatio: number;
  callVolume: number;
  putVolume: number;
}

export function emptyDayContext(): DayContext {
  return { callWall: NaN, putWall: NaN, volTrigger: NaN, netGammaBn: NaN, putCallRatio: NaN, callVolume: NaN, putVolume: NaN };
}

/**
 * One incremental feature. `update` is called once per fed bar, in order, with the bar's index into the
 * columns of `b`; it reads only index i of those columns (its past lives in its own buffers), so it is
 * causal by construction. Returns the score in [0,1] and sets `available` (false = the spec default, D3).
 */
export interface Feature {
  readonly name: FeatureName;
  /** directional features read below 0.5 as bearish and enter a short's score as 1 - f (D1) */
  readonly directional: boolean;
  available: boolean;
  reset(): void;
  update(b: Bars, i: number, s: SessionState, day: DayContext): number;
}

export const clip01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
/** sub-score in [-1,1] -> [0,1] */
export const norm = (x: number): number => clip01((x + 1) / 2);
