// Numbers as a trader reads them: signed dollars with thousands separators, ticks, percentages.
// Every formatter is deterministic (fixed decimals, en-US grouping) so reports byte-compare.

function group(abs: number, decimals: number): string {
  return abs.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Round half away from zero at `decimals`, and never return -0. */
function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.sign(v) * Math.round(Math.abs(v) * f) / f;
  return r === 0 ? 0 : r;
}

/** "+$1,234.50", "-$980.00", "$0.00". */
export function usd(v: number, decimals = 2): string {
  if (!Number.isFinite(v)) return 'n/a';
  const r = round(v, decimals);
  const sign = r > 0 ? '+' : r < 0 ? '-' : '';
  return `${sign}$${group(Math.abs(r), decimals)}`;
}

/** Unsigned dollars for amounts that are never P&L: "$250,000". */
export function usdPlain(v: number, decimals = 0): string {
  if (!Number.isFinite(v)) return 'n/a';
  const r = round(v, decimals);
  return `${r < 0 ? '-' : ''}$${group(Math.abs(r), decimals)}`;
}

/** Integer cents to signed dollars. */
export function cents(c: number): string {
  return usd(c / 100, 2);
}

/** "12.5%" from a fraction 0.125. */
export function pct(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const r = round(fraction * 100, decimals);
  return `${r < 0 ? '-' : ''}${group(Math.abs(r), decimals)}%`;
}

/** Signed ticks: "+3.5 ticks". */
export function ticks(v: number, decimals = 1): string {
  if (!Number.isFinite(v)) return 'n/a';
  const r = round(v, decimals);
  return `${r > 0 ? '+' : r < 0 ? '-' : ''}${group(Math.abs(r), decimals)} ticks`;
}

/** Plain number with grouping: "12,345" or "0.38". */
export function n(v: number, decimals = 0): string {
  if (!Number.isFinite(v)) return 'n/a';
  const r = round(v, decimals);
  return `${r < 0 ? '-' : ''}${group(Math.abs(r), decimals)}`;
}

/** Score to 3 decimals, as the seed printed them. */
export function score(v: number): string {
  return Number.isFinite(v) ? round(v, 3).toFixed(3) : 'n/a';
}

/** A ratio that may be undefined (profit factor with no losses): "1.42", "∞", "n/a". */
export function ratio(v: number, decimals = 2): string {
  if (v === Infinity) return '∞';
  return Number.isFinite(v) ? round(v, decimals).toFixed(decimals) : 'n/a';
}

/** yyyymmdd -> "2024-08-30". */
export function ymd(d: number): string {
  return `${Math.floor(d / 10000)}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`;
}

/** "Friday 30 August 2024" for the report header (UTC arithmetic, no zone). */
export function longDate(d: number): string {
  const dt = new Date(Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100));
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${days[dt.getUTCDay()]} ${dt.getUTCDate()} ${months[dt.getUTCMonth()]} ${dt.getUTCFullYear()}`;
}

/** Thresholds as the seed wrote them: "0.38 / 0.32 / 0.28 / 0.18". */
export function thresholdSet(t: { premium: number; strong: number; good: number; weak: number }): string {
  return [t.premium, t.strong, t.good, t.weak].map(level).join(' / ');
}

/** A threshold: two decimals, a third only when it carries information (0.38, 0.375). */
export function level(v: number): string {
  return round(v, 3).toFixed(3).replace(/(\.\d\d)0$/, '$1');
}
