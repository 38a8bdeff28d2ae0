import type { Bars, DailyContext } from '../data/types.ts';
import type { DayContext } from './feature.ts';

/**
 * The ES close of each trade date's last RTH bar (15:00 CT, the same instant as the SPX close), with its
 * contract. Used to move SPX option levels into ES prices.
 */
export function rthClosesByDate(bars: Bars): Map<number, { close: number; contractId: number }> {
  const out = new Map<number, { close: number; contractId: number }>();
  const { rth, tradeDate, close, contractId } = bars;
  for (let i = 0; i < bars.n; i++) {
    if (rth[i] !== 1) continue;
    const d = tradeDate[i]!;
    const cur = out.get(d);
    if (cur) {
      cur.close = close[i]!;
      cur.contractId = contractId[i]!;
    } else out.set(d, { close: close[i]!, contractId: contractId[i]! });
  }
  return out;
}

/**
 * Fills `out` from context row `row` (published before the bar's session, D13) for a bar of contract
 * `contractId`. Options levels are SPX points while bars are ES: they are shifted by the basis
 * ES close - SPX close of the row's session, and only when that ES close is from the same contract (a roll
 * changes the basis by tens of points) and the SPX close is known. Otherwise the levels are missing (NaN):
 * SPX levels are never compared with ES prices directly. Net gamma, put/call and volumes need no shift.
 */
export function fillDayContext(
  ctx: DailyContext | null,
  row: number,
  contractId: number,
  closes: Map<number, { close: number; contractId: number }>,
  out: DayContext,
): void {
  out.callWall = out.putWall = out.volTrigger = out.netGammaBn = NaN;
  out.putCallRatio = out.callVolume = out.putVolume = NaN;
  if (!ctx || row < 0) return;
  const es = closes.get(ctx.date[row]!);
  const spx = ctx.spxClose[row]!;
  const basis = es && es.contractId === contractId && spx > 0 ? es.close - spx : NaN;
  out.callWall = ctx.callWall[row]! + basis;
  out.putWall = ctx.putWall[row]! + basis;
  out.volTrigger = ctx.gammaFlip[row]! + basis;
  // SqueezeMetrics GEX is in dollars; the formula reads $bn (§2.1: sign and |NG|/10)
  out.netGammaBn = ctx.gex[row]! / 1e9;
  out.putCallRatio = ctx.putCallRatio[row]!;
  out.callVolume = ctx.callVolume[row]!;
  out.putVolume = ctx.putVolume[row]!;
}
