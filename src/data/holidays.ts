// CME Globex equity-index (ES) holiday schedule 2019-2026, exchange (Chicago) calendar dates.
// Checked against the real 5-minute series for 2019-12 .. 2024-09 (every listed day and every normal day
// in that span matches); later dates are from the published CME/NYSE calendars.
//   closed: no trading at all that day; no evening session the day before.
//   halt:   Globex trades until 12:00 CT for the NEXT trade date, reopens 17:00 (not a trade date itself).
//   early:  a trade date whose trading stops early (12:15 CT, or 08:15 CT on Good Fridays with a payrolls release).

export type SpecialKind = 'closed' | 'halt' | 'early';
export interface SpecialDay {
  kind: SpecialKind;
  /** minute of the CT day at which trading stops (0 for closed) */
  closeMin: number;
  name: string;
}

const CLOSED: [string, string][] = [
  ['2019-01-01', "New Year's Day"], ['2019-04-19', 'Good Friday'], ['2019-12-25', 'Christmas'],
  ['2020-01-01', "New Year's Day"], ['2020-04-10', 'Good Friday'], ['2020-12-25', 'Christmas'],
  ['2021-01-01', "New Year's Day"], ['2021-12-24', 'Christmas (observed)'],
  ['2022-04-15', 'Good Friday'], ['2022-12-26', 'Christmas (observed)'],
  ['2023-01-02', "New Year's Day (observed)"], ['2023-12-25', 'Christmas'],
  ['2024-01-01', "New Year's Day"], ['2024-03-29', 'Good Friday'], ['2024-12-25', 'Christmas'],
  ['2025-01-01', "New Year's Day"], ['2025-04-18', 'Good Friday'], ['2025-12-25', 'Christmas'],
  ['2026-01-01', "New Year's Day"], ['2026-04-03', 'Good Friday'], ['2026-12-25', 'Christmas'],
];

const HALT: [string, string][] = [
  ['2019-01-21', 'Martin Luther King Jr. Day'], ['2019-02-18', "Presidents' Day"], ['2019-05-27', 'Memorial Day'],
  ['2019-07-04', 'Independence Day'], ['2019-09-02', 'Labor Day'], ['2019-11-28', 'Thanksgiving'],
  ['2020-01-20', 'Martin Luther King Jr. Day'], ['2020-02-17', "Presidents' Day"], ['2020-05-25', 'Memorial Day'],
  ['2020-07-03', 'Independence Day (observed)'], ['2020-09-07', 'Labor Day'], ['2020-11-26', 'Thanksgiving'],
  ['2021-01-18', 'Martin Luther King Jr. Day'], ['2021-02-15', "Presidents' Day"], ['2021-05-31', 'Memorial Day'],
  ['2021-07-05', 'Independence Day (observed)'], ['2021-09-06', 'Labor Day'], ['2021-11-25', 'Thanksgiving'],
  ['2022-01-17', 'Martin Luther King Jr. Day'], ['2022-02-21', "Presidents' Day"], ['2022-05-30', 'Memorial Day'],
  ['2022-06-20', 'Juneteenth (observed)'], ['2022-07-04', 'Independence Day'], ['2022-09-05', 'Labor Day'],
  ['2022-11-24', 'Thanksgiving'],
  ['2023-01-16', 'Martin Luther King Jr. Day'], ['2023-02-20', "Presidents' Day"], ['2023-05-29', 'Memorial Day'],
  ['2023-06-19', 'Juneteenth'], ['2023-07-04', 'Independence Day'], ['2023-09-04', 'Labor Day'],
  ['2023-11-23', 'Thanksgiving'],
  ['2024-01-15', 'Martin Luther King Jr. Day'], ['2024-02-19', "Presidents' Day"], ['2024-05-27', 'Memorial Day'],
  ['2024-06-19', 'Juneteenth'], ['2024-07-04', 'Independence Day'], ['2024-09-02', 'Labor Day'],
  ['2024-11-28', 'Thanksgiving'],
  ['2025-01-20', 'Martin Luther King Jr. Day'], ['2025-02-17', "Presidents' Day"], ['2025-05-26', 'Memorial Day'],
  ['2025-06-19', 'Juneteenth'], ['2025-07-04', 'Independence Day'], ['2025-09-01', 'Labor Day'],
  ['2025-11-27', 'Thanksgiving'],
  ['2026-01-19', 'Martin Luther King Jr. Day'], ['2026-02-16', "Presidents' Day"], ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth'], ['2026-07-03', 'Independence Day (observed)'], ['2026-09-07', 'Labor Day'],
  ['2026-11-26', 'Thanksgiving'],
];

const EARLY: [string, number, string][] = [
  ['2019-07-03', 735, 'Independence Day eve'], ['2019-11-29', 735, 'day after Thanksgiving'], ['2019-12-24', 735, 'Christmas Eve'],
  ['2020-11-27', 735, 'day after Thanksgiving'], ['2020-12-24', 735, 'Christmas Eve'],
  ['2021-04-02', 495, 'Good Friday (payrolls release)'], ['2021-11-26', 735, 'day after Thanksgiving'],
  ['2022-11-25', 735, 'day after Thanksgiving'],
  ['2023-04-07', 495, 'Good Friday (payrolls release)'], ['2023-07-03', 735, 'Independence Day eve'],
  ['2023-11-24', 735, 'day after Thanksgiving'],
  ['2024-07-03', 735, 'Independence Day eve'], ['2024-11-29', 735, 'day after Thanksgiving'], ['2024-12-24', 735, 'Christmas Eve'],
  // national day of mourning (President Carter): equity futures stopped at the 08:30 CT cash open
  ['2025-01-09', 510, 'National Day of Mourning'],
  ['2025-07-03', 735, 'Independence Day eve'], ['2025-11-28', 735, 'day after Thanksgiving'], ['2025-12-24', 735, 'Christmas Eve'],
  ['2026-11-27', 735, 'day after Thanksgiving'], ['2026-12-24', 735, 'Christmas Eve'],
];

/** First and last calendar year the list covers: outside it the schedule is weekends + daily halt only. */
export const HOLIDAY_YEARS = [2019, 2026] as const;

function dayNumber(iso: string): number {
  return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
}

/** Special days keyed by day number (days since 1970-01-01 of the CT calendar date). */
export const SPECIAL_DAYS: ReadonlyMap<number, SpecialDay> = new Map<number, SpecialDay>([
  ...CLOSED.map(([d, name]): [number, SpecialDay] => [dayNumber(d), { kind: 'closed', closeMin: 0, name }]),
  ...HALT.map(([d, name]): [number, SpecialDay] => [dayNumber(d), { kind: 'halt', closeMin: 720, name }]),
  ...EARLY.map(([d, closeMin, name]): [number, SpecialDay] => [dayNumber(d), { kind: 'early', closeMin, name }]),
]);
