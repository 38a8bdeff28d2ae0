// Everything the data layer adds to raw bars from the CME calendar: trade date, RTH, roll week and BarFlag bits.
// Schedule knowledge only (calendar, contract codes, which bars exist) — never a price from the future.
import { BarFlag, type Bars } from './types.ts';
import { toChicagoMs, tradeDayOf, civilFromDays, closeMinute, contractExpiryDay, DAY_MS, MIN_MS, RTH_START_MIN, RTH_END_MIN, EVENING_START_MIN } from './calendar.ts';
import { markAfterHoles } from './gaps.ts';
import { ctDayTable } from './ct-days.ts';

/** The columns a file provides; the rest of `Bars` is derived. */
export type CoreBars = Omit<Bars, 'tradeDate' | 'rth' | 'rollWeek' | 'flags'>;

/** CME roll date = 8 days before the quarterly expiry: from then on, volume has moved to the next contract. */
export const ROLL_DAYS_BEFORE_EXPIRY = 8;

export function deriveBars(core: CoreBars): Bars {
  const { n, ts, contractId, contracts } = core;
  const tradeDate = new Int32Array(n);
  const rth = new Uint8Array(n);
  const rollWeek = new Uint8Array(n);
  const flags = new Uint8Array(n);
  // first bar of each contract in one pass (not one indexOf scan per contract): its year resolves 1-digit codes
  const firstIdx = new Int32Array(contracts.length).fill(-1);
  for (let i = 0; i < n; i++) if (firstIdx[contractId[i]!]! < 0) firstIdx[contractId[i]!] = i;
  const rollDay = Float64Array.from(contracts, (c, k) => {
    const f = firstIdx[k]!;
    const refYear = f >= 0 ? Math.floor(civilFromDays(Math.floor(ts[f]! / DAY_MS)) / 10000) : 2024;
    return contractExpiryDay(c, refYear) - ROLL_DAYS_BEFORE_EXPIRY;
  });
  // one small function per pass: each loop is optimised on its own (a one-shot loop in a big function ran
  // interpreted until V8 compiled it, then fell back each time it reached code it had not seen yet)
  calendarColumns(ts, contractId, rollDay, n, tradeDate, rth, rollWeek);
  boundaryFlags(tradeDate, contractId, n, flags);
  rthFlags(rth, n, flags);
  markAfterHoles(ts, core.barMs, flags, BarFlag.AFTER_GAP);
  return { ...core, tradeDate, rth, rollWeek, flags };
}

/** The values of one CT day that decide each bar's trade_date, rth and roll_week. */
interface DayRule {
  days: number;
  morningYmd: number;
  eveningYmd: number;
  /** local ms (as if UTC) of the evening session start, the RTH start and end (rthTo = rthFrom: no RTH) */
  eveningFrom: number;
  rthFrom: number;
  rthTo: number;
}

function dayRule(days: number): DayRule {
  const dayStart = days * DAY_MS;
  const morning = tradeDayOf(days, 0);
  const rthFrom = dayStart + RTH_START_MIN * MIN_MS;
  return {
    days,
    morningYmd: civilFromDays(morning),
    eveningYmd: civilFromDays(tradeDayOf(days, EVENING_START_MIN)),
    eveningFrom: dayStart + EVENING_START_MIN * MIN_MS,
    // RTH bars belong to the morning trade date and only count on the trade date's own calendar day
    rthFrom,
    rthTo: morning === days ? dayStart + Math.min(RTH_END_MIN, closeMinute(days)) * MIN_MS : rthFrom,
  };
}

/**
 * trade_date, rth and roll_week of every bar (ts ascending). Day by day (ct-days.ts): on a day without a clock
 * change, local = UTC + a constant, so each bar compares its UTC time with the day's boundaries moved to UTC —
 * the same comparisons, exactly (whole ms); a day with a clock change converts bar by bar.
 */
