import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendar, distinctDates, parseWalkForward, walkForwardWindows } from '../src/sweep/walk-forward.ts';

/** Weekday trade dates between two yyyymmdd dates, with a hole to mimic missing data. */
function weekdays(from: string, to: string, holes: [number, number][] = []): number[] {
  const out: number[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    const v = d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    if (holes.some(([a, b]) => v >= a && v <= b)) continue;
    out.push(v);
  }
  return out;
}

function assertTiling(dates: number[], w: ReturnType<typeof walkForwardWindows>) {
  assert.ok(w.length > 0);
  for (let k = 0; k < w.length; k++) {
    const x = w[k]!;
    assert.ok(x.trainStart < x.trainEnd && x.trainEnd === x.testStart && x.testStart < x.testEnd);
    assert.equal(x.testFrom, dates[x.testStart]);
    assert.equal(x.testTo, dates[x.testEnd - 1]);
    assert.ok(x.trainTo < x.testFrom, 'train ends before test');
    if (k > 0) assert.equal(x.testStart, w[k - 1]!.testEnd, 'no gap, no overlap between test windows');
  }
  // stitched OOS = every date from the first test date to the last date, once
  assert.equal(w[w.length - 1]!.testEnd, dates.length);
  const covered = w.flatMap((x) => dates.slice(x.testStart, x.testEnd));
  assert.deepEqual(covered, dates.slice(w[0]!.testStart));
}

test('parseWalkForward and calendar shifts', () => {
  assert.deepEqual(parseWalkForward('6m/1m'), { train: { n: 6, unit: 'm' }, test: { n: 1, unit: 'm' } });
  assert.deepEqual(parseWalkForward('12w/2w'), { train: { n: 12, unit: 'w' }, test: { n: 2, unit: 'w' } });
  assert.throws(() => parseWalkForward('6m'), /TRAIN\/TEST/);
  assert.throws(() => parseWalkForward('6x/1m'), /must look like/);
  assert.throws(() => parseWalkForward('0m/1m'), /positive/);
  assert.equal(addCalendar(20240131, 1, 'm'), 20240229);
  assert.equal(addCalendar(20231115, 3, 'm'), 20240215);
  assert.equal(addCalendar(20240315, -6, 'm'), 20230915);
  assert.equal(addCalendar(20241230, 1, 'w'), 20250106);
});

test('rolling 6m/1m over a year: monthly test windows tile the rest of the data', () => {
  const dates = weekdays('2023-09-01', '2024-09-30');
  const w = walkForwardWindows(dates, { n: 6, unit: 'm' }, { n: 1, unit: 'm' }, false);
  assertTiling(dates, w);
  assert.equal(w[0]!.trainFrom, 20230901);
  assert.equal(w[0]!.testFrom, 20240301);
  assert.equal(w[0]!.testTo, 20240329);
  assert.equal(w[1]!.testFrom, 20240401);
  assert.equal(w.length, 7);
  assert.equal(w[6]!.testTo, 20240930);
  // rolling: every training window spans about six months, starting later each time
  assert.equal(w[3]!.trainFrom, 20231201);
  assert.equal(w[3]!.trainTo, 20240531);
  assert.ok(w.every((x) => !x.partial));
});

test('anchored windows all start at the first date; partial last window is flagged', () => {
  const dates = weekdays('2023-09-01', '2024-09-18');
  const w = walkForwardWindows(dates, { n: 6, unit: 'm' }, { n: 1, unit: 'm' }, true);
  assertTiling(dates, w);
  assert.ok(w.every((x) => x.trainStart === 0));
  assert.equal(w[w.length - 1]!.partial, true);
  assert.equal(w[w.length - 1]!.testTo, 20240918);
});

test('session (d) and week (w) units, and a data hole longer than the test span', () => {
  const dates = weekdays('2024-01-01', '2024-06-28', [[20240401, 20240420]]);
  const d = walkForwardWindows(dates, { n: 20, unit: 'd' }, { n: 5, unit: 'd' }, false);
  assertTiling(dates, d);
  assert.ok(d.every((x) => x.trainEnd - x.trainStart === 20));
  assert.ok(d.slice(0, -1).every((x) => x.testEnd - x.testStart === 5));
  const wk = walkForwardWindows(dates, { n: 8, unit: 'w' }, { n: 1, unit: 'w' }, false);
  assertTiling(dates, wk);
  // the 3-week hole holds no test window, yet the stitched test dates have no gap in the data
  assert.ok(wk.every((x) => x.testEnd > x.testStart));
  assert.throws(() => walkForwardWindows(dates, { n: 12, unit: 'm' }, { n: 1, unit: 'm' }, false), /shorter than the training span/);
});

test('distinctDates from a bar column; out-of-order dates rejected', () => {
  assert.deepEqual(Array.from(distinctDates(Int32Array.from([20240102, 20240102, 20240103, 20240105]))), [20240102, 20240103, 20240105]);
  assert.throws(() => distinctDates(Int32Array.from([20240103, 20240102])), /not in order/);
});
