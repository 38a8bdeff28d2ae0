// Stage 1 of the simulator: for every bar that could carry a signal, what one contract entered from it
// would do. Threshold-independent, so the sweep builds it once and rescans it per threshold set.
import { BarFlag } from '../data/types.ts';
import { DAY_MS, MIN_MS, Sched, scheduleAt, toChicagoMs } from '../data/calendar.ts';
import type { Bars } from '../data/types.ts';
import { MiaError } from '../util/errors.ts';
import { ExitCode } from './types.ts';
import { FillRes, fillResolver } from './fill-resolve.ts';
import type { SimParams, Signals, TradePlan } from './types.ts';

/** Price comparisons tolerate float noise well below a tick. */
const EPS_TICKS = 1e-6;

/**
 * Per bar, the reason a position must be flat at its close (ExitCode), or -1 when it may be held into the
 * next bar. Reads the next bar's schedule columns only (contract, trade date, RTH, flags): calendar facts,
 * never its prices. Priority: roll > end_of_data (data end or a gap) > session_end. A halt inside one trade
 * date (the 12:00-17:00 CT holiday halts, the pre-2021 15:15 CT maintenance halt) is a session end too: no
 * position and no time stop runs through a closed market.
 */
export function endCodes(bars: Bars, rthOnly: boolean): Int8Array {
  const n = bars.n;
  const out = new Int8Array(n).fill(-1);
  const { flags, contractId, tradeDate, rth } = bars;
  for (let j = 0; j < n; j++) {
    if (j === n - 1) {
      out[j] = ExitCode.end_of_data;
      continue;
    }
    const f = flags[j]!;
    const g = flags[j + 1]!;
    if (f & BarFlag.LAST_OF_CONTRACT || g & BarFlag.NEW_CONTRACT || contractId[j + 1] !== contractId[j]) out[j] = ExitCode.roll;
    else if (g & BarFlag.AFTER_GAP) out[j] = ExitCode.end_of_data;
    else if (f & BarFlag.LAST_OF_TRADE_DATE || g & BarFlag.NEW_TRADE_DATE || tradeDate[j + 1] !== tradeDate[j]) out[j] = ExitCode.session_end;
    else if (rthOnly && (f & BarFlag.LAST_OF_RTH || rth[j + 1] !== 1)) out[j] = ExitCode.session_end;
    else if (bars.ts[j + 1]! - bars.ts[j]! > bars.barMs && haltBetween(bars.ts[j]! + bars.barMs, bars.ts[j + 1]!)) out[j] = ExitCode.session_end;
  }
  return out;
}

/** Whether the exchange calendar has the market closed at the start or the last minute of the hole [from, to). */
function haltBetween(from: number, to: number): boolean {
  const closed = (utc: number): boolean => {
    const l = toChicagoMs(utc);
    const days = Math.floor(l / DAY_MS);
    return scheduleAt(days, Math.floor((l - days * DAY_MS) / MIN_MS)) !== Sched.OPEN;
  };
  return closed(from) || closed(to - MIN_MS);
}

export function validateSimParams(p: SimParams): void {
  const bad = (field: string, v: unknown, want: string): never => {
    throw new MiaError(`invalid simulator parameter ${field}=${String(v)}: ${want}`);
  };
  if (!(p.instrument.tick > 0) || !(p.instrument.tickValue > 0)) bad('instrument', p.instrument.symbol, 'tick and tick value must be > 0');
  if (!(p.stopTicks > 0) || !Number.isFinite(p.stopTicks)) bad('stop', p.stopTicks, 'must be a positive number of ticks');
  if (!(p.targetTicks > 0) || !Number.isFinite(p.targetTicks)) bad('target', p.targetTicks, 'must be a positive number of ticks');
  if (!Number.isInteger(p.timeStopBars) || p.timeStopBars < 0) bad('time-stop', p.timeStopBars, 'must be a whole number of bars >= 0 (0 = off)');
  if (!(p.slippageTicks >= 0) || !Number.isFinite(p.slippageTicks)) bad('slippage', p.slippageTicks, 'must be >= 0 ticks');
  if (!(p.commissionPerSide >= 0) || !Number.isFinite(p.commissionPerSide)) bad('commission', p.commissionPerSide, 'must be >= 0 dollars');
  if (!(p.baseContracts > 0) || !Number.isInteger(p.baseContracts)) bad('contracts', p.baseContracts, 'must be a whole number > 0');
  if (!(p.dailyLossLimit >= 0)) bad('daily-loss-limit', p.dailyLossLimit, 'must be >= 0 dollars (0 = off)');
  if (!(p.startingCapital > 0) || !Number.isFinite(p.startingCapital)) bad('capital', p.startingCapital, 'must be > 0 dollars');
  if (p.session !== 'rth' && p.session !== 'eth') bad('session', p.session, "must be 'rth' or 'eth'");
}

