// Trade-date window of a bar table, as views (no copy). Bounds are inclusive, on the CME trade date.
import type { Bars } from './types.ts';
import { MiaError } from '../util/errors.ts';
import { parseDayArg } from './day-arg.ts';
import { isoDate } from './calendar.ts';
import { lowerBound } from '../util/lower-bound.ts';

export function sliceBars(bars: Bars, from?: string, to?: string): Bars {
  if (from === undefined && to === undefined) return bars;
  const f = from !== undefined ? parseDayArg(from, 'from') : -Infinity;
  const t = to !== undefined ? parseDayArg(to, 'to') : Infinity;
  if (f > t) throw new MiaError(`--from ${from} is after --to ${to}`);
  const a = lowerBound(bars.tradeDate, f);
  const b = t === Infinity ? bars.n : lowerBound(bars.tradeDate, t + 1);
  if (b <= a) {
    const span = bars.n ? `${isoDate(bars.tradeDate[0]!)} .. ${isoDate(bars.tradeDate[bars.n - 1]!)}` : 'empty';
    throw new MiaError(`no bars with trade date in ${from ?? '…'} .. ${to ?? '…'} (data spans ${span})`);
  }
  if (a === 0 && b === bars.n) return bars;
  return {
    ...(bars.extra ? { extra: bars.extra } : {}),
    n: b - a,
    symbol: bars.symbol,
    barMs: bars.barMs,
    ts: bars.ts.subarray(a, b),
    open: bars.open.subarray(a, b),
    high: bars.high.subarray(a, b),
    low: bars.low.subarray(a, b),
    close: bars.close.subarray(a, b),
    volume: bars.volume.subarray(a, b),
    bidVolume: bars.bidVolume.subarray(a, b),
    askVolume: bars.askVolume.subarray(a, b),
    trades: bars.trades.subarray(a, b),
    contractId: bars.contractId.subarray(a, b),
    contracts: bars.contracts,
    tradeDate: bars.tradeDate.subarray(a, b),
    rth: bars.rth.subarray(a, b),
    rollWeek: bars.rollWeek.subarray(a, b),
    flags: bars.flags.subarray(a, b),
  };
}
