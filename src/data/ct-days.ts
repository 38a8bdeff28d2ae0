// America/Chicago calendar days as UTC ranges, for the per-bar passes of the import (checks, derived columns).
// A CT day starts at local midnight, which is never inside a clock change (those happen at 02:00), so its UTC
// range is exact, and every instant in it has that CT day; the same holds for the exchange schedule's breaks
// (SCHEDULE_BREAKS). The tables are built once per span (one entry per day, not per bar), and the per-bar
// lookups are a few comparisons over typed arrays: loops small enough for V8 to compile quickly. (The same
// passes calling the time-zone functions per bar inlined them all: 50-60 ms of compiling, run interpreted
// meanwhile, then thrown away at the first code path not seen before.)
import { chicagoToUtc, ctOffsetMs, scheduleAt, toChicagoMs, SCHEDULE_BREAKS, DAY_MS, MIN_MS } from './calendar.ts';

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

// The last table built: the passes of one import ask for the same days (the checks, the derived columns, the
// holes), so it is built once. Tables are never changed after they are built.
let lastDays: CtDayTable | null = null;
let lastSchedule: ScheduleTable | null = null;

export function ctDayTable(first: number, last: number): CtDayTable {
  const d0 = Math.floor(toChicagoMs(first) / DAY_MS);
  const m = Math.floor(toChicagoMs(last) / DAY_MS) - d0 + 1;
  if (lastDays && lastDays.d0 <= d0 && d0 + m <= lastDays.d0 + lastDays.m) return lastDays;
  const start = new Float64Array(m + 1);
  const off = new Float64Array(m);
  for (let k = 0; k <= m; k++) start[k] = chicagoToUtc((d0 + k) * DAY_MS);
  for (let k = 0; k < m; k++) {
    const a = ctOffsetMs(start[k]!);
    off[k] = a === ctOffsetMs(start[k + 1]! - 1) ? a : NaN;
  }
  lastDays = { d0, m, start, off };
  return lastDays;
}

/** Per CT day, the UTC instants of its SCHEDULE_BREAKS (nb per day) and the state from each break to the next. */
export interface ScheduleTable {
  days: CtDayTable;
  at: Float64Array;
  state: Uint8Array;
}

export function scheduleTable(first: number, last: number): ScheduleTable {
  const t = ctDayTable(first, last);
  if (lastSchedule && lastSchedule.days === t) return lastSchedule;
  const nb = SCHEDULE_BREAKS.length;
  const at = new Float64Array(t.m * nb);
  const state = new Uint8Array(t.m * nb);
  for (let k = 0; k < t.m; k++) {
    const days = t.d0 + k;
    const off = t.off[k]!;
    for (let j = 0; j < nb; j++) {
      const local = days * DAY_MS + SCHEDULE_BREAKS[j]! * MIN_MS;
      // a day without a clock change: UTC = local - its offset, exactly; else the conversion itself
      at[k * nb + j] = off === off ? local - off : chicagoToUtc(local);
      if (j < nb - 1) state[k * nb + j] = scheduleAt(days, SCHEDULE_BREAKS[j]!);
    }
  }
  lastSchedule = { days: t, at, state };
  return lastSchedule;
}

/** The entry k with start[k] <= t < start[k + 1] (t inside the table), trying `k` and the next first. */
export function dayIndex(start: Float64Array, m: number, t: number, k: number): number {
  if (t >= start[k]! && t < start[k + 1]!) return k;
  if (k + 2 <= m && t >= start[k + 1]! && t < start[k + 2]!) return k + 1;
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The span of the instants a cursor answers for (UTC ms); its table is built on the first question. */
export interface Span {
  first: number;
  last: number;
}

/** First and last ts of the kept rows (first > last: none). */
export function keptSpan(ts: Float64Array, keep: Uint8Array, n: number): Span {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const t = ts[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return { first, last };
}

/** A table for an empty span (first > last): no instant to look up. */
const NO_DAYS: CtDayTable = { d0: 0, m: 0, start: new Float64Array(1), off: new Float64Array(0) };

// The tables are built in the constructors, never in the per-row lookups: a lookup stays small enough for V8 to
// inline and compile quickly (with the table builder inlined, each check loop took 10-20 ms to compile).

/** CT day numbers of UTC instants inside a span, any order (in time order, no search). */
export class CtDayCursor {
  private readonly t: CtDayTable;
  private k = 0;

  constructor(span: Span) {
    this.t = span.first <= span.last ? ctDayTable(span.first, span.last) : NO_DAYS;
  }

  /** Math.floor(toChicagoMs(t) / DAY_MS) */
  day(t: number): number {
    const tab = this.t;
    this.k = dayIndex(tab.start, tab.m, t, this.k);
    return tab.d0 + this.k;
  }
}

/** scheduleAt of UTC instants inside a span, any order: per day, the stretches between two schedule breaks. */
export class ScheduleCursor {
  private readonly t: ScheduleTable;
  private k = 0;
  /** the stretch of the last instant asked (UTC ms, end excluded) and its state */
  private stretchStart = 1;
  stretchEnd = 0;
  private stretchState = 0;

  constructor(span: Span) {
    this.t = span.first <= span.last ? scheduleTable(span.first, span.last) : { days: NO_DAYS, at: new Float64Array(0), state: new Uint8Array(0) };
  }

  /** scheduleAt of t's CT day and minute */
  stateAt(t: number): number {
    if (t >= this.stretchStart && t < this.stretchEnd) return this.stretchState; // rows in time order: mostly
    const tab = this.t;
    const k = dayIndex(tab.days.start, tab.days.m, t, this.k);
    this.k = k;
    const at = tab.at;
    let j = k * SCHEDULE_BREAKS.length;
    while (t >= at[j + 1]!) j++;
    this.stretchStart = at[j]!;
    this.stretchEnd = at[j + 1]!;
    this.stretchState = tab.state[j]!;
    return this.stretchState;
  }
}