/** Ticks rounded to 1e-6 so float noise on non-binary ticks (RTY 0.1) never leaks into outputs. */
function ticks(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function planTrades(bars: Bars, signals: Signals, params: SimParams): TradePlan {
  validateSimParams(params);
  const n = bars.n;
  if (signals.score.length !== n || signals.direction.length !== n || signals.active.length !== n) {
    throw new MiaError(`signals have ${signals.score.length} rows for ${n} bars`);
  }
  const rthOnly = params.session === 'rth';
  const { tick } = params.instrument;
  const { stopTicks, targetTicks, timeStopBars } = params;
  const { open, high, low, close, rth, tradeDate } = bars;
  const { score, direction, active } = signals;
  const end = endCodes(bars, rthOnly);
  const fine = params.fillData ? fillResolver(bars, params.fillData.bars, tick) : null;

  // Pass 1: session dates and candidate count (exact sizes, no growing arrays).
  const dates: number[] = [];
  let eligibleBars = 0;
  let candidates = 0;
  for (let t = 0; t < n; t++) {
    if (rthOnly && rth[t] !== 1) continue;
    if (active[t] !== 1) continue;
    eligibleBars++;
    const d = tradeDate[t]!;
    const last = dates.length ? dates[dates.length - 1]! : -1;
    if (d !== last) {
      if (d < last) throw new MiaError(`bars are not in trade-date order at row ${t} (${d} after ${last})`);
      dates.push(d);
    }
    if (direction[t] !== 0 && Number.isFinite(score[t]!)) candidates++;
  }

  const plan: TradePlan = {
    n: candidates,
    bars,
    stopTicks,
    targetTicks,
    timeStopBars,
    session: params.session,
    instrument: params.instrument,
    skipRollWeek: params.skipRollWeek,
    eligibleBars,
    sessionDates: Int32Array.from(dates),
    signalBar: new Int32Array(candidates),
    score: new Float64Array(candidates),
    direction: new Int8Array(candidates),
    sessionIdx: new Int32Array(candidates),
    tradable: new Uint8Array(candidates),
    entryBar: new Int32Array(candidates).fill(-1),
    exitBar: new Int32Array(candidates).fill(-1),
    exitReason: new Uint8Array(candidates),
    entryPrice: new Float64Array(candidates).fill(NaN),
    exitPrice: new Float64Array(candidates).fill(NaN),
    pnlTicks: new Float64Array(candidates),
    maeTicks: new Float64Array(candidates),
    mfeTicks: new Float64Array(candidates),
    fillRes: new Uint8Array(candidates),
    nextCandidate: new Int32Array(n + 1),
    sessionEnd: new Int32Array(dates.length),
    sortedScores: new Float64Array(0),
  };

  let k = 0;
  let sIdx = -1;
  let sDate = -1;
  for (let t = 0; t < n; t++) {
    if (rthOnly && rth[t] !== 1) continue;
    if (active[t] !== 1) continue;
    if (tradeDate[t] !== sDate) {
      sDate = tradeDate[t]!;
      sIdx++;
    }
    const d = direction[t]!;
    if (d === 0 || !Number.isFinite(score[t]!)) continue;
    plan.signalBar[k] = t;
    plan.score[k] = score[t]!;
    plan.direction[k] = d > 0 ? 1 : -1;
    plan.sessionIdx[k] = sIdx;
    // No trade can follow a signal on a bar the position would have to be flat at: entry is t+1. A roll-week
    // signal, when skipped, stays a signal (counted) that cannot be traded.
    if (end[t] === -1 && !(params.skipRollWeek && bars.rollWeek[t] === 1)) {
      plan.tradable[k] = 1;
      walkTrade(plan, k, t + 1, d > 0 ? 1 : -1);
    }
    k++;
  }
  indexCandidates(plan);
  return plan;

  /** Follows one contract from the open of `e` bar by bar until an exit rule fires. Reads bar j's prices only at step j. */
  function walkTrade(p: TradePlan, row: number, e: number, dir: 1 | -1): void {
    const entry = open[e]!;
    const timeBar = timeStopBars > 0 ? e + timeStopBars : -1;
    let mae = 0;
    let mfe = 0;
    let exitBar = -1;
    let exitPrice = NaN;
    let reason: number = ExitCode.end_of_data;
    for (let j = e; j < n; j++) {
      // excursions in ticks, positive = that far against (adv) / in favour of (fav) the trade
      const advOpen = ((entry - open[j]!) * dir) / tick;
      if (j > e) {
        // A gap through a level fills at the open: worse than the stop, or better than the target.
        if (advOpen >= stopTicks - EPS_TICKS) {
          mae = Math.max(mae, advOpen);
          exitBar = j, exitPrice = open[j]!, reason = ExitCode.stop;
          break;
        }
        if (-advOpen >= targetTicks - EPS_TICKS) {
          mfe = Math.max(mfe, -advOpen);
          exitBar = j, exitPrice = open[j]!, reason = ExitCode.target;
          break;
        }
      }
      const adv = ((entry - (dir > 0 ? low[j]! : high[j]!)) * dir) / tick;
      const fav = (((dir > 0 ? high[j]! : low[j]!) - entry) * dir) / tick;
      // One bar spanning both levels: the finer series (--fill-data) says which came first; without it, or
      // where it cannot tell, the stop is assumed to have filled first (the conservative path).
      if (adv >= stopTicks - EPS_TICKS && fav >= targetTicks - EPS_TICKS) {
        const res = fine ? fine.resolve(j, entry, dir, stopTicks, targetTicks) : FillRes.unresolved;
        p.fillRes[row] = res;
        if (res === FillRes.target) {
          mae = Math.max(mae, fine!.adverse);
          mfe = Math.max(mfe, targetTicks);
          exitBar = j, exitPrice = entry + dir * targetTicks * tick, reason = ExitCode.target;
          break;
        }
      }
      if (adv >= stopTicks - EPS_TICKS) {
        mae = Math.max(mae, stopTicks);
        mfe = Math.max(mfe, -advOpen);
        exitBar = j, exitPrice = entry - dir * stopTicks * tick, reason = ExitCode.stop;
        break;
      }
      mae = Math.max(mae, adv);
      if (fav >= targetTicks - EPS_TICKS) {
        mfe = Math.max(mfe, targetTicks);
        exitBar = j, exitPrice = entry + dir * targetTicks * tick, reason = ExitCode.target;
        break;
      }
      mfe = Math.max(mfe, fav);
      const ec = end[j]!;
      if (ec !== -1 || j === timeBar) {
        exitBar = j, exitPrice = close[j]!, reason = ec !== -1 ? ec : ExitCode.time;
        break;
      }
    }
    p.entryBar[row] = e;
    p.exitBar[row] = exitBar;
    p.exitReason[row] = reason;
    p.entryPrice[row] = entry;
    p.exitPrice[row] = exitPrice;
    p.pnlTicks[row] = ticks(((exitPrice - entry) * dir) / tick);
    p.maeTicks[row] = ticks(Math.max(0, mae));
    p.mfeTicks[row] = ticks(Math.max(0, mfe));
  }
}

/**
 * Fills the plan's jump indexes from its candidate rows (signalBar, sessionIdx, score): nextCandidate per bar,
 * sessionEnd per session, sortedScores. Threshold-independent; planWindow calls it again for a window.
 */
export function indexCandidates(plan: TradePlan): void {
  const { n, signalBar, sessionIdx } = plan;
  const nc = plan.nextCandidate;
  let k = 0;
  for (let b = 0; b < nc.length; b++) {
    while (k < n && signalBar[k]! < b) k++;
    nc[b] = k;
  }
  const se = plan.sessionEnd;
  k = 0;
  for (let s = 0; s < se.length; s++) {
    while (k < n && sessionIdx[k]! <= s) k++;
    se[s] = k;
  }
  plan.sortedScores = Float64Array.from(plan.score).sort();
}
