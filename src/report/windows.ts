// Training and test windows over the sessions of the data: the first ~2/3 trains, the rest tests, unless
// --train/--test say otherwise. Windows are whole sessions, so a trade never straddles them.
import { MiaError } from '../util/errors.ts';

export interface SessionWindow {
  from: number;
  to: number;
  /** indices into the session date list, [start, end) */
  start: number;
  end: number;
  sessions: number;
}

export const DEFAULT_TRAIN_SHARE = 2 / 3;
/** below this many sessions on either side, an out-of-sample split says nothing */
export const MIN_WINDOW_SESSIONS = 10;

/** "2024-01" or "2024-01-15" to an inclusive yyyymmdd bound (start of the month or end of it). */
export function dateBound(s: string, end: boolean, flag: string): number {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s.trim());
  if (!m) throw new MiaError(`${flag}: "${s}" is not YYYY-MM or YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new MiaError(`${flag}: month ${m[2]} out of range in "${s}"`);
  if (m[3] !== undefined) return y * 10000 + mo * 100 + Number(m[3]);
  return y * 10000 + mo * 100 + (end ? 31 : 1);
}

/** "A:B" (each YYYY-MM or YYYY-MM-DD) to an inclusive date range. */
export function parseRange(spec: string, flag: string): { from: number; to: number } {
  const parts = spec.split(':');
  if (parts.length !== 2) throw new MiaError(`${flag}: "${spec}" is not FROM:TO (e.g. 2024-01:2024-05)`);
  const from = dateBound(parts[0]!, false, flag);
  const to = dateBound(parts[1]!, true, flag);
  if (to < from) throw new MiaError(`${flag}: "${spec}" ends before it starts`);
  return { from, to };
}

function windowOf(dates: ArrayLike<number>, from: number, to: number, flag: string): SessionWindow {
  let start = -1;
  let end = -1;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i]!;
    if (d >= from && d <= to) {
      if (start < 0) start = i;
      end = i + 1;
    }
  }
  if (start < 0) throw new MiaError(`${flag}: no session of the data falls in ${from}..${to}`);
  return { from: dates[start]!, to: dates[end - 1]!, start, end, sessions: end - start };
}

/** Train/test windows over ascending session dates. Default split: the first DEFAULT_TRAIN_SHARE of sessions trains. */
export function splitSessions(dates: ArrayLike<number>, train?: { from: number; to: number }, test?: { from: number; to: number }): { train: SessionWindow; test: SessionWindow | null } {
  if (dates.length === 0) throw new MiaError('no session in the data window');
  if (train || test) {
    if (!train || !test) throw new MiaError('--train and --test go together');
    const tr = windowOf(dates, train.from, train.to, '--train');
    const te = windowOf(dates, test.from, test.to, '--test');
    if (te.start < tr.end) throw new MiaError('--test must start after --train ends (out of sample means later data)');
    return { train: tr, test: te };
  }
  const cut = Math.round(dates.length * DEFAULT_TRAIN_SHARE);
  if (cut < MIN_WINDOW_SESSIONS || dates.length - cut < MIN_WINDOW_SESSIONS) {
    const all = { from: dates[0]!, to: dates[dates.length - 1]!, start: 0, end: dates.length, sessions: dates.length };
    return { train: all, test: null };
  }
  return {
    train: { from: dates[0]!, to: dates[cut - 1]!, start: 0, end: cut, sessions: cut },
    test: { from: dates[cut]!, to: dates[dates.length - 1]!, start: cut, end: dates.length, sessions: dates.length - cut },
  };
}
