// Byte-level field parsers over a Buffer: the import hot loop never builds per-field strings.
import { daysFromCivil, DAY_MS, HOUR_MS, MIN_MS } from '../calendar.ts';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Decimal number in buf[s, e): digits with an optional sign and fraction. Integer mantissa / 10^k is correctly
 * rounded (both exact doubles), so it equals Number(text). Anything else (exponents, long mantissas) goes through
 * Number(); returns NaN for empty or non-numeric text.
 */
export function parseNum(buf: Uint8Array, s: number, e: number): number {
  if (s >= e) return NaN;
  let i = s;
  let neg = false;
  let c = buf[i]!;
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    i++;
    if (i >= e) return NaN;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    c = buf[i]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 /* . */ && frac < 0) frac = 0;
    else return slow(buf, s, e);
  }
  if (digits === 0 || digits > 15) return digits === 0 ? NaN : slow(buf, s, e);
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

/**
 * Exponents and long mantissas: `[+-]digits[.digits][e[+-]digits]` checked by one linear scan (a backtracking
 * pattern took 18 s on a 60,000-digit field), then Number(). Overlong fields are not numbers anyone wrote.
 */
function slow(buf: Uint8Array, s: number, e: number): number {
  while (s < e && buf[s] === 32) s++;
  while (e > s && buf[e - 1] === 32) e--;
  if (e - s > 400) return NaN;
  let i = s;
  if (i < e && (buf[i] === 43 || buf[i] === 45)) i++;
  let digits = 0;
  while (i < e && buf[i]! >= 48 && buf[i]! <= 57) (i++, digits++);
  if (i < e && buf[i] === 46) {
    i++;
    while (i < e && buf[i]! >= 48 && buf[i]! <= 57) (i++, digits++);
  }
  if (digits === 0) return NaN;
  if (i < e && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    if (i < e && (buf[i] === 43 || buf[i] === 45)) i++;
    let ed = 0;
    while (i < e && buf[i]! >= 48 && buf[i]! <= 57) (i++, ed++);
    if (ed === 0) return NaN;
  }
  if (i !== e) return NaN;
  return Number(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1'));
}

function dig(buf: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = buf[i + k]! - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Wall-clock date+time starting at buf[s]: `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]` (also `YYYY/M/D` via parseDateAt),
 * returned as ms "as if UTC", and the position after it in `out[0]`. NaN when malformed.
 */
export function parseIsoLocal(buf: Uint8Array, s: number, e: number, out: Int32Array): number {
  if (e - s < 16) return NaN;
  const y = dig(buf, s, 4);
  const mo = dig(buf, s + 5, 2);
  const d = dig(buf, s + 8, 2);
  if (buf[s + 4] !== 45 || buf[s + 7] !== 45 || (buf[s + 10] !== 84 && buf[s + 10] !== 32)) return NaN;
  const r = parseTimeAt(buf, s + 11, e, out);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31) || Number.isNaN(r)) return NaN;
  // consecutive bars share the date: validate and convert it once
  if (y !== cY || mo !== cM || d !== cD) {
    if (d > daysInMonth(y, mo)) return NaN;
    cY = y;
    cM = mo;
    cD = d;
    cDays = daysFromCivil(y, mo, d);
  }
  return cDays * DAY_MS + r;
}

let cY = -1;
let cM = -1;
let cD = -1;
let cDays = 0;

function daysInMonth(y: number, m: number): number {
  return m === 12 ? 31 : daysFromCivil(y, m + 1, 1) - daysFromCivil(y, m, 1);
}

/** `HH:MM[:SS[.f...]]` at buf[s] -> ms of day; position after it in out[0]. */
export function parseTimeAt(buf: Uint8Array, s: number, e: number, out: Int32Array): number {
  if (e - s < 5 || buf[s + 2] !== 58) return NaN;
  const h = dig(buf, s, 2);
  const mi = dig(buf, s + 3, 2);
  let sec = 0;
  let ms = 0;
  let i = s + 5;
  if (i < e && buf[i] === 58) {
    sec = dig(buf, i + 1, 2);
    i += 3;
    if (i < e && buf[i] === 46) {
      i++;
      let scale = 100;
      while (i < e && buf[i]! >= 48 && buf[i]! <= 57) {
        ms += (buf[i]! - 48) * scale;
        scale /= 10;
        i++;
      }
      ms = Math.round(ms * 1000) / 1000;
    }
  }
  out[0] = i;
  if (!(h <= 23 && mi <= 59 && sec <= 59)) return NaN;
  return h * HOUR_MS + mi * MIN_MS + sec * 1000 + ms;
}

