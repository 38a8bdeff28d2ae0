// Header CSV dialects: the shared real files (time_unix), Sierra Chart bar exports (Date, Time) and mia's generic
// header (ts). One hand-rolled pass over the bytes; the fast path splits plain lines, the general path words errors.
import { InputError } from '../../util/errors.ts';
import { DAY_MS, parseContract } from '../calendar.ts';
import { parseNum, parseIsoInstant, parseDate, parseTimeAt, text, numField, FIELD_END, splitLineFast } from './bytes.ts';
import type { Rows } from './rows.ts';
import { isoTime, lineAt, onlyBlankFrom, type Ctx } from './common.ts';
import { rowOk } from './row-checks.ts';
import { isExtraColumn } from '../extra-columns.ts';
import { fastLines, sameBytes, type FastCsv } from './header-fast.ts';

export type Role = 'ts' | 'unix' | 'date' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'trades' | 'bid' | 'ask' | 'contract' | 'symbol' | 'roll' | 'ignore';

/** Known header names (case-insensitive) and what they mean. */
export const HEADER_ALIASES: Record<string, Role> = {
  ts: 'ts', ts_ct: 'ts', ts_et: 'ts', ts_utc: 'ts', time_unix: 'unix',
  date: 'date', time: 'time',
  open: 'open', high: 'high', low: 'low', close: 'close', last: 'close',
  volume: 'volume', trades: 'trades', numberoftrades: 'trades', '# of trades': 'trades',
  bid_volume: 'bid', bidvolume: 'bid', ask_volume: 'ask', askvolume: 'ask',
  contract: 'contract', symbol: 'symbol', roll_week: 'roll', session_date: 'ignore',
};

export function splitHeader(line: string): { names: string[]; sep: number } {
  const sep = line.includes(',') ? 44 : line.includes(';') ? 59 : line.includes('\t') ? 9 : 44;
  return { names: line.split(String.fromCharCode(sep)).map((s) => s.trim()), sep };
}

