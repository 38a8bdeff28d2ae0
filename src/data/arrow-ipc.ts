// A bounded reader of Arrow IPC bytes (file or stream format, any writer: mia, polars, arquero, pyarrow).
// apache-arrow's reader trusts the flatbuffer lengths: one corrupted 4-byte count made it loop for minutes. Here
// every offset, vector length, message length, buffer range and row count is checked against the bytes before it
// is used, so the work is bounded by the file size whatever the content. Reads the column types a bar or context
// table can hold (ints, floats, timestamps, dates, bools, Utf8/LargeUtf8/Utf8View, dictionary-encoded strings);
// anything else is skipped unless asked for, then named.
import { MiaError } from '../util/errors.ts';
import { FB } from './flatbuf.ts';
import { intValues, floatValues, offsetStrings, viewStrings } from './arrow-ipc-values.ts';

/** One column as plain numbers (nulls → NaN) or strings (nulls → ''), whatever its Arrow type. */
export interface IpcColumn {
  name: string;
  /** readable Arrow type, e.g. 'Float64', 'Dictionary<Uint32, Utf8View>' */
  type: string;
  num?: Float64Array;
  str?: string[];
  /** dictionary-encoded strings: the index per row (NaN = null) and the dictionary; `str` is then left out */
  codes?: Float64Array;
  dict?: string[];
  /** Timestamp unit in ms (1e-3 for µs …), Date unit in ms; 1 for plain numbers */
  unitMs: number;
  /** kind: number, timestamp, date, string */
  kind: 'number' | 'timestamp' | 'date' | 'string' | 'other';
}

/** Row i of a string column (plain or dictionary-encoded); '' for a null. */
export function strAt(c: IpcColumn, i: number): string {
  if (c.codes) {
    const k = c.codes[i]!;
    return k === k ? c.dict![k]! : '';
  }
  return c.str?.[i] ?? '';
}

export interface IpcTable {
  numRows: number;
  metadata: Map<string, string>;
  columns: Map<string, IpcColumn>;
}

interface FieldDesc {
  name: string;
  typeId: number;
  /** the type's first parameter: Int bit width, Float precision, Timestamp/Date unit */
  p0: number;
  /** Int signedness */
  p1: boolean;
  type: string;
  dictId: number;
  indexBits: number;
  indexSigned: boolean;
  children: number;
}

const T = { Null: 1, Int: 2, Float: 3, Binary: 4, Utf8: 5, Bool: 6, Date: 8, Time: 9, Timestamp: 10, LargeUtf8: 20, Utf8View: 24 };
const TS_UNIT_MS = [1000, 1, 1e-3, 1e-6];
const MAX_ROWS = 2 ** 31 - 1;

/**
 * `share`: Float64 columns without nulls may be views over `buf` rather than copies, for a caller that only reads
 * them (the importer copies every value it keeps into its own rows).
 */
