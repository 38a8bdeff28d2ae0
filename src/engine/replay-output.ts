import { Dictionary, RecordBatch, Schema, Table, Uint8, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Bars } from '../data/types.ts';
import { FEATURE_NAMES, TIER_NAMES } from './types.ts';
import type { EngineOutput } from './types.ts';
import { columnsToParquet } from '../data/parquet-write.ts';

// The replay's file formats: one row per bar, `ts` (ISO-8601 UTC), the ten features under the spec's names,
// score, tier name and direction. Bars the engine did not process have empty feature/score cells (NaN/null).

export const REPLAY_COLUMNS = ['ts', ...FEATURE_NAMES, 'score', 'tier', 'direction'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Shortest round-trip decimal; empty for NaN (a bar the engine did not process). */
function num(x: number): string {
  return x === x ? String(x) : '';
}

export function replayToCsv(bars: Bars, out: EngineOutput): string {
  const cols = FEATURE_NAMES.map((f) => out.features[f]);
  const chunks: string[] = [REPLAY_COLUMNS.join(',') + '\n'];
  let buf = '';
  for (let i = 0; i < out.n; i++) {
    let line = iso(bars.ts[i]!);
    for (const c of cols) line += ',' + num(c[i]!);
    line += ',' + num(out.score[i]!) + ',' + TIER_NAMES[out.tier[i]!]! + ',' + out.direction[i]! + '\n';
    buf += line;
    if (buf.length > 1 << 20) {
      chunks.push(buf);
      buf = '';
    }
  }
  chunks.push(buf);
  return chunks.join('');
}

/** Parquet file: the Arrow file's columns (tier as text), `metadata` in the key-value metadata. */
export function replayToParquet(bars: Bars, out: EngineOutput, metadata: Record<string, string>): Uint8Array {
  const n = out.n;
  return columnsToParquet(
    [
      { name: 'ts', data: Array.from({ length: n }, (_, i) => iso(bars.ts[i]!)), type: 'STRING' },
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
  const n = out.n;
  const ts: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) ts[i] = iso(bars.ts[i]!);
  const columns: Record<string, ReturnType<typeof makeVector>> = { ts: vectorFromArray(ts, new Utf8()) };
  for (const f of FEATURE_NAMES) columns[f] = makeVector(out.features[f]);
  columns.score = makeVector(out.score);
  const tierType = new Dictionary(new Utf8(), new Uint8());
  columns.tier = makeVector(makeData({ type: tierType, length: n, nullCount: 0, data: out.tier, dictionary: vectorFromArray([...TIER_NAMES], new Utf8()) }));
  columns.direction = makeVector(out.direction);
  const table = new Table(columns);
  const meta = new Map(Object.keys(metadata).sort().map((k) => [k, metadata[k]!]));
  const schema = new Schema(table.schema.fields, meta);
  const withMeta = new Table(schema, table.batches.map((b) => new RecordBatch(schema, b.data)));
  return tableToIPC(withMeta, 'file');
}
