// Parquet → plain columns, synchronously, with hyparquet's page decoder (pure JS; ../shared/DEPENDENCIES.md §7).
// hyparquet's public readers are async; mia's loaders are synchronous, so this walks the row groups itself with
// the same decoder, after checking every column chunk's byte range and the row counts against the file size.
import type { FileMetaData } from 'hyparquet';
import type { readPage } from 'hyparquet/src/column.js';
import { lazyModule } from '../util/lazy-module.ts';
import { MiaError } from '../util/errors.ts';
import { checkDataPage } from './parquet-pages.ts';
import type { IpcColumn, IpcTable } from './arrow-ipc.ts';

// loaded when a Parquet file is read, not by every command that may read one
const hyparquet = lazyModule<typeof import('hyparquet')>('hyparquet');
const column = lazyModule<typeof import('hyparquet/src/column.js')>('hyparquet/src/column.js');
const schema = lazyModule<typeof import('hyparquet/src/schema.js')>('hyparquet/src/schema.js');
const converter = lazyModule<typeof import('hyparquet/src/convert.js')>('hyparquet/src/convert.js');

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
  // hyparquet's decoders throw plain errors (or TypeErrors on a corrupted footer): all are a file mia cannot read
  try {
    return readParquetChecked(buf, bad);
  } catch (err) {
    if (err instanceof MiaError) throw err;
    return bad((err as Error).message);
  }
}

function readParquetChecked(buf: Uint8Array, bad: (what: string) => never): IpcTable {
  // a private copy for hyparquet, which takes only an ArrayBuffer (the importer reads into shared memory)
  const ab = buf.buffer instanceof ArrayBuffer ? buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) : new Uint8Array(buf).buffer;
  let meta: FileMetaData;
  try {
    meta = hyparquet().parquetMetadata(ab);
  } catch (err) {
    return bad((err as Error).message);
  }
  const numRows = Number(meta.num_rows);
  if (!(numRows >= 0 && numRows <= buf.length * ROWS_PER_BYTE && numRows < 2 ** 31)) bad(`row count ${meta.num_rows}`);
  const tree = hyparquet().parquetSchema(meta);
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
      const schemaPath = schema().getTreePath(tree, cm.path_in_schema);
      const decoder = { pathInSchema: cm.path_in_schema, type: cm.type, element: schemaPath[schemaPath.length - 1]!.element, schemaPath, codec: cm.codec, parsers: converter().DEFAULT_PARSERS, utf8: true };
      try {
        const got = readChunk(new DataView(ab, start, end - start), decoder, groupRows, bad);
        for (const d of got) parts[k]!.push(d);
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

// a page inflates to at most this much per compressed byte (snappy's worst case is far below), plus a small floor
const MAX_INFLATE = 64;

/**
 * One flat column chunk, page by page with hyparquet's page decoder — each page header checked first (its size
 * inside the chunk, a sane inflated size, a value count within the rows still missing), so a corrupted count can
 * neither loop nor allocate without bound. hyparquet's own chunk loop trusted them and hung on a 4-byte change.
 */
function readChunk(view: DataView, decoder: Parameters<typeof readPage>[2], rows: number, bad: (w: string) => never): unknown[][] {
  const reader = { view, offset: 0 };
  const out: unknown[][] = [];
  let dictionary: Parameters<typeof readPage>[3];
  let got = 0;
  while (got < rows) {
    if (reader.offset >= view.byteLength - 1) bad(`column chunk ends after ${got} of ${rows} values`);
    const header = column().parquetHeader(reader);
    const size = Number(header.compressed_page_size);
    const inflated = Number(header.uncompressed_page_size);
    if (!(Number.isInteger(size) && size >= 0 && reader.offset + size <= view.byteLength)) bad(`page of ${header.compressed_page_size} bytes beyond its column chunk`);
    if (!(Number.isInteger(inflated) && inflated >= 0 && inflated <= size * MAX_INFLATE + 65536)) bad(`page inflating to ${header.uncompressed_page_size} bytes`);
    const count = Number(header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values ?? header.dictionary_page_header?.num_values ?? NaN);
    if (header.type === 'DICTIONARY_PAGE') {
      if (!(count >= 0 && count <= inflated)) bad(`dictionary of ${count} values in ${inflated} bytes`);
      const raw = column().readPage(reader, header, decoder, undefined, undefined, 0).data;
      // as hyparquet's own chunk reader does: dictionary values converted once (bytes → strings, …)
      dictionary = raw ? converter().convert(raw, decoder) : raw;
      continue;
    }
    if (!(Number.isInteger(count) && count >= 1 && count <= rows - got)) bad(`page of ${count} values where ${rows - got} remain`);
    checkDataPage(new Uint8Array(view.buffer, view.byteOffset + reader.offset, size), header, decoder, bad);
    const r = column().readPage(reader, header, decoder, dictionary, undefined, 0);
    const data = Array.from((r.data ?? []) as ArrayLike<unknown>);
    if (data.length !== count) bad(`page decoded ${data.length} values, its header says ${count}`);
    out.push(data);
    got += count;
  }
  return out;
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
