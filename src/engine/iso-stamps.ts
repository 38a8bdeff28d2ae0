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
