// `new Date(ms).toISOString()` written as bytes, for the replay's 333k-row outputs: one Date per calendar day
// (bars of a day share their `YYYY-MM-DDT`), the time of day by integer arithmetic. Same characters as
// toISOString for every millisecond instant of years 0000-9999 (a fraction goes through toISOString itself);
// other years have a longer stamp and are refused (bars are validated long before).

export const ISO_LEN = 24; // YYYY-MM-DDTHH:MM:SS.sssZ
const DAY_MS = 86_400_000;

export class IsoStamps {
  private day = NaN;
  private readonly date = new Uint8Array(11);

  /** Writes the 24 ASCII bytes of ms's ISO-8601 UTC stamp at out[o]. */
  write(ms: number, out: Uint8Array, o: number): void {
    const d = Math.floor(ms / DAY_MS);
    if (d !== this.day) {
      const s = new Date(d * DAY_MS).toISOString();
      if (s.length !== ISO_LEN) throw new RangeError(`ts ${ms}: outside the years 0000-9999`);
      for (let k = 0; k < 11; k++) this.date[k] = s.charCodeAt(k);
      this.day = d;
    }
    if (ms !== Math.trunc(ms)) return writeAscii(new Date(ms).toISOString(), out, o);
    // 11 bytes copied one by one: TypedArray.set costs more than the copy for so few
    const date = this.date;
    for (let k = 0; k < 11; k++) out[o + k] = date[k]!;
    // the time of day in int32 arithmetic (0 <= r < 86_400_000 < 2^31): integer % and / instead of double ones
    let r = (ms - d * DAY_MS) | 0;
    const milli = r % 1000;
    r = ((r - milli) / 1000) | 0;
    const sec = r % 60;
    r = ((r - sec) / 60) | 0;
    const min = r % 60;
    const hour = ((r - min) / 60) | 0;
    two(hour, out, o + 11);
    out[o + 13] = 58; // ':'
    two(min, out, o + 14);
    out[o + 16] = 58;
    two(sec, out, o + 17);
    out[o + 19] = 46; // '.'
    out[o + 20] = 48 + ((milli / 100) | 0);
    out[o + 21] = 48 + (((milli / 10) | 0) % 10);
    out[o + 22] = 48 + (milli % 10);
    out[o + 23] = 90; // 'Z'
  }
}

function two(v: number, out: Uint8Array, o: number): void {
  const t = (v / 10) | 0;
  out[o] = 48 + t;
  out[o + 1] = 48 + (v - 10 * t);
}

function writeAscii(s: string, out: Uint8Array, o: number): void {
  for (let k = 0; k < s.length; k++) out[o + k] = s.charCodeAt(k);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Four ASCII bytes as one little-endian int32 word. */
function word(s: string, at: number): number {
  return s.charCodeAt(at) | (s.charCodeAt(at + 1) << 8) | (s.charCodeAt(at + 2) << 16) | (s.charCodeAt(at + 3) << 24);
}

/**
 * The stamps of ts[0..n) as one buffer of n * ISO_LEN bytes: the same bytes as IsoStamps.write row by row. A stamp
 * is six aligned 4-byte words (YYYY -MM- DDTH H:MM :SS. sssZ); a bar on a whole minute takes them from the day's
 * and the minute's words (6 stores instead of 24 byte-by-byte digits), anything else goes through IsoStamps.
 */
export function isoStampColumn(ts: Float64Array, n: number): Uint8Array {
  const bytes = new Uint8Array(n * ISO_LEN);
  const stamps = new IsoStamps();
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < n; i++) stamps.write(ts[i]!, bytes, i * ISO_LEN);
    return bytes;
  }
  // per minute of the day: byte 11 (the hour's tens digit) and the words of bytes 12-23
  const hourTens = new Int32Array(1440);
  const w3 = new Int32Array(1440);
  const w4 = new Int32Array(1440);
  const w5 = new Int32Array(1440);
  for (let m = 0; m < 1440; m++) {
    const s = new Date(m * 60_000).toISOString(); // 1970-01-01THH:MM:00.000Z
    hourTens[m] = s.charCodeAt(11) << 24;
    w3[m] = word(s, 12);
    w4[m] = word(s, 16);
    w5[m] = word(s, 20);
  }
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, n * 6);
  writeWords(ts, n, words, bytes, stamps, hourTens, w3, w4, w5);
  return bytes;
}

function writeWords(
  ts: Float64Array, n: number, words: Int32Array, bytes: Uint8Array, stamps: IsoStamps, hourTens: Int32Array, w3: Int32Array, w4: Int32Array, w5: Int32Array,
): void {
  let day = NaN;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const ms = ts[i]!;
    const d = Math.floor(ms / DAY_MS);
    const r = ms - d * DAY_MS;
    const minute = r / 60_000;
    if (!(minute === Math.floor(minute))) {
      stamps.write(ms, bytes, i * ISO_LEN); // seconds, a fraction, or not a time: the general writer decides
      continue;
    }
    if (d !== day) {
      const s = new Date(d * DAY_MS).toISOString();
      if (s.length !== ISO_LEN) throw new RangeError(`ts ${ms}: outside the years 0000-9999`);
      day = d;
      d0 = word(s, 0);
      d1 = word(s, 4);
      d2 = word(s, 8) & 0xffffff; // DDT; the fourth byte is the hour's tens digit
    }
    const o = i * 6;
    words[o] = d0;
    words[o + 1] = d1;
    words[o + 2] = d2 | hourTens[minute]!;
    words[o + 3] = w3[minute]!;
    words[o + 4] = w4[minute]!;
    words[o + 5] = w5[minute]!;
  }
}