function calendarColumns(
  ts: Float64Array, contractId: Int32Array, rollDay: Float64Array, n: number, tradeDate: Int32Array, rth: Uint8Array, rollWeek: Uint8Array,
): void {
  if (n === 0) return;
  const table = ctDayTable(ts[0]!, ts[n - 1]!);
  const out = { tradeDate, rth, rollWeek };
  let k = 0;
  for (let i = 0; i < n; ) {
    while (!(ts[i]! < table.start[k + 1]!)) k++;
    const rule = dayRule(table.d0 + k);
    const end = table.start[k + 1]!;
    const off = table.off[k]!;
    i = off === off ? steadyDay(ts, contractId, rollDay, i, n, end, off, rule, out) : changeDay(ts, contractId, rollDay, i, n, end, rule, out);
  }
}

interface CalendarOut {
  tradeDate: Int32Array;
  rth: Uint8Array;
  rollWeek: Uint8Array;
}

/** Bars from i up to the day's end (UTC) on a day whose offset is `off` throughout; returns the next bar. */
function steadyDay(ts: Float64Array, contractId: Int32Array, rollDay: Float64Array, i: number, n: number, end: number, off: number, r: DayRule, out: CalendarOut): number {
  const { tradeDate, rth, rollWeek } = out;
  const eveningFrom = r.eveningFrom - off;
  const rthFrom = r.rthFrom - off;
  const rthTo = r.rthTo - off;
  const { days, morningYmd, eveningYmd } = r;
  for (; i < n; i++) {
    const t = ts[i]!;
    if (!(t < end)) break;
    tradeDate[i] = t >= eveningFrom ? eveningYmd : morningYmd;
    rth[i] = t >= rthFrom && t < rthTo ? 1 : 0;
    rollWeek[i] = days >= rollDay[contractId[i]!]! ? 1 : 0;
  }
  return i;
}

/** The same on a day with a clock change: each bar's local time from its own offset. */
function changeDay(ts: Float64Array, contractId: Int32Array, rollDay: Float64Array, i: number, n: number, end: number, r: DayRule, out: CalendarOut): number {
  for (; i < n && ts[i]! < end; i++) {
    const l = toChicagoMs(ts[i]!);
    out.tradeDate[i] = l >= r.eveningFrom ? r.eveningYmd : r.morningYmd;
    out.rth[i] = l >= r.rthFrom && l < r.rthTo ? 1 : 0;
    out.rollWeek[i] = r.days >= rollDay[contractId[i]!]! ? 1 : 0;
  }
  return i;
}

/** First / last bar of each trade date and of each contract. */
function boundaryFlags(tradeDate: Int32Array, contractId: Int32Array, n: number, flags: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    let f = 0;
    if (i === 0 || tradeDate[i] !== tradeDate[i - 1]) f |= BarFlag.NEW_TRADE_DATE;
    if (i === n - 1 || tradeDate[i] !== tradeDate[i + 1]) f |= BarFlag.LAST_OF_TRADE_DATE;
    if (i === 0 || contractId[i] !== contractId[i - 1]) f |= BarFlag.NEW_CONTRACT;
    if (i === n - 1 || contractId[i] !== contractId[i + 1]) f |= BarFlag.LAST_OF_CONTRACT;
    flags[i] = f;
  }
}

/** RTH open / last RTH bar per trade date. */
function rthFlags(rth: Uint8Array, n: number, flags: Uint8Array): void {
  let firstRth = -1;
  let lastRth = -1;
  for (let i = 0; i < n; i++) {
    if (flags[i]! & BarFlag.NEW_TRADE_DATE) firstRth = lastRth = -1;
    if (rth[i]) {
      if (firstRth < 0) {
        firstRth = i;
        flags[i] = flags[i]! | BarFlag.RTH_OPEN;
      }
      lastRth = i;
    }
    if (flags[i]! & BarFlag.LAST_OF_TRADE_DATE && lastRth >= 0) flags[lastRth] = flags[lastRth]! | BarFlag.LAST_OF_RTH;
  }
}
