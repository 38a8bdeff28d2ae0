// Walk-forward windows over trade dates: `TRAIN/TEST` spans such as 6m/1m, 12w/2w, 120d/20d.
// Units: m = calendar months, w = calendar weeks, d = sessions (trade dates present in the data).
// Test windows tile the dates after the first training span with no gap and no overlap: test k+1 begins at
// the first trade date on or after (first test start + (k+1)·TEST), measured from one anchor so month ends
// do not drift. Rolling: each training window is the TRAIN span before its test; anchored: it starts at the
// first date. The last test window may be shorter than TEST (marked `partial`).
import { MiaError } from '../util/errors.ts';
import { lowerBound } from '../util/lower-bound.ts';
import { isoDate } from './period.ts';

export type SpanUnit = 'd' | 'w' | 'm';
export interface Span {
  n: number;
  unit: SpanUnit;
}

export interface WalkForwardWindow {
  index: number;
  /** inclusive yyyymmdd trade dates */
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
  /** half-open index ranges into the sorted trade-date list */
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
  /** the test span runs past the end of the data */
  partial: boolean;
}

/** A window's four dates as ISO days, the way every walk-forward result (sweep, optimize) reports them. */
export function windowDates(w: WalkForwardWindow): { train_from: string; train_to: string; test_from: string; test_to: string } {
  return { train_from: isoDate(w.trainFrom), train_to: isoDate(w.trainTo), test_from: isoDate(w.testFrom), test_to: isoDate(w.testTo) };
}

const SPAN = /^(\d+)([dwm])$/;

export function parseSpan(text: string, what: string): Span {
  const m = SPAN.exec(text.trim());
  if (!m) throw new MiaError(`--walk-forward: ${what} span '${text}' must look like 6m, 4w or 20d`);
  const n = Number(m[1]);
  if (n <= 0) throw new MiaError(`--walk-forward: ${what} span '${text}' must be positive`);
  return { n, unit: m[2] as SpanUnit };
}

/** `6m/1m` → train 6 months, test 1 month. */
export function parseWalkForward(spec: string): { train: Span; test: Span } {
  const parts = spec.split('/');
  if (parts.length !== 2) throw new MiaError(`--walk-forward ${spec}: expected TRAIN/TEST, e.g. 6m/1m`);
  return { train: parseSpan(parts[0] as string, 'train'), test: parseSpan(parts[1] as string, 'test') };
}

function toUtc(d: number): number {
  return Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100);
}
function fromUtc(ms: number): number {
  const x = new Date(ms);
  return x.getUTCFullYear() * 10000 + (x.getUTCMonth() + 1) * 100 + x.getUTCDate();
}

/** Calendar shift of a yyyymmdd date by n weeks or months (month ends clamp: Jan 31 + 1m = Feb 28/29). */
export function addCalendar(d: number, n: number, unit: 'w' | 'm'): number {
  if (unit === 'w') return fromUtc(toUtc(d) + n * 7 * 86_400_000);
  const y = Math.floor(d / 10000);
  const m0 = (Math.floor(d / 100) % 100) - 1 + n;
  const yy = y + Math.floor(m0 / 12);
  const mm = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return yy * 10000 + (mm + 1) * 100 + Math.min(d % 100, last);
}

/** Sorted distinct trade dates of a bar column. */
export function distinctDates(tradeDate: Int32Array): Int32Array {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < tradeDate.length; i++) {
    const d = tradeDate[i] as number;
    if (d !== prev) {
      if (d < prev) throw new MiaError(`trade dates are not in order at bar ${i} (${d} after ${prev})`);
      out.push(d);
      prev = d;
    }
  }
  return Int32Array.from(out);
}

export function walkForwardWindows(dates: ArrayLike<number>, train: Span, test: Span, anchored: boolean): WalkForwardWindow[] {
  const n = dates.length;
  for (let i = 1; i < n; i++) {
    if (!((dates[i] as number) > (dates[i - 1] as number))) throw new MiaError(`walk-forward: trade dates must be sorted and distinct`);
  }
  if (n === 0) throw new MiaError(`walk-forward: no trade dates`);
  const first = dates[0] as number;
  const last = dates[n - 1] as number;
  // start of the first test window
  const base = train.unit === 'd' ? train.n : lowerBound(dates, addCalendar(first, train.n, train.unit));
  if (base >= n) throw new MiaError(`walk-forward: the data (${first}..${last}, ${n} sessions) is shorter than the training span ${train.n}${train.unit}`);
  const baseDate = dates[base] as number;
  // nominal (calendar) or index start of test window k
  const testStartAt = (k: number): { idx: number; nominal: number } => {
    if (test.unit === 'd') {
      const idx = base + k * test.n;
      return { idx, nominal: idx < n ? (dates[idx] as number) : Infinity };
    }
    const nominal = addCalendar(baseDate, k * test.n, test.unit);
    return { idx: lowerBound(dates, nominal), nominal };
  };
  const out: WalkForwardWindow[] = [];
  for (let k = 0; ; k++) {
    const s = testStartAt(k);
    if (s.idx >= n) break;
    const e = testStartAt(k + 1);
    const testEnd = Math.min(e.idx, n);
    let partial: boolean;
    if (test.unit === 'd') partial = e.idx > n;
    else partial = toUtc(e.nominal) > toUtc(last) + 86_400_000; // the span ends after the day following the last date
    if (testEnd <= s.idx) continue; // a data hole longer than TEST: no sessions to test in this span
    let trainStart = 0;
    if (!anchored) {
      if (train.unit === 'd') trainStart = Math.max(0, s.idx - train.n);
      else trainStart = lowerBound(dates, addCalendar(s.nominal, -train.n, train.unit));
    }
    const trainEnd = s.idx;
    if (trainEnd <= trainStart) continue;
    out.push({
      index: out.length,
      trainFrom: dates[trainStart] as number,
      trainTo: dates[trainEnd - 1] as number,
      testFrom: dates[s.idx] as number,
      testTo: dates[testEnd - 1] as number,
      trainStart,
      trainEnd,
      testStart: s.idx,
      testEnd,
      partial,
    });
  }
  return out;
}

/**
 * The training window for the next, not yet traded, period: the TRAIN span ending at the last session (every
 * session when anchored), as session indices [trainStart, n). Its choice is what walk-forward would trade next.
 */
export function nextTrainingWindow(dates: ArrayLike<number>, train: Span, anchored: boolean): { trainStart: number; trainEnd: number } {
  const n = dates.length;
  if (anchored || n === 0) return { trainStart: 0, trainEnd: n };
  if (train.unit === 'd') return { trainStart: Math.max(0, n - train.n), trainEnd: n };
  const dayAfter = fromUtc(toUtc(dates[n - 1] as number) + 86_400_000);
  return { trainStart: lowerBound(dates, addCalendar(dayAfter, -train.n, train.unit)), trainEnd: n };
}
