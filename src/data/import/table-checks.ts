// Whole-table checks of the import driver, the same for every container: timestamps inside the years mia's
// calendar covers, contract codes that are quarterly codes of the instrument, bars inside their contract's trading
// window, contracts that do not come back once the next one has started, and bars on the exchange's schedule
// (a wrong time zone puts bars in the daily halt or on the weekend; caught here with the likely cause).
import { MiaError } from '../../util/errors.ts';
import { contractExpiryDay, parseContract, formatChicago, Sched, SCHED_NAMES, HOUR_MS } from '../calendar.ts';
import { CtDayCursor, ScheduleCursor, type Span } from '../ct-days.ts';

/** Bars before 1980 or from 2100 on are a unit or parsing mistake (and would make calendars span centuries). */
export const MIN_TS = Date.UTC(1980, 0, 1);
export const MAX_TS = Date.UTC(2100, 0, 1);
/** A quarterly contract is listed about 15 months before its expiry (5 quarters; a little slack for early prints). */
export const LISTED_DAYS_BEFORE_EXPIRY = 470;

type Fail = (i: number, field: string, msg: string) => void;

export function checkTimeRange(ts: Float64Array, n: number, keep: Uint8Array, fail: Fail): void {
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    if (t >= MIN_TS && t < MAX_TS) continue;
    fail(i, 'ts', `time ${Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : t} is outside 1980..2099`);
    keep[i] = 0;
  }
}

/** Expiry day of each contract, NaN where the code is not a quarterly code of `symbol` (with the reason). */
export function contractExpiries(contracts: string[], symbol: string, refYear: (k: number) => number): { expiry: Float64Array; why: string[] } {
  const expiry = new Float64Array(contracts.length);
  const why: string[] = [];
  contracts.forEach((c, k) => {
    const p = parseContract(c, refYear(k));
    if (!p) why[k] = `'${c}' is not a futures contract code`;
    else if (p.root !== symbol) why[k] = `contract '${c}' is not a ${symbol} contract`;
    else if (p.month % 3 !== 0) why[k] = `contract '${c}' is not a quarterly (H, M, U, Z) ${symbol} contract`;
    expiry[k] = why[k] === undefined ? contractExpiryDay(c, refYear(k)) : NaN;
  });
  return { expiry, why };
}

/** Each bar must lie in its contract's trading window: listed ~15 months before expiry, last trade on expiry day. */
export function checkContractWindow(
  ts: Float64Array, cid: Int32Array, n: number, keep: Uint8Array, expiry: Float64Array, why: string[], contracts: string[], fail: Fail, span: Span,
): void {
  const days = new CtDayCursor(span);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const k = cid[i]!;
    const exp = expiry[k]!;
    if (exp !== exp) {
      fail(i, 'contract', why[k]!);
      keep[i] = 0;
      continue;
    }
    const day = days.day(ts[i]!);
    if (day > exp || day < exp - LISTED_DAYS_BEFORE_EXPIRY) {
      fail(i, 'ts', `bar at ${formatChicago(ts[i]!)} CT is outside the trading window of ${contracts[k]} (${day > exp ? 'after its expiry' : 'more than 15 months before its expiry'})`);
      keep[i] = 0;
    }
  }
}

/** In time order, a contract that comes back after the next one has started is interleaved: that bar is refused. */
export function checkInterleaved(cid: Int32Array, order: Int32Array | null, n: number, keep: Uint8Array, nContracts: number, contracts: string[], fail: Fail): void {
  const done = new Uint8Array(nContracts);
  let cur = -1;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    if (!keep[i]) continue;
    const c = cid[i]!;
    if (c === cur) continue;
    if (done[c]) {
      fail(i, 'contract', `${contracts[c]} comes back after ${contracts[cur]} started (interleaved contracts: one contract at a time, in expiry order)`);
      keep[i] = 0;
      continue;
    }
    if (cur >= 0) done[cur] = 1;
    cur = c;
  }
}

/**
 * Bars in the daily halt, on a weekend or holiday close: one error naming the count, the first such bar and the
 * likely cause (a file stamped in another zone than the one it was read in), unless allowed. `span` must cover
 * the kept rows' times and an hour more on each side.
 */
export function checkOnCalendar(ts: Float64Array, n: number, keep: Uint8Array, where: (i: number) => string, localTime: boolean, tz: string, span: Span): void {
  let count = 0;
  let first = -1;
  let firstState = 0;
  let kept = 0;
  // the same bars one hour earlier / later: what America/New_York or a zone an hour west would have given
  const shifted = [0, 0];
  // one cursor per series of instants, each moving forward through its own stretches of the schedule
  // three cursors over one table (`span` covers the kept rows and an hour more each side)
  const [at, earlier, later] = [new ScheduleCursor(span), new ScheduleCursor(span), new ScheduleCursor(span)];
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    kept++;
    const s = at.stateAt(ts[i]!);
    if (s !== Sched.OPEN) {
      if (first < 0) {
        first = i;
        firstState = s;
      }
      count++;
    }
    if (localTime) {
      if (earlier.stateAt(ts[i]! - HOUR_MS) !== Sched.OPEN) shifted[0]!++;
      if (later.stateAt(ts[i]! + HOUR_MS) !== Sched.OPEN) shifted[1]!++;
    }
  }
  if (count === 0) return;
  let hint = 'the timestamps are not CME Globex trading times (wrong time zone or a different exchange?)';
  if (localTime && shifted[0]! < count / 4) hint = `stamped in America/New_York? pass --tz America/New_York (read as ${tz})`;
  else if (localTime && shifted[1]! < count / 4) hint = `stamped an hour west of ${tz}? pass --tz with the zone the file was written in`;
  else if (!localTime) hint = 'the file states UTC offsets, so the bars really are outside the exchange schedule';
  throw new MiaError(
    `${count} of ${kept} bars fall outside the CME trading schedule; first: ${where(first)} at ${formatChicago(ts[first]!)} CT (${SCHED_NAMES[firstState]}). ` +
      `${hint}; or import them anyway with mia data import --allow-off-calendar`,
  );
}

const LEGACY: Record<string, string> = { EST: 'America/New_York', CST: 'America/Chicago', MST: 'America/Denver', PST: 'America/Los_Angeles', EST5EDT: 'America/New_York', CST6CDT: 'America/Chicago', MST7MDT: 'America/Denver', PST8PDT: 'America/Los_Angeles', HST: 'Pacific/Honolulu' };

/** A warning for legacy zone names: EST/CST/… are fixed offsets (no daylight saving) or POSIX-style rules. */
export function legacyZoneWarning(tz: string): string | undefined {
  const iana = LEGACY[tz.toUpperCase()];
  if (iana === undefined) return undefined;
  return `--tz ${tz} is a legacy zone name${/\d/.test(tz) ? '' : ' with a fixed offset (no daylight saving: half the year an hour off)'}; use the IANA zone ${iana}`;
}
