import { Dictionary, RecordBatch, Schema, Table, Uint8, Utf8, makeData, makeVector, vectorFromArray } from 'apache-arrow';
import type { Bars } from '../data/types.ts';
import { FEATURE_NAMES, TIER_NAMES } from './types.ts';
import type { EngineOutput } from './types.ts';
import { IsoStamps, ISO_LEN, isoStampColumn } from './iso-stamps.ts';
import { columnsToParquet } from '../data/parquet-write.ts';
import { ipcPieces } from '../data/arrow-util.ts';

// The replay's file formats: one row per bar, `ts` (ISO-8601 UTC), the ten features under the spec's names,
// score, tier name and direction. Bars the engine did not process have empty feature/score cells (NaN/null).
//
// Speed: the 5-year replay writes 333k rows, and building them as JS strings (a Date and a toISOString per
// row, one growing string for the CSV, an Arrow string builder for `ts`) cost more than the replay itself,
// mostly in the garbage collector. Both writers now put ASCII bytes straight into one buffer; the files are
// byte-identical to the string versions (test/engine-replay.test.ts compares them).

export const REPLAY_COLUMNS = ['ts', ...FEATURE_NAMES, 'score', 'tier', 'direction'] as const;

/** Shortest round-trip decimal; empty for NaN (a bar the engine did not process). */
function num(x: number): string {
  // the three values most cells hold (spec defaults and caps) skip the number-to-string conversion
  return x === 0 ? '0' : x === 0.5 ? '0.5' : x === 1 ? '1' : x === x ? String(x) : '';
}

/** The CSV as bytes (ASCII). */
export function replayToCsv(bars: Bars, out: EngineOutput): Uint8Array {
  const cols = FEATURE_NAMES.map((f) => out.features[f]);
  const { score, tier, direction } = out;
  const stamps = new IsoStamps();
  let buf = Buffer.allocUnsafe(1 << 20);
  let o = buf.write(REPLAY_COLUMNS.join(',') + '\n', 0, 'latin1');
  const tierCell = TIER_NAMES.map((t) => `,${t},`);
  for (let i = 0; i < out.n; i++) {
    let line = '';
    for (const c of cols) line += ',' + num(c[i]!);
    line += ',' + num(score[i]!) + tierCell[tier[i]!]! + direction[i]! + '\n';
    // a row is < 400 bytes: grow (double) before it could not fit
    if (o + ISO_LEN + line.length > buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, o);
      buf = bigger;
    }
    stamps.write(bars.ts[i]!, buf, o);
    o += ISO_LEN;
    o += buf.write(line, o, 'latin1');
  }
  return buf.subarray(0, o);
}

/** Parquet file: the Arrow file's columns (tier as text), `metadata` in the key-value metadata. */
export function replayToParquet(bars: Bars, out: EngineOutput, metadata: Record<string, string>): Uint8Array {
  const n = out.n;
  return columnsToParquet(
    [
      { name: 'ts', data: isoStrings(bars.ts, n), type: 'STRING' },
      ...FEATURE_NAMES.map((f) => ({ name: f, data: out.features[f], type: 'DOUBLE' as const })),
      { name: 'score', data: out.score, type: 'DOUBLE' },
      { name: 'tier', data: Array.from(out.tier, (t) => TIER_NAMES[t]!), type: 'STRING' },
      { name: 'direction', data: out.direction, type: 'INT32' },
    ],
    metadata,
  );
}

/** Arrow IPC file; `metadata` (e.g. the manifest as JSON) goes into the schema metadata. */
export function replayToArrow(bars: Bars, out: EngineOutput, metadata: Record<string, string>): Uint8Array {
  return Buffer.concat(replayToArrowPieces(bars, out, metadata));
}

/** The same file as pieces (see ipcPieces in data/arrow-util.ts), for the file writers: no joined copy. */
export function replayToArrowPieces(bars: Bars, out: EngineOutput, metadata: Record<string, string>): Uint8Array[] {
  const n = out.n;
  const columns: Record<string, ReturnType<typeof makeVector>> = { ts: isoColumn(bars.ts, n) };
  for (const f of FEATURE_NAMES) columns[f] = makeVector(out.features[f]);
  columns.score = makeVector(out.score);
  const tierType = new Dictionary(new Utf8(), new Uint8());
  columns.tier = makeVector(makeData({ type: tierType, length: n, nullCount: 0, data: out.tier, dictionary: vectorFromArray([...TIER_NAMES], new Utf8()) }));
  columns.direction = makeVector(out.direction);
  const table = new Table(columns);
  const meta = new Map(Object.keys(metadata).sort().map((k) => [k, metadata[k]!]));
  const schema = new Schema(table.schema.fields, meta);
  const withMeta = new Table(schema, table.batches.map((b) => new RecordBatch(schema, b.data)));
  return ipcPieces(withMeta);
}

/** The `ts` column as an Arrow Utf8 vector built from its two buffers: fixed 24-byte stamps, offsets i * 24. */
function isoColumn(ts: Float64Array, n: number): ReturnType<typeof makeVector> {
  const bytes = isoStampColumn(ts, n);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (i + 1) * ISO_LEN;
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: offsets, data: bytes }));
}

/** The `ts` column as strings (for the Parquet writer), from the same byte stamps as the Arrow column. */
function isoStrings(ts: Float64Array, n: number): string[] {
  const bytes = new Uint8Array(ISO_LEN);
  const stamps = new IsoStamps();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    stamps.write(ts[i]!, bytes, 0);
    out[i] = String.fromCharCode(...bytes);
  }
  return out;
}
