// The execution model's defaults (the original system's: 2 contracts base, 8-tick stop, 2:1 target).
import { DEFAULT_MULTIPLIERS, DEFAULT_THRESHOLDS } from '../engine/types.ts';
import { INSTRUMENTS } from './instruments.ts';
import type { SimParams } from './types.ts';

export const DEFAULT_STOP_TICKS = 8;
/** target = 2 x stop unless given */
export const DEFAULT_TARGET_MULTIPLE = 2;

export function defaultSimParams(): SimParams {
  return {
    instrument: INSTRUMENTS.ES!,
    thresholds: { ...DEFAULT_THRESHOLDS },
    multipliers: { ...DEFAULT_MULTIPLIERS },
    baseContracts: 2,
    commissionPerSide: INSTRUMENTS.ES!.commission,
    slippageTicks: 1,
    stopTicks: DEFAULT_STOP_TICKS,
    targetTicks: DEFAULT_STOP_TICKS * DEFAULT_TARGET_MULTIPLE,
    timeStopBars: 0,
    session: 'rth',
    dailyLossLimit: 2000,
    startingCapital: 250_000,
    skipRollWeek: false,
    maxPositions: 1,
    minEquity: 0,
  };
}
