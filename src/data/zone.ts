// Local wall-clock -> UTC for the zone a file states. US zones use the closed-form US DST rules (fast, no Intl);
// any other IANA zone goes through Intl with a per-hour offset cache.
import { MiaError } from '../util/errors.ts';
import { usDstUtc, civilFromDays, DAY_MS, HOUR_MS, chicagoToUtc } from './calendar.ts';

/** Throws a MiaError unless `tz` is an IANA zone this Node knows. */
export function assertZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new MiaError(`unknown time zone '${tz}' (expected an IANA name such as America/Chicago)`);
  }
}

/** UTC offset (ms) of `tz` at a UTC instant, via Intl (reference implementation; slow). */
export function intlOffsetMs(tz: string, utcMs: number): number {
  return intlOffsetFn(tz)(utcMs);
}

function intlOffsetFn(tz: string): (utcMs: number) => number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (utcMs: number) => {
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return local - Math.floor(utcMs / 1000) * 1000;
  };
}

function usZone(stdHours: number): (localMs: number) => number {
  let lo = 0;
  let hi = -1;
  let ds = 0;
  let de = 0;
  const off = (u: number): number => {
    if (!(u >= lo && u < hi)) {
      const y = Math.floor(civilFromDays(Math.floor(u / DAY_MS)) / 10000);
      lo = Date.UTC(y, 0, 1);
      hi = Date.UTC(y + 1, 0, 1);
      [ds, de] = usDstUtc(y, stdHours);
    }
    return u >= ds && u < de ? (stdHours + 1) * HOUR_MS : stdHours * HOUR_MS;
  };
  return (localMs) => {
    const a = localMs - (stdHours + 1) * HOUR_MS;
    if (off(a) === (stdHours + 1) * HOUR_MS) return a;
    const b = localMs - stdHours * HOUR_MS;
    if (off(b) === stdHours * HOUR_MS) return b;
    return NaN;
  };
}

const US_ZONES: Record<string, number> = {
  'America/Chicago': -6,
  'US/Central': -6,
  'America/New_York': -5,
  'US/Eastern': -5,
};
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT']);

/**
 * Converter from wall-clock ms (the local time written as if it were UTC) to UTC ms. Returns NaN for a local time
 * the zone skips (spring forward); ambiguous fall-back times take the earlier instant.
 */
export function localToUtc(tz: string): (localMs: number) => number {
  // the closed-form zones need no Intl check: the first Intl.DateTimeFormat loads ICU zone data (~15 ms of CPU)
  if (!Object.hasOwn(US_ZONES, tz) && !UTC_NAMES.has(tz)) assertZone(tz);
  if (tz === 'America/Chicago' || tz === 'US/Central') return chicagoToUtc;
  const std = US_ZONES[tz];
  if (std !== undefined) return usZone(std);
  if (UTC_NAMES.has(tz)) return (l) => l;
  const off = intlOffsetFn(tz);
  const cache = new Map<number, number>();
  const offCached = (u: number): number => {
    const h = Math.floor(u / HOUR_MS);
    let o = cache.get(h);
    if (o === undefined) {
      o = off(h * HOUR_MS);
      cache.set(h, o);
    }
    return o;
  };
  return (localMs) => {
    // try the offsets in force a day either side: covers every transition
    const cands = [offCached(localMs - DAY_MS), offCached(localMs + DAY_MS)];
    for (const o of cands) {
      const u = localMs - o;
      if (offCached(u) === o) return u;
    }
    return NaN;
  };
}