export function readArrowIPC(buf: Uint8Array, path: string, share = false): IpcTable {
  const bad = (what: string): never => {
    throw new MiaError(`${path}: not a readable Arrow IPC file (${what})`);
  };
  let pos = 0;
  let end = buf.length;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let fields: FieldDesc[] | null = null;
  let metadata = new Map<string, string>();
  if (buf.length >= 8 && magicAt(buf, 0)) {
    // file format: the schema is in the footer (apache-arrow's writer puts it only there); the messages before it
    // are a stream, walked in order
    if (buf.length < 18 || !magicAt(buf, buf.length - 6)) bad('file format without its closing magic');
    const footLen = dv.getInt32(buf.length - 10, true);
    end = buf.length - 10 - footLen;
    if (!(footLen > 0 && end >= 8)) bad(`footer length ${footLen}`);
    const fb = new FB(buf.subarray(end, buf.length - 10), bad);
    const schema = fb.table(fb.root(), 1);
    if (schema < 0) bad('footer without a schema');
    fields = readSchema(fb, schema);
    metadata = readKeyValues(fb, schema, 2);
    pos = 8;
  }
  const fromFooter = fields !== null;
  const dicts = new Map<number, string[]>();
  const cols: IpcColumn[][] = [];
  let numRows = 0;
  while (pos + 4 <= end) {
    let metaLen = dv.getInt32(pos, true);
    pos += 4;
    if (metaLen === -1) {
      if (pos + 4 > end) bad('truncated message length');
      metaLen = dv.getInt32(pos, true);
      pos += 4;
    }
    if (metaLen === 0) break; // end of stream
    if (metaLen < 0 || pos + metaLen > end) bad(`message length ${metaLen} beyond the end of the file`);
    const fb = new FB(buf.subarray(pos, pos + metaLen), bad);
    pos += metaLen;
    const msg = fb.root();
    const headerType = fb.u8(msg, 1, 0);
    const header = fb.table(msg, 2);
    const bodyLen = fb.i64(msg, 3, 0);
    if (!(bodyLen >= 0 && pos + bodyLen <= end)) bad(`message body of ${bodyLen} bytes beyond the end of the file`);
    const body = buf.subarray(pos, pos + bodyLen);
    pos += bodyLen;
    if (header < 0) bad('message without a header');
    if (headerType === 1) {
      if (fromFooter) continue;
      if (fields) bad('two schemas');
      fields = readSchema(fb, header);
      metadata = readKeyValues(fb, header, 2);
    } else if (headerType === 2 || headerType === 3) {
      if (!fields) bad('record batch before the schema');
      if (headerType === 2) {
        const id = fb.i64(header, 0, 0);
        const rb = fb.table(header, 1);
        if (rb < 0) bad('dictionary batch without data');
        
        const dictField = fields!.find((x) => x.dictId === id);
        if (!dictField) bad(`dictionary ${id} used by no column`);
        const got = readBatch(fb, rb, [{ ...dictField!, name: `${dictField!.name} dictionary`, dictId: -1 }], body, dicts, bad, false);
        const prev = fb.bool(header, 2) ? (dicts.get(id) ?? []) : [];
        dicts.set(id, prev.concat(got.cols[0]!.str ?? []));
      } else {
        const got = readBatch(fb, header, fields!, body, dicts, bad, share);
        if (numRows + got.rows > MAX_ROWS) bad('too many rows');
        numRows += got.rows;
        cols.push(got.cols);
      }
    } else bad(`unsupported message type ${headerType}`);
  }
  if (!fields) bad('no schema');
  const columns = new Map<string, IpcColumn>();
  fields!.forEach((f, k) => columns.set(f.name, concat(cols.map((c) => c[k]!), f)));
  return { numRows, metadata, columns };
}

function magicAt(buf: Uint8Array, p: number): boolean {
  return buf[p] === 65 && buf[p + 1] === 82 && buf[p + 2] === 82 && buf[p + 3] === 79 && buf[p + 4] === 87 && buf[p + 5] === 49;
}

function readSchema(fb: FB, schema: number): FieldDesc[] {
  const out: FieldDesc[] = [];
  const n = fb.vecLen(schema, 1);
  for (let k = 0; k < n; k++) {
    const f = fb.vecTable(schema, 1, k);
    const typeId = fb.u8(f, 2, 0);
    const typePos = fb.table(f, 3);
    const dict = fb.table(f, 4);
    let dictId = -1;
    let indexBits = 32;
    let indexSigned = true;
    if (dict >= 0) {
      dictId = fb.i64(dict, 0, 0);
      const it = fb.table(dict, 1);
      if (it >= 0) {
        indexBits = fb.i32(it, 0, 32);
        indexSigned = fb.bool(it, 1);
      }
    }
    let p0 = 0;
    let p1 = false;
    if (typePos >= 0) {
      if (typeId === T.Int) {
        p0 = fb.i32(typePos, 0, 0);
        p1 = fb.bool(typePos, 1);
      } else if (typeId === T.Float || typeId === T.Timestamp || typeId === T.Date) p0 = fb.i16(typePos, 0, 0);
    }
    const d: FieldDesc = { name: fb.str(f, 0), typeId, p0, p1, type: '', dictId, indexBits, indexSigned, children: fb.vecLen(f, 5) };
    d.type = typeName(d);
    out.push(d);
  }
  return out;
}

