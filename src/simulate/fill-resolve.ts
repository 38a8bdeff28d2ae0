// Fill resolution inside a signal bar, as NinjaTrader's "high" order fill resolution does: when one signal
// bar spans both the stop and the target, walk the finer bars (1-minute bars, or time and sales aggregated
// to bars) covering it in time order; the first finer bar touching a level decides. A finer bar touching
// both, a hole in the finer series, or another contract falls back to "stop first", and is counted.
import type { Bars, SourceInfo } from '../data/types.ts';
import { MiaError } from '../util/errors.ts';
import { lowerBound } from '../util/lower-bound.ts';

/** The finer series given to --fill-data, with where it came from (recorded in the manifest). */
export interface FillData {
  source: SourceInfo;
  bars: Bars;
}

/** Per plan candidate: how its exit bar's stop-vs-target order was settled (TradePlan.fillRes). */
export const FillRes = { clear: 0, target: 1, stop: 2, unresolved: 3 } as const;

const EPS_TICKS = 1e-6;

export interface FillResolver {
  /** FillRes.target, .stop or .unresolved for signal bar j of a position entered at `entry` */
  resolve(j: number, entry: number, dir: 1 | -1, stopTicks: number, targetTicks: number): number;
  /** after a target: the worst adverse excursion (ticks) over the finer bars up to the one that hit it */
  adverse: number;
}

export function fillResolver(coarse: Bars, fine: Bars, tick: number): FillResolver {
  const fineMs = fine.barMs;
  if (!(fineMs > 0 && fineMs < coarse.barMs && coarse.barMs % fineMs === 0)) {
    throw new MiaError(`--fill-data: its ${fineMs / 60000}-minute bars do not divide the ${coarse.barMs / 60000}-minute signal bars (give a finer series, e.g. 1-minute bars)`);
  }
  // signal contract id -> finer contract id (-1: the finer series does not have that contract)
  const contractOf = Int32Array.from(coarse.contracts, (c) => fine.contracts.indexOf(c));
  const { ts, high, low, contractId } = fine;
  const r: FillResolver = {
    adverse: 0,
    resolve(j, entry, dir, stopTicks, targetTicks) {
      const start = coarse.ts[j]!;
      const end = start + coarse.barMs;
      const want = contractOf[coarse.contractId[j]!]!;
      if (want < 0) return FillRes.unresolved;
      let expect = start;
      let worst = 0;
      for (let f = lowerBound(ts, start); f < fine.n && ts[f]! < end; f++) {
        // a missing minute could hide the touch that decided: only a gap-free walk may resolve
        if (ts[f] !== expect || contractId[f] !== want) return FillRes.unresolved;
        expect += fineMs;
        const adv = ((entry - (dir > 0 ? low[f]! : high[f]!)) * dir) / tick;
        const fav = (((dir > 0 ? high[f]! : low[f]!) - entry) * dir) / tick;
        const hitStop = adv >= stopTicks - EPS_TICKS;
        const hitTarget = fav >= targetTicks - EPS_TICKS;
        if (hitStop && hitTarget) return FillRes.unresolved;
        if (hitStop) return FillRes.stop;
        if (hitTarget) {
          r.adverse = Math.max(worst, adv);
          return FillRes.target;
        }
        worst = Math.max(worst, adv);
      }
      return FillRes.unresolved;
    },
  };
  return r;
}

/** What the backtest reports: the taken trades whose exit bar spanned both levels, and how they were settled. */
export interface FillCounts {
  fill_data: string | null;
  ambiguous_bars: number;
  resolved: number;
  resolved_target: number;
  resolved_stop: number;
  /** booked "stop first": no --fill-data, the finer series does not cover the bar, or a finer bar spans both */
  unresolved: number;
}

export function countFills(codes: Iterable<number>, fillData: string | null): FillCounts {
  const c: FillCounts = { fill_data: fillData, ambiguous_bars: 0, resolved: 0, resolved_target: 0, resolved_stop: 0, unresolved: 0 };
  for (const code of codes) {
    if (code === FillRes.clear) continue;
    c.ambiguous_bars++;
    if (code === FillRes.target) c.resolved_target++;
    else if (code === FillRes.stop) c.resolved_stop++;
    else c.unresolved++;
  }
  c.resolved = c.resolved_target + c.resolved_stop;
  return c;
}
