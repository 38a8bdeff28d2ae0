// Everything the data layer adds to raw bars from the CME calendar: trade date, RTH, roll week and BarFlag bits.
// Schedule knowledge only (calendar, contract codes, which bars exist) — never a price from the future.
import { BarFlag, type Bars } from './types.ts';
import { toChicagoMs, tradeDayOf, civilFromDays, closeMinute, contractExpiryDay, DAY_MS, MIN_MS, RTH_START_MIN, RTH_END_MIN, EVENING_START_MIN } from './calendar.ts';
import { markAfterHoles } from './gaps.ts';

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

/** trade_date, rth and roll_week of every bar. */
function calendarColumns(
  ts: Float64Array, contractId: Int32Array, rollDay: Float64Array, n: number, tradeDate: Int32Array, rth: Uint8Array, rollWeek: Uint8Array,
): void {
  // Per CT day (sorted bars revisit the same day ~280 times): the day's boundaries in local ms, so each bar costs a
  // few comparisons instead of two divisions. x = ms since local midnight; minute >= M <=> x >= M * MIN_MS.
  let dayStart = NaN;
  let days = 0;
  let eveningFrom = 0;
  let rthFrom = 0;
  let rthTo = 0;
  let morningYmd = 0;
  let eveningYmd = 0;
  for (let i = 0; i < n; i++) {
    const l = toChicagoMs(ts[i]!);
    if (!(l >= dayStart && l < dayStart + DAY_MS)) {
      days = Math.floor(l / DAY_MS);
      dayStart = days * DAY_MS;
      const morning = tradeDayOf(days, 0);
      morningYmd = civilFromDays(morning);
      eveningYmd = civilFromDays(tradeDayOf(days, EVENING_START_MIN));
      eveningFrom = dayStart + EVENING_START_MIN * MIN_MS;
      // RTH bars belong to the morning trade date and only count on the trade date's own calendar day
      rthFrom = dayStart + RTH_START_MIN * MIN_MS;
      rthTo = morning === days ? dayStart + Math.min(RTH_END_MIN, closeMinute(days)) * MIN_MS : rthFrom;
    }
    tradeDate[i] = l >= eveningFrom ? eveningYmd : morningYmd;
    rth[i] = l >= rthFrom && l < rthTo ? 1 : 0;
    rollWeek[i] = days >= rollDay[contractId[i]!]! ? 1 : 0;
  }
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
