// Arrow IPC value buffers → plain numbers and strings, each length checked against its buffer first (see
// arrow-ipc.ts): integers of every width, floats, offset strings (Utf8, LargeUtf8) and string views (Utf8View).
//
// Speed: a column without nulls whose buffer is aligned (every writer aligns to 8 bytes) is read through a typed
// array over the file's bytes: one native copy or conversion instead of a DataView call per value (the 5-year
// table's 15 columns took ~70 ms value by value, a few ms this way). Same numbers either way: a 64-bit integer is
// hi * 2^32 + lo, one correctly rounded addition, as Number(BigInt) rounds. `isNull` null = no nulls.

/** Typed arrays read the platform's byte order; Arrow's is little-endian (a big-endian host takes the slow path). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function aligned(b: Uint8Array, w: number): boolean {
  return LITTLE_ENDIAN && b.byteOffset % w === 0;
}

export function intValues(b: Uint8Array, n: number, bits: number, signed: boolean, isNull: ((i: number) => boolean) | null, name: string, bad: (w: string) => never): Float64Array {
  if (![8, 16, 32, 64].includes(bits)) bad(`column '${name}': ${bits}-bit integers`);
  const w = bits / 8;
  if (b.length < n * w) bad(`column '${name}' data too short for its rows`);
  if (isNull === null && aligned(b, Math.min(w, 4))) return w === 8 ? int64Values(b, n, signed) : new Float64Array(intView(b, n, w, signed));
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (isNull?.(i)) {
      out[i] = NaN;
      continue;
    }
    const p = i * w;
    out[i] =
      w === 1 ? (signed ? dv.getInt8(p) : dv.getUint8(p))
      : w === 2 ? (signed ? dv.getInt16(p, true) : dv.getUint16(p, true))
      : w === 4 ? (signed ? dv.getInt32(p, true) : dv.getUint32(p, true))
      : Number(signed ? dv.getBigInt64(p, true) : dv.getBigUint64(p, true));
  }
  return out;
}

/** A typed view of n integers of width w over b (aligned, little-endian host). */
function intView(b: Uint8Array, n: number, w: number, signed: boolean): Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array {
  const { buffer, byteOffset } = b;
  if (w === 1) return signed ? new Int8Array(buffer, byteOffset, n) : new Uint8Array(buffer, byteOffset, n);
  if (w === 2) return signed ? new Int16Array(buffer, byteOffset, n) : new Uint16Array(buffer, byteOffset, n);
  return signed ? new Int32Array(buffer, byteOffset, n) : new Uint32Array(buffer, byteOffset, n);
}

/** 64-bit integers as hi * 2^32 + lo (exact below 2^53, else rounded once, like Number(BigInt)). */
function int64Values(b: Uint8Array, n: number, signed: boolean): Float64Array {
  const lo = new Uint32Array(b.buffer, b.byteOffset, 2 * n);
  const hi = signed ? new Int32Array(b.buffer, b.byteOffset, 2 * n) : lo;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = hi[2 * i + 1]! * 4294967296 + lo[2 * i]!;
  return out;
}

/**
 * Floats; `share` (no nulls, aligned Float64 only) returns a view over the file's bytes instead of a copy, for a
 * reader that only reads the column and keeps the buffer alive.
 */
export function floatValues(b: Uint8Array, n: number, w: number, isNull: ((i: number) => boolean) | null, name: string, bad: (w: string) => never, share = false): Float64Array {
  if (b.length < n * w) bad(`column '${name}' data too short for its rows`);
  if (isNull === null && aligned(b, w)) {
    if (w === 4) return new Float64Array(new Float32Array(b.buffer, b.byteOffset, n));
    const view = new Float64Array(b.buffer, b.byteOffset, n);
    return share ? view : view.slice();
  }
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = isNull?.(i) ? NaN : w === 8 ? dv.getFloat64(i * 8, true) : dv.getFloat32(i * 4, true);
  return out;
}

const utf8 = new TextDecoder();

export function offsetStrings(offs: Uint8Array, data: Uint8Array, n: number, w: number, isNull: (i: number) => boolean, name: string, bad: (w: string) => never): string[] {
  if (offs.length < (n + 1) * w) bad(`column '${name}' offsets too short`);
  const dv = new DataView(offs.buffer, offs.byteOffset, offs.byteLength);
  const at = (i: number): number => (w === 4 ? dv.getInt32(i * 4, true) : Number(dv.getBigInt64(i * 8, true)));
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const a = at(i);
    const b = at(i + 1);
    if (!(a >= 0 && b >= a && b <= data.length)) bad(`column '${name}' row ${i + 1}: string offsets out of range`);
    out[i] = isNull(i) ? '' : utf8.decode(data.subarray(a, b));
  }
  return out;
}

export function viewStrings(views: Uint8Array, data: Uint8Array[], n: number, isNull: (i: number) => boolean, name: string, bad: (w: string) => never): string[] {
  if (views.length < n * 16) bad(`column '${name}' views too short`);
  const dv = new DataView(views.buffer, views.byteOffset, views.byteLength);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const p = i * 16;
    const len = dv.getInt32(p, true);
    if (isNull(i)) out[i] = '';
    else if (len >= 0 && len <= 12) out[i] = utf8.decode(views.subarray(p + 4, p + 4 + len));
    else {
      const d = data[dv.getInt32(p + 8, true)];
      const off = dv.getInt32(p + 12, true);
      if (!d || len < 0 || off < 0 || off + len > d.length) bad(`column '${name}' row ${i + 1}: string view out of range`);
      out[i] = utf8.decode(d!.subarray(off, off + len));
    }
  }
  return out;
}
