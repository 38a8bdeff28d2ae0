// Parquet → plain columns, synchronously, with hyparquet's page decoder (pure JS; ../shared/DEPENDENCIES.md §7).
// hyparquet's public readers are async; mia's loaders are synchronous, so this walks the row groups itself with
// the same decoder, after checking every column chunk's byte range and the row counts against the file size.
import { parquetMetadata, parquetSchema, type FileMetaData } from 'hyparquet';
import { readColumn } from 'hyparquet/src/column.js';
import { getTreePath } from 'hyparquet/src/schema.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { MiaError } from '../util/errors.ts';
import type { IpcColumn, IpcTable } from './arrow-ipc.ts';

/** Parquet starts and ends with the magic `PAR1`. */
export function isParquetBytes(buf: Uint8Array): boolean {
  return buf.length >= 8 && buf[0] === 80 && buf[1] === 65 && buf[2] === 82 && buf[3] === 49;
}

// a regular series can encode many rows in few bytes, but not without limit: this bounds what a tiny file can ask
const ROWS_PER_BYTE = 1000;

export function readParquet(buf: Uint8Array, path: string): IpcTable {
  const bad = (what: string): never => {
    throw new MiaError(`${path}: not a readable Parquet file (${what})`);
  };
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  let meta: FileMetaData;
  try {
    meta = parquetMetadata(ab);
  } catch (err) {
    return bad((err as Error).message);
  }
  const numRows = Number(meta.num_rows);
  if (!(numRows >= 0 && numRows <= buf.length * ROWS_PER_BYTE && numRows < 2 ** 31)) bad(`row count ${meta.num_rows}`);
  const tree = parquetSchema(meta);
  const names = tree.children.map((c) => c.element.name);
  for (const c of tree.children) if (c.children.length > 0) bad(`nested column '${c.element.name}' is not supported`);
  const parts = names.map(() => [] as unknown[][]);
  let groupStart = 0;
  for (const rg of meta.row_groups) {
    const groupRows = Number(rg.num_rows);
    if (!(groupRows >= 0 && groupStart + groupRows <= numRows)) bad(`row group of ${rg.num_rows} rows`);
    for (const chunk of rg.columns) {
      const cm = chunk.meta_data ?? bad('column chunk without metadata');
      const k = names.indexOf(cm.path_in_schema[0]!);
      if (k < 0) bad(`column chunk for unknown column '${cm.path_in_schema.join('.')}'`);
      const start = Number(cm.dictionary_page_offset ?? cm.data_page_offset);
      const end = start + Number(cm.total_compressed_size);
      if (!(start >= 4 && end >= start && end <= buf.length - 8)) bad(`column chunk range ${start}..${end} outside the file`);
      const schemaPath = getTreePath(tree, cm.path_in_schema);
      const decoder = { pathInSchema: cm.path_in_schema, type: cm.type, element: schemaPath[schemaPath.length - 1]!.element, schemaPath, codec: cm.codec, parsers: DEFAULT_PARSERS, utf8: true };
      try {
        const reader = { view: new DataView(ab, start, end - start), offset: 0 };
        const { data } = readColumn(reader, { groupStart, selectStart: 0, selectEnd: groupRows, groupRows }, decoder);
        let got = 0;
        for (const d of data) {
          got += d.length;
          parts[k]!.push(Array.from(d as ArrayLike<unknown>));
        }
        if (got !== groupRows) bad(`column '${names[k]}' has ${got} values for ${groupRows} rows`);
      } catch (err) {
        if (err instanceof MiaError) throw err;
        bad(`column '${names[k]}': ${(err as Error).message}`);
      }
    }
    groupStart += groupRows;
  }
  if (groupStart !== numRows) bad(`row groups hold ${groupStart} rows, the footer says ${numRows}`);
  const columns = new Map<string, IpcColumn>();
  names.forEach((name, k) => columns.set(name, toColumn(name, parts[k]!.flat(), numRows, tree.children[k]!.element.type ?? '?')));
  const metadata = new Map<string, string>((meta.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']));
  return { numRows, metadata, columns };
}

function toColumn(name: string, vals: unknown[], n: number, type: string): IpcColumn {
  if (vals.length !== n) return { name, type, unitMs: 1, kind: 'other' };
  const first = vals.find((v) => v !== null && v !== undefined);
  if (typeof first === 'string') return { name, type, str: vals.map((v) => (typeof v === 'string' ? v : '')), unitMs: 1, kind: 'string' };
  const num = new Float64Array(n);
  let ts = false;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (typeof v === 'number') num[i] = v;
    else if (typeof v === 'bigint') num[i] = Number(v);
    else if (typeof v === 'boolean') num[i] = v ? 1 : 0;
    else if (v instanceof Date) {
      num[i] = v.getTime();
      ts = true;
    } else num[i] = NaN;
  }
  return { name, type, num, unitMs: 1, kind: ts ? 'timestamp' : 'number' };
}
