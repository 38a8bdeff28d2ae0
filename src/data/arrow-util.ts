// Small helpers to build and read single-batch Arrow tables from typed arrays without copying.
import { makeData, RecordBatch, Schema, Struct, Table, Field, Dictionary, Utf8, vectorFromArray, tableFromIPC, type DataType, type Data } from 'apache-arrow';
import { MiaError } from '../util/errors.ts';

export type Col = { name: string; type: DataType; data: ArrayLike<number> & { length: number }; dictionary?: string[]; meta?: Record<string, string> };

export function buildTable(cols: Col[], n: number, metadata: Record<string, string>): Table {
  const fields: Field[] = [];
  const datas: Data[] = [];
  for (const c of cols) {
    fields.push(new Field(c.name, c.type, false, c.meta ? new Map(Object.entries(c.meta)) : null));
    if (c.type instanceof Dictionary) {
      const dict = vectorFromArray(c.dictionary ?? [], new Utf8());
      datas.push(makeData({ type: c.type, length: n, nullCount: 0, data: c.data as never, dictionary: dict }));
    } else {
      datas.push(makeData({ type: c.type as never, length: n, nullCount: 0, data: c.data as never }));
    }
  }
  // keys sorted: the same metadata always serialises to the same bytes
  const meta = new Map(Object.keys(metadata).sort().map((k) => [k, metadata[k]!]));
  const schema = new Schema(fields, meta);
  const struct = makeData({ type: new Struct(fields), length: n, nullCount: 0, children: datas });
  return new Table([new RecordBatch(schema, struct)]);
}

/** A column's values as one typed array: zero-copy for a single-chunk column. */
export function column<T extends Float64Array | Int32Array | Uint8Array | Int8Array>(
  table: Table,
  name: string,
  path: string,
  ctor: { new (n: number): T; name: string },
): T {
  const v = table.getChild(name);
  if (!v) throw new MiaError(`${path}: Arrow column '${name}' missing (not a mia table of this kind?)`);
  const n = table.numRows;
  if (v.data.length === 1) {
    const d = v.data[0]!;
    const vals = d.values as unknown;
    if (!(vals instanceof (ctor as unknown as typeof Float64Array))) throw new MiaError(`${path}: Arrow column '${name}' has type ${String(v.type)}, expected ${ctor.name}`);
    return (vals as T).subarray(d.offset, d.offset + n) as T;
  }
  const out = new ctor(n);
  let k = 0;
  for (const d of v.data) {
    const vals = d.values as unknown as T;
    out.set(vals.subarray(d.offset, d.offset + d.length) as never, k);
    k += d.length;
  }
  return out;
}

/** Dictionary column: the indices (Int32) and the dictionary strings. */
export function dictColumn(table: Table, name: string, path: string): { ids: Int32Array; values: string[] } {
  const v = table.getChild(name);
  if (!v) throw new MiaError(`${path}: Arrow column '${name}' missing`);
  if (v.data.length !== 1) throw new MiaError(`${path}: Arrow column '${name}' must be a single batch`);
  const d = v.data[0]!;
  if (!d.dictionary) throw new MiaError(`${path}: Arrow column '${name}' is not dictionary-encoded`);
  const values = (d.dictionary.toArray() as string[]).map(String);
  const raw = d.values as unknown;
  let ids: Int32Array;
  if (raw instanceof Int32Array) ids = raw.subarray(d.offset, d.offset + d.length);
  else ids = Int32Array.from(raw as ArrayLike<number>).subarray(d.offset, d.offset + d.length);
  return { ids, values };
}

/** Reads an Arrow IPC buffer and checks it is the mia table it should be (schema metadata `mia.schema`). */
export function readMiaTable(buf: Uint8Array, path: string, schema: string, what: string): Table {
  let table: Table;
  try {
    table = tableFromIPC(buf);
  } catch (err) {
    throw new MiaError(`${path}: not an Arrow IPC file (${(err as Error).message})`);
  }
  const found = table.schema.metadata.get('mia.schema');
  if (found !== schema) throw new MiaError(`${path}: not a mia ${what} table (schema metadata mia.schema=${found ?? 'absent'}, expected ${schema})`);
  return table;
}
