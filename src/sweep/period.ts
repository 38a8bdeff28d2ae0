// `--train 2023-09:2024-05`, `--test 2024-06-03:2024-09`: inclusive trade-date ranges; a month means all of it.
import { MiaError } from '../util/errors.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export interface Period {
  /** inclusive yyyymmdd */
  from: number;
  to: number;
  text: string;
}

function bound(text: string, flag: string, end: boolean): number {
  const t = text.trim();
  let m = DAY.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) throw new MiaError(`${flag}: '${t}' is not a calendar date`);
    return y * 10000 + mo * 100 + d;
  }
  m = MONTH.exec(t);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) throw new MiaError(`${flag}: '${t}' has no month ${mo}`);
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return y * 10000 + mo * 100 + (end ? last : 1);
  }
  throw new MiaError(`${flag}: '${t}' must be YYYY-MM or YYYY-MM-DD`);
}

/** `A:B` → inclusive dates; `A` alone is the single month or day. */
export function parsePeriod(spec: string, flag: string): Period {
  const parts = spec.split(':');
  if (parts.length > 2 || spec.trim() === '') throw new MiaError(`${flag} ${spec}: expected FROM:TO, e.g. 2023-09:2024-05`);
  const from = bound(parts[0] as string, flag, false);
  const to = bound((parts[1] ?? parts[0]) as string, flag, true);
  if (to < from) throw new MiaError(`${flag} ${spec}: ends before it starts`);
  return { from, to, text: spec };
}

export function isoDate(yyyymmdd: number): string {
  const s = String(yyyymmdd);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