/** `YYYY-MM-DD` or `YYYY/M/D` at buf[s, e) -> day number (NaN when malformed). */
export function parseDate(buf: Uint8Array, s: number, e: number): number {
  const y = dig(buf, s, 4);
  const sep = buf[s + 4];
  if (Number.isNaN(y) || (sep !== 45 && sep !== 47)) return NaN;
  let i = s + 5;
  let mo = 0;
  let k = 0;
  while (i < e && buf[i]! >= 48 && buf[i]! <= 57 && k < 2) {
    mo = mo * 10 + buf[i]! - 48;
    i++;
    k++;
  }
  if (k === 0 || buf[i] !== sep) return NaN;
  i++;
  let d = 0;
  k = 0;
  while (i < e && buf[i]! >= 48 && buf[i]! <= 57 && k < 2) {
    d = d * 10 + buf[i]! - 48;
    i++;
    k++;
  }
  if (k === 0 || i !== e || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  return daysFromCivil(y, mo, d);
}

/**
 * ISO-8601 instant with a zone designator: `...Z`, `...±HH:MM`, `...±HHMM` -> UTC ms.
 * Returns NaN when malformed, -Infinity when the time has no zone designator.
 */
export function parseIsoInstant(buf: Uint8Array, s: number, e: number, out: Int32Array): number {
  if (e - s === 25) {
    const v = isoOffsetFixed(buf, s);
    if (v === v) return v;
  }
  const local = parseIsoLocal(buf, s, e, out);
  if (Number.isNaN(local)) return NaN;
  const i = out[0]!;
  if (i === e) return -Infinity;
  const c = buf[i];
  if (c === 90 /* Z */ && i + 1 === e) return local;
  if (c !== 43 && c !== 45) return NaN;
  const oh = dig(buf, i + 1, 2);
  let om: number;
  if (e - i === 6 && buf[i + 3] === 58) om = dig(buf, i + 4, 2);
  else if (e - i === 5) om = dig(buf, i + 3, 2);
  else if (e - i === 3) om = 0;
  else return NaN;
  if (!(oh <= 18 && om <= 59)) return NaN;
  const off = (oh * 60 + om) * MIN_MS * (c === 45 ? -1 : 1);
  return local - off;
}

/** Two ASCII digits at buf[i] -> 0..99, NaN if either is not a digit. */
function d2(buf: Uint8Array, i: number): number {
  const a = buf[i]! - 48;
  const b = buf[i + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * The one shape of every line of the shared files, `YYYY-MM-DDTHH:MM:SS±HH:MM` (25 bytes at buf[s]), parsed
 * straight-line — the general parseIsoLocal path (loops, optional parts) cost ~70 ns a row. Same arithmetic and
 * range checks as parseIsoInstant, so a finite result is what it would return; NaN means "not this shape or
 * invalid", and the caller then takes the general path, which decides (and words any error).
 */
function isoOffsetFixed(buf: Uint8Array, s: number): number {
  const sign = buf[s + 19];
  if (buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 10] !== 84 || buf[s + 13] !== 58 || buf[s + 16] !== 58 || buf[s + 22] !== 58 || (sign !== 43 && sign !== 45)) return NaN;
  const y = d2(buf, s) * 100 + d2(buf, s + 2);
  const mo = d2(buf, s + 5);
  const d = d2(buf, s + 8);
  const h = d2(buf, s + 11);
  const mi = d2(buf, s + 14);
  const sec = d2(buf, s + 17);
  const oh = d2(buf, s + 20);
  const om = d2(buf, s + 23);
  if (!(y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59 && oh <= 18 && om <= 59)) return NaN;
  if (y !== cY || mo !== cM || d !== cD) {
    if (d > daysInMonth(y, mo)) return NaN;
    cY = y;
    cM = mo;
    cD = d;
    cDays = daysFromCivil(y, mo, d);
  }
  const off = (oh * 60 + om) * MIN_MS * (sign === 45 ? -1 : 1);
  return cDays * DAY_MS + (h * HOUR_MS + mi * MIN_MS + sec * 1000) - off;
}

/** Text of buf[s, e) for messages (clipped). */
export function text(buf: Uint8Array, s: number, e: number): string {
  const t = Buffer.from(buf.buffer, buf.byteOffset + s, Math.min(e - s, 60)).toString('utf8');
  return e - s > 60 ? `${t}...` : t;
}

/** End position of the last numField() call (the separator or the line end). */
export const FIELD_END = new Int32Array(1);

/**
 * Parse a numeric field starting at buf[p] and ending at `sep` or `end`, in one scan (the split and the parse
 * are the same loop). Leading/trailing spaces are allowed. FIELD_END[0] = position of the separator/line end.
 */
export function numField(buf: Uint8Array, p: number, end: number, sep: number): number {
  while (p < end && buf[p] === 32) p++;
  const s = p;
  let neg = false;
  if (p < end && (buf[p] === 45 || buf[p] === 43)) {
    neg = buf[p] === 45;
    p++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  while (p < end) {
    const c = buf[p]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else break;
    p++;
  }
  if (p < end && buf[p] !== sep) {
    while (p < end && buf[p] !== sep) p++;
    FIELD_END[0] = p;
    return parseNum(buf, s, p);
  }
  FIELD_END[0] = p;
  if (digits === 0 || digits > 15) return digits === 0 ? NaN : parseNum(buf, s, p);
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

/**
 * Fast path for the common line shape: `nf` fields split by `sep`, numeric fields plain unsigned decimals (1-15
 * digits, optional '.'), spaces allowed around fields (Sierra Chart writes `, `), the line ending in \n or \r\n.
 * Fills vals/fs/fe exactly as the general split in import.ts would (trimmed bounds; the digit arithmetic of
 * numField, and m / 10^k is correctly rounded so it equals Number(text)) and returns the next line's start.
 * Returns -1 for anything else — signs, exponents, empty fields, wrong field counts, a missing final
 * newline — and the caller re-splits that line on the general path, which owns every error message. Finding the
 * line end in the same scan also saves a Buffer.indexOf call per line.
 */
export function splitLineFast(
  buf: Uint8Array, pos: number, len: number, nf: number, sep: number,
  isNum: Uint8Array, vals: Float64Array, fs: Int32Array, fe: Int32Array,
): number {
  let p = pos;
  const last = nf - 1;
  for (let k = 0; k < nf; k++) {
    while (p < len && buf[p] === 32) p++;
    const s = p;
    let e: number;
    if (isNum[k]) {
      let m = 0;
      let digits = 0;
      let frac = -1;
      for (; p < len; p++) {
        const c = buf[p]!;
        if (c >= 48 && c <= 57) {
          m = m * 10 + (c - 48);
          digits++;
          if (frac >= 0) frac++;
        } else if (c === 46 && frac < 0) frac = 0;
        else break;
      }
      if (digits === 0 || digits > 15) return -1;
      vals[k] = frac > 0 ? m / POW10[frac]! : m;
      e = p;
      while (p < len && buf[p] === 32) p++;
    } else {
      while (p < len) {
        const c = buf[p]!;
        if (c === sep || c === 10 || c === 13) break;
        p++;
      }
      e = p;
      while (e > s && buf[e - 1] === 32) e--;
      if (e === s) return -1;
    }
    fs[k] = s;
    fe[k] = e;
    if (k < last) {
      if (p >= len || buf[p] !== sep) return -1;
      p++;
    } else {
      if (p < len && buf[p] === 10) return p + 1;
      if (p + 1 < len && buf[p] === 13 && buf[p + 1] === 10) return p + 2;
      return -1;
    }
  }
  return -1;
}
