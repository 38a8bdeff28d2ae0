import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctOffsetMs, toChicagoMs, chicagoToUtc, tradeDayOf, civilFromDays, daysFromCivil, yyyymmddToDays, scheduleAt, Sched, thirdFriday, frontQuarterly, parseContract, contractExpiryDay } from '../src/data/calendar.ts';
import { intlOffsetMs, localToUtc, assertZone } from '../src/data/zone.ts';

const D = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

test('America/Chicago offset by US rules matches Intl every 3 hours 2019-2026 and around every transition', () => {
  const start = Date.UTC(2019, 0, 1);
  const end = Date.UTC(2027, 0, 1);
  for (let t = start; t < end; t += 3 * 3_600_000) assert.equal(ctOffsetMs(t), intlOffsetMs('America/Chicago', t), new Date(t).toISOString());
  // each transition minute by minute (second Sunday of March, first Sunday of November, 06:00-10:00 UTC)
  for (let y = 2019; y <= 2026; y++) {
    for (const day of [D(y, 3, 8 + ((7 - new Date(Date.UTC(y, 2, 8)).getUTCDay()) % 7)), D(y, 11, 1 + ((7 - new Date(Date.UTC(y, 10, 1)).getUTCDay()) % 7))]) {
      for (let t = day * 86_400_000 + 6 * 3_600_000; t < day * 86_400_000 + 10 * 3_600_000; t += 60_000) {
        assert.equal(ctOffsetMs(t), intlOffsetMs('America/Chicago', t), new Date(t).toISOString());
      }
    }
  }
});

test('local -> UTC: Chicago and New York fast paths agree with the Intl path; DST gap is NaN', () => {
  const ny = localToUtc('America/New_York');
  const ch = localToUtc('America/Chicago');
  for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 60_000) {
    assert.equal(ch(toChicagoMs(t)), t);
    assert.equal(ny(t + intlOffsetMs('America/New_York', t)), t);
  }
  // 2024-03-10 02:30 does not exist in Chicago
  assert.ok(Number.isNaN(chicagoToUtc(Date.UTC(2024, 2, 10, 2, 30))));
  // 2024-11-03 01:30 happens twice: the first (CDT) instant
  assert.equal(chicagoToUtc(Date.UTC(2024, 10, 3, 1, 30)), Date.UTC(2024, 10, 3, 6, 30));
  // a zone without a fast path goes through Intl
  const tokyo = localToUtc('Asia/Tokyo');
  assert.equal(tokyo(Date.UTC(2024, 0, 1, 9, 0)), Date.UTC(2024, 0, 1, 0, 0));
  assert.throws(() => assertZone('Mars/Olympus'), /unknown time zone 'Mars\/Olympus'/);
});

test('civil date conversions round-trip', () => {
  for (let d = D(1990, 1, 1); d < D(2040, 1, 1); d += 17) assert.equal(yyyymmddToDays(civilFromDays(d)), d);
  assert.equal(civilFromDays(D(2024, 2, 29)), 20240229);
});

test('CME trade date: 17:00 CT starts the next trade date; weekends and holidays roll forward', () => {
  const td = (y: number, m: number, d: number, hh: number, mm = 0) => civilFromDays(tradeDayOf(D(y, m, d), hh * 60 + mm));
  assert.equal(td(2024, 8, 4, 17), 20240805); // Sunday evening -> Monday
  assert.equal(td(2024, 8, 5, 16, 55), 20240805);
  assert.equal(td(2024, 8, 5, 17), 20240806);
  assert.equal(td(2024, 1, 14, 17), 20240116); // Sunday before MLK day -> Tuesday
  assert.equal(td(2024, 1, 15, 11, 55), 20240116); // MLK day morning trades for Tuesday
  assert.equal(td(2023, 12, 25, 17), 20231226); // Christmas evening reopen
  assert.equal(td(2023, 4, 7, 8, 10), 20230407); // Good Friday with payrolls: its own short trade date
  assert.equal(td(2024, 7, 3, 12, 10), 20240703); // early close day
});

test('exchange schedule: daily halt, weekend, holiday, early close', () => {
  assert.equal(scheduleAt(D(2024, 8, 6), 16 * 60 + 30), Sched.DAILY_HALT);
  assert.equal(scheduleAt(D(2024, 8, 6), 10 * 60), Sched.OPEN);
  assert.equal(scheduleAt(D(2024, 8, 9), 16 * 60 + 30), Sched.WEEKEND); // Friday after the close
  assert.equal(scheduleAt(D(2024, 8, 10), 12 * 60), Sched.WEEKEND);
  assert.equal(scheduleAt(D(2024, 8, 11), 17 * 60), Sched.OPEN); // Sunday reopen
  assert.equal(scheduleAt(D(2024, 1, 15), 13 * 60), Sched.HOLIDAY); // MLK halt after 12:00
  assert.equal(scheduleAt(D(2024, 1, 15), 11 * 60), Sched.OPEN);
  assert.equal(scheduleAt(D(2024, 3, 29), 10 * 60), Sched.HOLIDAY); // Good Friday closed
  assert.equal(scheduleAt(D(2024, 3, 28), 18 * 60), Sched.HOLIDAY); // no evening before a closed day
  assert.equal(scheduleAt(D(2024, 7, 3), 12 * 60 + 30), Sched.EARLY_CLOSE);
  assert.equal(scheduleAt(D(2024, 7, 3), 12 * 60 + 10), Sched.OPEN);
  assert.equal(scheduleAt(D(2020, 6, 1), 15 * 60 + 20), Sched.DAILY_HALT); // old 15:15-15:30 halt
  assert.equal(scheduleAt(D(2021, 7, 1), 15 * 60 + 20), Sched.OPEN);
});

test('contracts: third-Friday expiry, front quarterly, codes', () => {
  assert.equal(civilFromDays(thirdFriday(2024, 9)), 20240920);
  assert.equal(civilFromDays(contractExpiryDay('ESU24')), 20240920);
  assert.equal(civilFromDays(contractExpiryDay('ESH23')), 20230317);
  assert.deepEqual(parseContract('ESZ4', 2024), { root: 'ES', month: 12, year: 2024 });
  assert.equal(parseContract('hello'), null);
  assert.equal(frontQuarterly('ES', D(2026, 2, 10), 600), 'ESH26');
  assert.equal(frontQuarterly('ES', D(2024, 9, 20), 8 * 60 + 25), 'ESU24');
  assert.equal(frontQuarterly('ES', D(2024, 9, 20), 8 * 60 + 30), 'ESZ24');
  assert.equal(frontQuarterly('ES', D(2024, 12, 31), 600), 'ESH25');
});
