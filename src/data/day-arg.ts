import { MiaError } from '../util/errors.ts';
import { daysFromCivil, civilFromDays } from './calendar.ts';

/**
 * `YYYY-MM` or `YYYY-MM-DD` -> yyyymmdd. A month means its first day for `from` and its last day for `to`.
 */
export function parseDayArg(s: string, which: 'from' | 'to'): number {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) throw new MiaError(`--${which} '${s}': expected YYYY-MM or YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new MiaError(`--${which} '${s}': month out of range`);
  if (m[3] === undefined) {
    if (which === 'from') return y * 10000 + mo * 100 + 1;
    return civilFromDays((mo === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, mo + 1, 1)) - 1);
  }
  const d = Number(m[3]);
  if (civilFromDays(daysFromCivil(y, mo, d)) !== y * 10000 + mo * 100 + d) throw new MiaError(`--${which} '${s}': no such date`);
  return y * 10000 + mo * 100 + d;
}
