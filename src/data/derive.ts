// Everything the data layer adds to raw bars from the CME calendar: trade date, RTH, roll week and BarFlag bits.
// Schedule knowledge only (calendar, contract codes, which bars exist) — never a price from the future.
import { BarFlag, type Bars } from './types.ts';
import { toChicagoMs, tradeDayOf, civilFromDays, closeMinute, contractExpiryDay, DAY_MS, MIN_MS, RTH_START_MIN, RTH_END_MIN } from './calendar.ts';
import { findGaps } from './gaps.ts';

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
  const rollDay = contracts.map((c, k) => {
    const firstIdx = contractId.indexOf(k);
    const refYear = firstIdx >= 0 ? Math.floor(civilFromDays(Math.floor(ts[firstIdx]! / DAY_MS)) / 10000) : 2024;
    return contractExpiryDay(c, refYear) - ROLL_DAYS_BEFORE_EXPIRY;
  });
  // per CT day caches: sorted bars revisit the same day ~280 times
  let cDay = NaN;
  let cClose = 0;
  let cMorning = 0;
  let cEvening = 0;
  let cMorningYmd = 0;
  let cEveningYmd = 0;
  for (let i = 0; i < n; i++) {
    const l = toChicagoMs(ts[i]!);
    const days = Math.floor(l / DAY_MS);
    const minute = Math.floor((l - days * DAY_MS) / MIN_MS);
    if (days !== cDay) {
      cDay = days;
      cClose = closeMinute(days);
      cMorning = tradeDayOf(days, 0);
      cEvening = tradeDayOf(days, 1020);
      cMorningYmd = civilFromDays(cMorning);
      cEveningYmd = civilFromDays(cEvening);
    }
    const evening = minute >= 1020;
    const td = evening ? cEvening : cMorning;
    tradeDate[i] = evening ? cEveningYmd : cMorningYmd;
    rth[i] = td === days && minute >= RTH_START_MIN && minute < RTH_END_MIN && minute < cClose ? 1 : 0;
    rollWeek[i] = days >= rollDay[contractId[i]!]! ? 1 : 0;
  }
  for (let i = 0; i < n; i++) {
    let f = 0;
    if (i === 0 || tradeDate[i] !== tradeDate[i - 1]) f |= BarFlag.NEW_TRADE_DATE;
    if (i === n - 1 || tradeDate[i] !== tradeDate[i + 1]) f |= BarFlag.LAST_OF_TRADE_DATE;
    if (i === 0 || contractId[i] !== contractId[i - 1]) f |= BarFlag.NEW_CONTRACT;
    if (i === n - 1 || contractId[i] !== contractId[i + 1]) f |= BarFlag.LAST_OF_CONTRACT;
    flags[i] = f;
  }
  // RTH open / last RTH bar per trade date
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
  for (const g of findGaps(ts, core.barMs, contractId)) if (g.kind === 'hole') flags[g.index] = flags[g.index]! | BarFlag.AFTER_GAP;
  return { ...core, tradeDate, rth, rollWeek, flags };
}