function readKeyValues(fb: FB, table: number, field: number): Map<string, string> {
  const m = new Map<string, string>();
  const n = fb.vecLen(table, field);
  for (let k = 0; k < n; k++) {
    const kv = fb.vecTable(table, field, k);
    m.set(fb.str(kv, 0), fb.str(kv, 1));
  }
  return m;
}

interface Batch {
  rows: number;
  cols: IpcColumn[];
}

/** One record batch: nodes and buffers walked in schema order; every range checked against the body. */
function readBatch(fb: FB, rb: number, fields: FieldDesc[], body: Uint8Array, dicts: Map<number, string[]>, bad: (w: string) => never, share: boolean): Batch {
  const rows = fb.i64(rb, 0, 0);
  if (!(rows >= 0 && rows <= MAX_ROWS)) bad(`row count ${rows}`);
  if (fb.table(rb, 3) >= 0) bad('compressed record batches are not supported (write uncompressed)');
  const nNodes = fb.vecLen(rb, 1);
  const nBufs = fb.vecLen(rb, 2);
  const nVariadic = fb.vecLen(rb, 4);
  let node = 0;
  let bufi = 0;
  let vari = 0;
  const buffer = (): Uint8Array => {
    if (bufi >= nBufs) bad('fewer buffers than columns need');
    const at = fb.vecStruct(rb, 2, bufi++, 16);
    const off = fb.rawI64(at);
    const len = fb.rawI64(at + 8);
    if (!(off >= 0 && len >= 0 && off + len <= body.length)) bad(`buffer range ${off}+${len} outside the ${body.length}-byte body`);
    return body.subarray(off, off + len);
  };
  const cols: IpcColumn[] = [];
  for (const f of fields) {
    if (f.children > 0) bad(`nested column '${f.name}' is not supported`);
    if (node >= nNodes) bad('fewer field nodes than columns');
    const at = fb.vecStruct(rb, 1, node++, 16);
    const len = fb.rawI64(at);
    const nulls = fb.rawI64(at + 8);
    if (!(len === rows && nulls >= 0 && nulls <= len)) bad(`column '${f.name}' has ${len} values for ${rows} rows`);
    const validity = buffer();
    if (nulls > 0 && validity.length * 8 < len) bad(`column '${f.name}' validity bitmap too short`);
    // null when the column has no nulls: the value readers then take their typed-array fast path
    const isNull = nulls > 0 ? (i: number): boolean => (validity[i >> 3]! & (1 << (i & 7))) === 0 : null;
    // a Utf8View column's data buffers: their count is in variadicBufferCounts, one entry per view column
    const variadic = f.typeId === T.Utf8View && vari < nVariadic ? fb.rawI64(fb.vecStruct(rb, 4, vari++, 8)) : 0;
    if (!(variadic >= 0 && variadic <= nBufs)) bad(`column '${f.name}': ${variadic} data buffers`);
    cols.push(readColumn(f, len, isNull, buffer, variadic, dicts, bad, share));
  }
  return { rows, cols };
}