export function parseHeaderFile(
  file: string,
  fi: number,
  buf: Buffer,
  header: string,
  firstNl: number,
  rows: Rows,
  ctx: Ctx,
  toUtc: (l: number) => number,
  fileCid: number,
  intern: (c: string) => number,
  symbols: Set<string>,
): string {
  const { names, sep } = splitHeader(header.replace(/^\uFEFF/, ''));
  const nf = names.length;
  const roles = new Map<Role, number>();
  for (let k = 0; k < nf; k++) {
    // extra engine inputs (--engine original) are read by src/data/extra-columns.ts, not here
    const role = HEADER_ALIASES[names[k]!.toLowerCase()] ?? (isExtraColumn(names[k]!) ? 'ignore' : undefined);
    if (role === undefined) {
      throw new InputError(file, 1, names[k] || `column ${k + 1}`, `unknown column (known: ${Object.keys(HEADER_ALIASES).join(', ')}; see docs/data.md)`);
    }
    if (roles.has(role) && role !== 'ignore') throw new InputError(file, 1, names[k]!, `column given twice`);
    roles.set(role, k);
  }
  const need = (r: Role, label: string) => {
    if (!roles.has(r)) throw new InputError(file, 1, label, `required column missing`);
    return roles.get(r)!;
  };
  const cTs = roles.get('ts') ?? -1;
  const cUnix = roles.get('unix') ?? -1;
  const cDate = roles.get('date') ?? -1;
  const cTime = roles.get('time') ?? -1;
  if (cTs < 0 && cUnix < 0 && (cDate < 0 || cTime < 0)) throw new InputError(file, 1, 'ts', 'required column missing (ts, time_unix, or Date + Time)');
  const format = cDate >= 0 ? 'sierra' : cUnix >= 0 ? 'shared' : 'generic';
  const cO = need('open', 'open');
  const cH = need('high', 'high');
  const cL = need('low', 'low');
  const cC = need('close', 'close');
  const cV = need('volume', 'volume');
  const cB = need('bid', 'bid_volume');
  const cA = need('ask', 'ask_volume');
  const cT = roles.get('trades') ?? -1;
  const cK = roles.get('contract') ?? -1;
  const cS = roles.get('symbol') ?? -1;
  const cR = roles.get('roll') ?? -1;
  const tsName = cTs >= 0 ? names[cTs]! : 'ts';

  const fs = new Int32Array(nf + 1);
  const fe = new Int32Array(nf + 1);
  const vals = new Float64Array(nf);
  const isNum = new Uint8Array(nf);
  for (const r of ['unix', 'open', 'high', 'low', 'close', 'volume', 'trades', 'bid', 'ask', 'roll'] as Role[]) {
    const k = roles.get(r);
    if (k !== undefined) isNum[k] = 1;
  }
  const out = new Int32Array(1);
  const len = buf.length;
  let pos = firstNl < 0 ? len : firstNl + 1;
  let line = 1;
  let lastK = -1;
  let lastKs = 0;
  let lastKe = 0;
  let lastS = -1;
  let lastSs = 0;
  let lastSe = 0;
  // no rows.ensure(): importFiles sized `rows` for every line of every file, so the columns can be hoisted
  // out of the object for the hot loop (and the file is not scanned for newlines a second time)
  const { ts: Rts, open: Ropen, high: Rhigh, low: Rlow, close: Rclose, volume: Rvol, bid: Rbid, ask: Rask, trades: Rtr, cid: Rcid, file: Rfile, line: Rline, rollDecl: Rroll } = rows;
  let ri = rows.n;


  const st: FastCsv = {
    buf, len, nf, sep, isNum, vals, fs, fe, out, toUtc, fi, fileCid, cTs, cUnix, cDate, cTime, cO, cH, cL, cC, cV, cB, cA, cT, cK, cS, cR,
    pos, line, ri, lastK, lastKs, lastKe, lastS, lastSs, lastSe,
  };
  while (pos < len) {
    // plain lines go through the fast path (header-fast.ts); the loop below takes one other line at a time
    Object.assign(st, { pos, line, ri, lastK, lastKs, lastKe, lastS, lastSs, lastSe });
    fastLines(st, rows);
    ({ pos, line, ri } = st);
    if (pos >= len) break;
    line++;
    const next = splitLineFast(buf, pos, len, nf, sep, isNum, vals, fs, fe);
    if (next >= 0) pos = next;
    else {
      // the general split: blank lines, spaces, signs, exponents, wrong field counts, no final newline, and
      // every split error message
      const lineStart = pos;
      const { end, next, hasNl } = lineAt(buf, pos, len);
      pos = next;
      if (end === lineStart) {
        if (onlyBlankFrom(buf, pos, len)) break;
        ctx.fail(file, line, 'row', 'empty line');
        continue;
      }
      // split and parse numbers in one scan per field
      let k = 0;
      let p = lineStart;
      for (;;) {
        let q: number;
        if (k < nf && isNum[k]) {
          vals[k] = numField(buf, p, end, sep);
          q = FIELD_END[0]!;
        } else {
          q = p;
          while (q < end && buf[q] !== sep) q++;
        }
        if (k <= nf) {
          let a = p;
          let b = q;
          while (a < b && buf[a] === 32) a++;
          while (b > a && buf[b - 1] === 32) b--;
          fs[k] = a;
          fe[k] = b;
        }
        k++;
        if (q >= end) break;
        p = q + 1;
      }
      if (k !== nf) {
        ctx.fail(file, line, 'row', hasNl ? `expected ${nf} fields, got ${k}` : `truncated last line: expected ${nf} fields, got ${k} (no newline at end of file)`);
        continue;
      }
    }
    // time
    let t: number;
    if (cUnix >= 0) {
      const u = vals[cUnix]!;
      if (!Number.isFinite(u)) {
        ctx.fail(file, line, 'time_unix', fs[cUnix] === fe[cUnix] ? 'missing value' : `not a number: '${text(buf, fs[cUnix]!, fe[cUnix]!)}'`);
        continue;
      }
      t = Math.round(u * 1000);
      if (cTs >= 0) {
        const iso = parseIsoInstant(buf, fs[cTs]!, fe[cTs]!, out);
        if (!Number.isFinite(iso)) {
          ctx.fail(file, line, tsName, `not an ISO-8601 time with UTC offset: '${text(buf, fs[cTs]!, fe[cTs]!)}'`);
          continue;
        }
        if (iso !== t) {
          ctx.fail(file, line, tsName, `'${text(buf, fs[cTs]!, fe[cTs]!)}' disagrees with time_unix ${u} (${isoTime(t)})`);
          continue;
        }
      }
    } else if (cTs >= 0) {
      t = parseIsoInstant(buf, fs[cTs]!, fe[cTs]!, out);
      if (t === -Infinity) {
        ctx.fail(file, line, tsName, `'${text(buf, fs[cTs]!, fe[cTs]!)}' has no UTC offset (write Z or ±hh:mm, or epoch seconds/ms)`);
        continue;
      }
      if (Number.isNaN(t)) {
        const e = parseNum(buf, fs[cTs]!, fe[cTs]!);
        if (!Number.isFinite(e)) {
          ctx.fail(file, line, tsName, fs[cTs] === fe[cTs] ? 'missing value' : `not an ISO-8601 time or epoch: '${text(buf, fs[cTs]!, fe[cTs]!)}'`);
          continue;
        }
        t = e < 1e11 ? Math.round(e * 1000) : Math.round(e); // epoch seconds or ms
      }
    } else {
      const day = parseDate(buf, fs[cDate]!, fe[cDate]!);
      if (Number.isNaN(day)) {
        ctx.fail(file, line, names[cDate]!, `not a date (YYYY/MM/DD or YYYY-MM-DD): '${text(buf, fs[cDate]!, fe[cDate]!)}'`);
        continue;
      }
      const tm = parseTimeAt(buf, fs[cTime]!, fe[cTime]!, out);
      if (Number.isNaN(tm) || out[0] !== fe[cTime]) {
        ctx.fail(file, line, names[cTime]!, `not a time (HH:MM[:SS[.fff]]): '${text(buf, fs[cTime]!, fe[cTime]!)}'`);
        continue;
      }
      t = toUtc(day * DAY_MS + tm);
      if (Number.isNaN(t)) {
        ctx.fail(file, line, names[cTime]!, `local time does not exist in the file's zone (DST gap)`);
        continue;
      }
    }
    const o = vals[cO]!;
    const h = vals[cH]!;
    const l = vals[cL]!;
    const c = vals[cC]!;
    const v = vals[cV]!;
    const bv = vals[cB]!;
    const av = vals[cA]!;
    const tr = cT >= 0 ? vals[cT]! : NaN;
    if (o !== o || h !== h || l !== l || c !== c || v !== v || bv !== bv || av !== av || (cT >= 0 && fs[cT] !== fe[cT] && tr !== tr)) {
      for (const k of [cO, cH, cL, cC, cV, cB, cA, cT]) {
        if (k < 0 || (k === cT && fs[k] === fe[k])) continue;
        if (Number.isNaN(parseNum(buf, fs[k]!, fe[k]!))) {
          ctx.fail(file, line, names[k]!, fs[k] === fe[k] ? 'missing value' : `not a number: '${text(buf, fs[k]!, fe[k]!)}'`);
          break;
        }
      }
      continue;
    }
    if (!rowOk(ctx, file, line, names, cH, cL, cV, cB, cA, cT, o, h, l, c, v, bv, av, tr)) continue;
    let cid = fileCid;
    if (cK >= 0) {
      const a = fs[cK]!;
      const b = fe[cK]!;
      if (!(lastK >= 0 && sameBytes(buf, lastKs, lastKe, a, b))) {
        const code = buf.toString('latin1', a, b);
        if (!parseContract(code)) {
          ctx.fail(file, line, names[cK]!, `not a futures contract code (e.g. ESU24): '${code}'`);
          continue;
        }
        lastK = intern(code);
        lastKs = a;
        lastKe = b;
      }
      cid = lastK;
    }
    if (cS >= 0) {
      const a = fs[cS]!;
      const b = fe[cS]!;
      if (!(lastS >= 0 && sameBytes(buf, lastSs, lastSe, a, b))) {
        symbols.add(buf.toString('latin1', a, b));
        lastS = 1;
        lastSs = a;
        lastSe = b;
      }
    }
    let rd = -1;
    if (cR >= 0) {
      const r = vals[cR]!;
      if (r !== 0 && r !== 1) {
        ctx.fail(file, line, names[cR]!, `expected 0 or 1, got '${text(buf, fs[cR]!, fe[cR]!)}'`);
        continue;
      }
      rd = r;
    }
    const i = ri++;
    Rts[i] = t;
    Ropen[i] = o;
    Rhigh[i] = h;
    Rlow[i] = l;
    Rclose[i] = c;
    Rvol[i] = v;
    Rbid[i] = bv;
    Rask[i] = av;
    Rtr[i] = tr;
    Rcid[i] = cid;
    Rfile[i] = fi;
    Rline[i] = line;
    Rroll[i] = rd;
  }
  rows.n = ri;
  return format;
}
