// NinjaTrader 8 bar export: `yyyyMMdd HHmmss;open;high;low;close;volume`, no header, local time, bar END stamps.
import { text, parseNum } from './bytes.ts';
import type { Rows } from './rows.ts';
import { countLines, lineAt, onlyBlankFrom, type Ctx } from './common.ts';
import { rowOk } from './row-checks.ts';

export const NT_RE = /^\d{8} \d{6};/;

/** NinjaTrader 8 export: `yyyyMMdd HHmmss;open;high;low;close;volume`, no header, local time, bar END stamps. */
export function parseNinja(file: string, fi: number, buf: Buffer, rows: Rows, ctx: Ctx, toUtc: (l: number) => number, fileCid: number): void {
  const names = ['time', 'open', 'high', 'low', 'close', 'volume'];
  const len = buf.length;
  const fs = new Int32Array(7);
  const fe = new Int32Array(7);
  let pos = 0;
  let line = 0;
  rows.ensure(countLines(buf, 0));
  while (pos < len) {
    line++;
    const ls = pos;
    const { end, next, hasNl } = lineAt(buf, pos, len);
    pos = next;
    if (end === ls) {
      if (onlyBlankFrom(buf, pos, len)) break;
      ctx.fail(file, line, 'row', 'empty line');
      continue;
    }
    let k = 0;
    let s = ls;
    for (let i = ls; i <= end; i++) {
      if (i === end || buf[i] === 59) {
        if (k < 7) {
          fs[k] = s;
          fe[k] = i;
        }
        k++;
        s = i + 1;
      }
    }
    if (k !== 6) {
      ctx.fail(file, line, 'row', hasNl ? `expected 6 fields (yyyyMMdd HHmmss;open;high;low;close;volume), got ${k}` : `truncated last line: expected 6 fields, got ${k} (no newline at end of file)`);
      continue;
    }
    const a = fs[0]!;
    let ok = fe[0]! - a === 15 && buf[a + 8] === 32;
    let local = NaN;
    if (ok) {
      let y = 0, mo = 0, d = 0, hh = 0, mi = 0, ss = 0;
      for (let q = 0; q < 15 && ok; q++) {
        if (q === 8) continue;
        const dgt = buf[a + q]! - 48;
        if (dgt < 0 || dgt > 9) ok = false;
        else if (q < 4) y = y * 10 + dgt;
        else if (q < 6) mo = mo * 10 + dgt;
        else if (q < 8) d = d * 10 + dgt;
        else if (q < 11) hh = hh * 10 + dgt;
        else if (q < 13) mi = mi * 10 + dgt;
        else ss = ss * 10 + dgt;
      }
      if (ok && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && hh <= 23 && mi <= 59 && ss <= 59) {
        local = Date.UTC(y, mo - 1, d, hh, mi, ss);
        if (new Date(local).getUTCDate() !== d) local = NaN;
      }
    }
    if (Number.isNaN(local)) {
      ctx.fail(file, line, 'time', `not a NinjaTrader time (yyyyMMdd HHmmss): '${text(buf, fs[0]!, fe[0]!)}'`);
      continue;
    }
    const t = toUtc(local);
    if (Number.isNaN(t)) {
      ctx.fail(file, line, 'time', `local time does not exist in the file's zone (DST gap)`);
      continue;
    }
    const vals = [0, 0, 0, 0, 0];
    let bad = false;
    for (let q = 1; q <= 5; q++) {
      const v = parseNum(buf, fs[q]!, fe[q]!);
      if (Number.isNaN(v)) {
        ctx.fail(file, line, names[q]!, fs[q] === fe[q] ? 'missing value' : `not a number: '${text(buf, fs[q]!, fe[q]!)}'`);
        bad = true;
        break;
      }
      vals[q - 1] = v;
    }
    if (bad) continue;
    const [o, h, l, c, v] = vals as [number, number, number, number, number];
    if (!rowOk(ctx, file, line, names, 2, 3, 5, -1, -1, -1, o, h, l, c, v, NaN, NaN, NaN)) continue;
    rows.ensure(1);
    // NinjaTrader's plain export has no bid/ask split and no trade count
    rows.push(t, o, h, l, c, v, NaN, NaN, NaN, fileCid, fi, line);
  }
}