function readColumn(
  f: FieldDesc, n: number, isNull: ((i: number) => boolean) | null, buffer: () => Uint8Array, variadic: number, dicts: Map<number, string[]>, bad: (w: string) => never,
  share: boolean,
): IpcColumn {
  const nul = isNull ?? ((): boolean => false);
  const type = f.type;
  if (f.dictId >= 0) {
    const ids = intValues(buffer(), n, f.indexBits, f.indexSigned, isNull, `${f.name}`, bad);
    const dict = dicts.get(f.dictId) ?? bad(`column '${f.name}': dictionary ${f.dictId} missing`);
    const i = badIndex(ids, n, dict.length);
    if (i >= 0) bad(`column '${f.name}' row ${i + 1}: dictionary index ${ids[i]} out of range`);
    return { name: f.name, type, codes: ids, dict, unitMs: 1, kind: 'string' };
  }
  switch (f.typeId) {
    case T.Int: {
      return { name: f.name, type, num: intValues(buffer(), n, f.p0, f.p1, isNull, f.name, bad), unitMs: 1, kind: 'number' };
    }
    case T.Float: {
      const prec = f.p0;
      if (prec !== 1 && prec !== 2) bad(`column '${f.name}': half floats are not supported`);
      return { name: f.name, type, num: floatValues(buffer(), n, prec === 2 ? 8 : 4, isNull, f.name, bad, share), unitMs: 1, kind: 'number' };
    }
    case T.Timestamp: {
      const unit = f.p0;
      return { name: f.name, type, num: intValues(buffer(), n, 64, true, isNull, f.name, bad), unitMs: TS_UNIT_MS[unit] ?? bad(`timestamp unit ${unit}`), kind: 'timestamp' };
    }
    case T.Date: {
      const unit = f.p0;
      return { name: f.name, type, num: intValues(buffer(), n, unit === 0 ? 32 : 64, true, isNull, f.name, bad), unitMs: unit === 0 ? 86_400_000 : 1, kind: 'date' };
    }
    case T.Bool: {
      const b = buffer();
      if (b.length * 8 < n) bad(`column '${f.name}' too short`);
      const num = new Float64Array(n);
      for (let i = 0; i < n; i++) num[i] = nul(i) ? NaN : (b[i >> 3]! >> (i & 7)) & 1;
      return { name: f.name, type, num, unitMs: 1, kind: 'number' };
    }
    case T.Utf8:
    case T.LargeUtf8:
      return { name: f.name, type, str: offsetStrings(buffer(), buffer(), n, f.typeId === T.LargeUtf8 ? 8 : 4, nul, f.name, bad), unitMs: 1, kind: 'string' };
    case T.Utf8View: {
      const v = buffer();
      const data: Uint8Array[] = [];
      for (let k = 0; k < variadic; k++) data.push(buffer());
      return { name: f.name, type, str: viewStrings(v, data, n, nul, f.name, bad), unitMs: 1, kind: 'string' };
    }
    case T.Null:
      return { name: f.name, type, num: new Float64Array(n).fill(NaN), unitMs: 1, kind: 'number' };
    default:
      // a column mia does not read: consume its buffers (fixed layouts only) and keep its name and type
      if (f.typeId === T.Binary) {
        buffer();
        buffer();
      } else bad(`column '${f.name}' has an unsupported type ${type}`);
      return { name: f.name, type, unitMs: 1, kind: 'other' };
  }
}

/** The first row whose dictionary index (NaN = null) is outside the dictionary, or -1; a small loop of its own. */
function badIndex(ids: Float64Array, n: number, size: number): number {
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id === id && !(id >= 0 && id < size)) return i;
  }
  return -1;
}

function typeName(f: FieldDesc): string {
  const names: Record<number, string> = { 1: 'Null', 2: 'Int', 3: 'Float', 4: 'Binary', 5: 'Utf8', 6: 'Bool', 8: 'Date', 9: 'Time', 10: 'Timestamp', 20: 'LargeUtf8', 24: 'Utf8View' };
  let base = names[f.typeId] ?? `type#${f.typeId}`;
  if (f.typeId === T.Int) base = `${f.p1 ? 'Int' : 'Uint'}${f.p0}`;
  if (f.typeId === T.Float) base = f.p0 === 2 ? 'Float64' : 'Float32';
  return f.dictId >= 0 ? `Dictionary<${f.indexSigned ? 'Int' : 'Uint'}${f.indexBits}, ${base}>` : base;
}

function concat(parts: IpcColumn[], f: FieldDesc): IpcColumn {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 0) return { name: f.name, type: '?', num: new Float64Array(0), str: [], unitMs: 1, kind: 'number' };
  const first = parts[0]!;
  const out: IpcColumn = { ...first };
  if (first.num) {
    const total = parts.reduce((a, p) => a + (p.num?.length ?? 0), 0);
    out.num = new Float64Array(total);
    let k = 0;
    for (const p of parts) {
      out.num.set(p.num ?? [], k);
      k += p.num?.length ?? 0;
    }
  }
  if (first.str) out.str = parts.flatMap((p) => p.str ?? []);
  if (first.codes) {
    // batches may carry different dictionaries (deltas): fall back to plain strings
    out.str = parts.flatMap((p) => Array.from(p.codes ?? [], (k) => (k === k ? p.dict![k]! : '')));
    delete out.codes;
    delete out.dict;
  }
  return out;
}
