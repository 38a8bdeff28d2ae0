// Trade dates (yyyymmdd) on a linear day axis, with month ticks: pure UTC arithmetic, no time zone.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function ymdToDay(ymd: number): number {
  return Date.UTC(Math.floor(ymd / 10000), (Math.floor(ymd / 100) % 100) - 1, ymd % 100) / 86_400_000;
}

export function monthLabel(year: number, month1: number): string {
  return `${MONTHS[month1 - 1]} ${year}`;
}

/** First-of-month ticks between two trade dates, thinned to every k-th month so at most `max` remain. */
export function monthTicks(fromYmd: number, toYmd: number, max = 8): { day: number; label: string }[] {
  let y = Math.floor(fromYmd / 10000);
  let m = Math.floor(fromYmd / 100) % 100;
  if (fromYmd % 100 !== 1) m++;
  if (m > 12) { m = 1; y++; }
  const all: { day: number; label: string }[] = [];
  while (y * 10000 + m * 100 + 1 <= toYmd) {
    all.push({ day: ymdToDay(y * 10000 + m * 100 + 1), label: monthLabel(y, m) });
    m++;
    if (m > 12) { m = 1; y++; }
  }
  if (all.length === 0) {
    return [{ day: ymdToDay(fromYmd), label: ymdLabel(fromYmd) }, ...(toYmd !== fromYmd ? [{ day: ymdToDay(toYmd), label: ymdLabel(toYmd) }] : [])];
  }
  const every = Math.ceil(all.length / max);
  return all.filter((_, i) => i % every === 0);
}

/** "2024-08-05" */
export function ymdLabel(ymd: number): string {
  return `${Math.floor(ymd / 10000)}-${String(Math.floor(ymd / 100) % 100).padStart(2, '0')}-${String(ymd % 100).padStart(2, '0')}`;
}
