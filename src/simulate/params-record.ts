import type { SimParams } from './types.ts';

/** The execution parameters as every manifest records them (thresholds and multipliers are added by the caller). */
export function execParamsRecord(p: SimParams): Record<string, unknown> {
  return {
    session: p.session,
    instrument: p.instrument,
    base_contracts: p.baseContracts,
    commission_per_side_usd: p.commissionPerSide,
    slippage_ticks_per_side: p.slippageTicks,
    stop_ticks: p.stopTicks,
    target_ticks: p.targetTicks,
    time_stop_bars: p.timeStopBars,
    daily_loss_limit_usd: p.dailyLossLimit,
    min_equity_usd: p.minEquity ?? 0,
    starting_capital_usd: p.startingCapital,
    skip_roll_week: p.skipRollWeek,
    max_positions: p.maxPositions,
    ...(p.fillData ? { fill_data: p.fillData.source } : {}),
  };
}
