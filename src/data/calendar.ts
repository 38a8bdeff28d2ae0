// CME exchange calendar for ES: America/Chicago time by US DST rules (no Intl in the hot path), CME trade
// dates, RTH, contract expiries and the scheduled-open test used to tell exchange-schedule gaps from holes.
import { SPECIAL_DAYS, type SpecialDay } from './holidays.ts';

export const MIN_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** RTH bar starts: 08:30 <= t < 15:00 CT (minutes of the day). */
export const RTH_START_MIN = 510;
export const RTH_END_MIN = 900;
/** Globex daily halt 16:00-17:00 CT; the evening session (next trade date) starts at 17:00. */
export const HALT_START_MIN = 960;
export const EVENING_START_MIN = 1020;
/** Until this CT day (2021-06-25 inclusive) ES also halted 15:15-15:30 CT every day. */
const OLD_HALT_LAST_DAY = Math.floor(Date.UTC(2021, 5, 25) / DAY_MS);

/** days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** yyyymmdd of a day number. */
export function civilFromDays(z: number): number {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

export function yyyymmddToDays(v: number): number {
  return daysFromCivil(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
}

/** 0 = Sunday .. 6 = Saturday */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** day number of the n-th (1-based) `wd` weekday of a month; n = -1 for the last one. */
export function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = daysFromCivil(y, m, 1);
    return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = (m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/**
 * US DST interval [start, end) in UTC ms for a zone whose standard offset is `stdHours` (e.g. -6 for CT).
 * 2007+: second Sunday of March 02:00 local -> first Sunday of November 02:00 local; 1987-2006: first Sunday
 * of April -> last Sunday of October.
 */
export function usDstUtc(year: number, stdHours: number): [number, number] {
  const [startDay, endDay] =
    year >= 2007
      ? [nthWeekday(year, 3, 0, 2), nthWeekday(year, 11, 0, 1)]
      : [nthWeekday(year, 4, 0, 1), nthWeekday(year, 10, 0, -1)];
  // 02:00 standard time at start; 02:00 daylight time (= 01:00 standard) at the end
  return [startDay * DAY_MS + (2 - stdHours) * HOUR_MS, endDay * DAY_MS + (1 - stdHours) * HOUR_MS];
}

// Per-year cache: [yearStartUtc, nextYearStartUtc, dstStart, dstEnd]; sorted data hits the same year again and again.
let cYear = NaN;
let cLo = 0;
let cHi = -1;
let cDs = 0;
let cDe = 0;

/** America/Chicago UTC offset in ms at a UTC instant (-5 h in daylight time, -6 h otherwise). */
export function ctOffsetMs(utcMs: number): number {
  if (!(utcMs >= cLo && utcMs < cHi)) {
    const y = Math.floor(civilFromDays(Math.floor(utcMs / DAY_MS)) / 10000);
    cYear = y;
    cLo = daysFromCivil(y, 1, 1) * DAY_MS;
    cHi = daysFromCivil(y + 1, 1, 1) * DAY_MS;
    [cDs, cDe] = usDstUtc(y, -6);
  }
  return utcMs >= cDs && utcMs < cDe ? -5 * HOUR_MS : -6 * HOUR_MS;
}
void cYear;

/** Chicago wall-clock ms (as if UTC) of a UTC instant. */
export function toChicagoMs(utcMs: number): number {
  return utcMs + ctOffsetMs(utcMs);
}

/**
 * UTC instant of a Chicago wall-clock time. Returns NaN for a wall time that does not exist (spring-forward hour);
 * an ambiguous fall-back time resolves to the first (daylight) occurrence.
 */
export function chicagoToUtc(localMs: number): number {
  const a = localMs + 5 * HOUR_MS; // if daylight time
  if (ctOffsetMs(a) === -5 * HOUR_MS) return a;
  const b = localMs + 6 * HOUR_MS; // if standard time
  if (ctOffsetMs(b) === -6 * HOUR_MS) return b;
  return NaN;
}

// Dense lookup of the holiday list (typed arrays are much cheaper than Map.get in the per-bar and per-gap loops).
const K_NONE = 0;
const K_CLOSED = 1;
const K_HALT = 2;
const K_EARLY = 3;
let SP_LO = 0;
let SP_KIND = new Uint8Array(0);
let SP_CLOSE = new Int16Array(0);
{
  const keys = [...SPECIAL_DAYS.keys()];
  if (keys.length) {
    SP_LO = Math.min(...keys);
    const len = Math.max(...keys) - SP_LO + 1;
    SP_KIND = new Uint8Array(len);
    SP_CLOSE = new Int16Array(len);
    for (const [d, s] of SPECIAL_DAYS) {
      SP_KIND[d - SP_LO] = s.kind === 'closed' ? K_CLOSED : s.kind === 'halt' ? K_HALT : K_EARLY;
      SP_CLOSE[d - SP_LO] = s.closeMin;
    }
  }
}

function kindOf(days: number): number {
  const k = days - SP_LO;
  return k >= 0 && k < SP_KIND.length ? SP_KIND[k]! : K_NONE;
}

export function specialDay(days: number): SpecialDay | undefined {
  return SPECIAL_DAYS.get(days);
}

/** A CT calendar day that is a CME trade date: a weekday that is not a closure or holiday-halt day. */
export function isTradeDay(days: number): boolean {
  const wd = weekday(days);
  if (wd === 0 || wd === 6) return false;
  const k = kindOf(days);
  return k === K_NONE || k === K_EARLY;
}

/** Minute of the CT day at which trading stops on that calendar day (960 normally). */
export function closeMinute(days: number): number {
  return kindOf(days) === K_NONE ? HALT_START_MIN : SP_CLOSE[days - SP_LO]!;
}

/** Trade date (day number) of a CT wall-clock time: from 17:00 on, the next trade day; holidays/weekends roll forward. */
export function tradeDayOf(days: number, minute: number): number {
  let d = minute >= EVENING_START_MIN ? days + 1 : days;
  while (!isTradeDay(d)) d++;
  return d;
}

/** Why the exchange is or is not trading at a given instant. */
export const Sched = { OPEN: 0, DAILY_HALT: 1, WEEKEND: 2, HOLIDAY: 3, EARLY_CLOSE: 4 } as const;
export const SCHED_NAMES = ['open', 'daily halt', 'weekend', 'holiday', 'early close'] as const;

function closedAllDay(days: number): boolean {
  return kindOf(days) === K_CLOSED;
}

/** Whether a CT calendar day has an evening session (17:00 on, for the next trade date). */
function hasEvening(days: number): boolean {
  const wd = weekday(days);
  if (wd === 5 || wd === 6) return false;
  return !closedAllDay(days + 1);
}

/** ES also halted 15:15-15:30 CT daily until OLD_HALT_LAST_DAY. */
const OLD_HALT_FROM_MIN = 915;
const OLD_HALT_TO_MIN = 930;

/**
 * The minutes of a CT day at which scheduleAt can change, ascending, ending with 1440 (the next midnight): its
 * result depends on the minute only through comparisons with these (test/data-calendar.test.ts checks it minute
 * by minute), so a walk over closed time may jump from one to the next.
 */
export const SCHEDULE_BREAKS: readonly number[] = [
  ...new Set([0, OLD_HALT_FROM_MIN, OLD_HALT_TO_MIN, HALT_START_MIN, EVENING_START_MIN, 1440, ...[...SPECIAL_DAYS.values()].map((s) => s.closeMin)]),
].sort((a, b) => a - b);

/** Scheduled exchange state at a CT wall-clock (days, minute of day). */
export function scheduleAt(days: number, minute: number): number {
  const wd = weekday(days);
  if (minute >= EVENING_START_MIN) {
    if (hasEvening(days)) return Sched.OPEN;
    if (closedAllDay(days + 1)) return Sched.HOLIDAY;
    return Sched.WEEKEND;
  }
  // before 17:00: the session that opened the previous evening runs until the close
  if (wd === 6 || wd === 0) return Sched.WEEKEND;
  const k = kindOf(days);
  if (k === K_CLOSED) return Sched.HOLIDAY;
  const close = k === K_NONE ? HALT_START_MIN : SP_CLOSE[days - SP_LO]!;
  if (minute < close) {
    if (days <= OLD_HALT_LAST_DAY && minute >= OLD_HALT_FROM_MIN && minute < OLD_HALT_TO_MIN) return Sched.DAILY_HALT;
    return Sched.OPEN;
  }
  if (k !== K_NONE) return k === K_HALT ? Sched.HOLIDAY : Sched.EARLY_CLOSE;
  return wd === 5 ? Sched.WEEKEND : Sched.DAILY_HALT;
}

/** Third Friday of a month (day number): the ES quarterly expiry. */
export function thirdFriday(y: number, m: number): number {
  return nthWeekday(y, m, 5, 3);
}

const MONTH_CODES = 'FGHJKMNQUVXZ';

/**
 * Parse a futures contract code like ESU24 (or ESU4) into root, month (1-12) and year.
 * One-digit years resolve to the decade nearest `refYear`.
 */
export function parseContract(code: string, refYear = 2024): { root: string; month: number; year: number } | null {
  const m = /^([A-Z0-9]{1,4}?)([FGHJKMNQUVXZ])(\d{1,2})$/.exec(code);
  if (!m) return null;
  const month = MONTH_CODES.indexOf(m[2]!) + 1;
  let year: number;
  if (m[3]!.length === 2) year = 2000 + Number(m[3]);
  else {
    const d = Number(m[3]);
    year = Math.floor(refYear / 10) * 10 + d;
    if (year < refYear - 5) year += 10;
    else if (year > refYear + 5) year -= 10;
  }
  return { root: m[1]!, month, year };
}

/** Expiry day number (third Friday) of a quarterly contract code, or NaN when not a quarterly code. */
export function contractExpiryDay(code: string, refYear?: number): number {
  const p = parseContract(code, refYear);
  if (!p || p.month % 3 !== 0) return NaN;
  return thirdFriday(p.year, p.month);
}

/** Contract code of the quarterly contract whose expiry (third Friday, 08:30 CT) comes next after a CT wall time. */
export function frontQuarterly(root: string, days: number, minute: number): string {
  let y = Math.floor(civilFromDays(days) / 10000);
  let m = Math.floor((civilFromDays(days) / 100) % 100);
  m = Math.ceil(m / 3) * 3;
  for (;;) {
    const exp = thirdFriday(y, m);
    if (days < exp || (days === exp && minute < RTH_START_MIN)) break;
    m += 3;
    if (m > 12) {
      m = 3;
      y++;
    }
  }
  return `${root}${MONTH_CODES[m - 1]}${String(y % 100).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of a yyyymmdd number. */
export function isoDate(yyyymmdd: number): string {
  const s = String(yyyymmdd);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** 'YYYY-MM-DD HH:MM' Chicago wall-clock of a UTC instant. */
export function formatChicago(utcMs: number): string {
  const l = toChicagoMs(utcMs);
  const days = Math.floor(l / DAY_MS);
  const min = Math.round((l - days * DAY_MS) / MIN_MS);
  return `${isoDate(civilFromDays(days))} ${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
