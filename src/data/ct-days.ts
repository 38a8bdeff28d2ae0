// America/Chicago calendar days as UTC ranges, for the per-bar passes of the import (checks, derived columns).
// A CT day starts at local midnight, which is never inside a clock change (those happen at 02:00), so its UTC
// range is exact, and every instant in it has that CT day. Rows in time order hit the same day ~280 times: a
// range test per row instead of a time-zone conversion, and a loop small enough for V8 to optimise early.
import { chicagoToUtc, ctOffsetMs, scheduleAt, toChicagoMs, SCHEDULE_BREAKS, DAY_MS, MIN_MS } from './calendar.ts';

/** CT day number of UTC instants, remembered for the last day asked (any order; in time order mostly hits). */
export class CtDayCursor {
  private lo = 1;
  private hi = 0;
  private d = 0;

  /** Math.floor(toChicagoMs(t) / DAY_MS), for t between 1970 and 2100 */
  day(t: number): number {
    if (t >= this.lo && t < this.hi) return this.d;
    return this.move(t);
  }

  private move(t: number): number {
    const d = Math.floor(toChicagoMs(t) / DAY_MS);
    this.d = d;
    this.lo = chicagoToUtc(d * DAY_MS);
    this.hi = chicagoToUtc((d + 1) * DAY_MS);
    return d;
  }
}

/** Every CT day from the one holding `first` to the one holding `last` (UTC ms, first <= last). */
export interface CtDayTable {
  /** CT day number of entry 0 */
  d0: number;
  m: number;
  /** UTC ms of each day's local midnight; start[m] is the end of the last day */
  start: Float64Array;
  /** local = UTC + off[k] through day k; NaN on a day with a clock change (its rows need the per-instant offset) */
  off: Float64Array;
}

export function ctDayTable(first: number, last: number): CtDayTable {
  const d0 = Math.floor(toChicagoMs(first) / DAY_MS);
  const m = Math.floor(toChicagoMs(last) / DAY_MS) - d0 + 1;
  const start = new Float64Array(m + 1);
  const off = new Float64Array(m);
  for (let k = 0; k <= m; k++) start[k] = chicagoToUtc((d0 + k) * DAY_MS);
  for (let k = 0; k < m; k++) {
    const a = ctOffsetMs(start[k]!);
    off[k] = a === ctOffsetMs(start[k + 1]! - 1) ? a : NaN;
  }
  return { d0, m, start, off };
}

/**
 * scheduleAt of UTC instants, remembered for the last stretch between two schedule breaks (SCHEDULE_BREAKS):
 * the state is constant there, and rows in time order stay in one stretch for hours.
 */
export class ScheduleCursor {
  private lo = 1;
  private hi = 0;
  private s = 0;

  /** scheduleAt of t's CT day and minute */
  at(t: number): number {
    if (t >= this.lo && t < this.hi) return this.s;
    return this.move(t);
  }

  private move(t: number): number {
    const l = toChicagoMs(t);
    const days = Math.floor(l / DAY_MS);
    const minute = Math.floor((l - days * DAY_MS) / MIN_MS);
    let b = 0;
    while (SCHEDULE_BREAKS[b + 1]! <= minute) b++;
    // local midnight and the breaks are never inside a clock change: each is one UTC instant
    this.lo = chicagoToUtc(days * DAY_MS + SCHEDULE_BREAKS[b]! * MIN_MS);
    this.hi = chicagoToUtc(days * DAY_MS + SCHEDULE_BREAKS[b + 1]! * MIN_MS);
    this.s = scheduleAt(days, minute);
    return this.s;
  }
}
