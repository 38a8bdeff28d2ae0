// Arrow IPC value buffers → plain numbers and strings, each length checked against its buffer first (see
// arrow-ipc.ts): integers of every width, floats, offset strings (Utf8, LargeUtf8) and string views (Utf8View).

export function intValues(b: Uint8Array, n: number, bits: number, signed: boolean, isNull: (i: number) => boolean, name: string, bad: (w: string) => never): Float64Array {
  if (![8, 16, 32, 64].includes(bits)) bad(`column '${name}': ${bits}-bit integers`);
  const w = bits / 8;
  if (b.length < n * w) bad(`column '${name}' data too short for its rows`);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) {
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

export function floatValues(b: Uint8Array, n: number, w: number, isNull: (i: number) => boolean, name: string, bad: (w: string) => never): Float64Array {
  if (b.length < n * w) bad(`column '${name}' data too short for its rows`);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = isNull(i) ? NaN : w === 8 ? dv.getFloat64(i * 8, true) : dv.getFloat32(i * 4, true);
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
