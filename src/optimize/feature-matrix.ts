// The ten feature columns of every bar the engine fed, computed once by the one replay and cached on disk as
// Arrow, keyed by what they depend on: the inputs' sha256, the window, the engine version and the engine
// options that change a feature (session, tick). Weights, thresholds and the dead band do not: the score and
// the vote are recomputed from these columns (rescore.ts), so a second run skips the replay.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Int32 } from 'apache-arrow';
import { tableToIPC } from 'apache-arrow';
import type { Bars, DailyContext, SourceInfo } from '../data/types.ts';
import { buildTable, type Col } from '../data/arrow-util.ts';
import { readArrowIPC, type IpcTable } from '../data/arrow-ipc.ts';
import { replay } from '../engine/replay.ts';
import { FEATURE_NAMES, type EngineConfig, type EngineOutput } from '../engine/types.ts';
import { ENGINE_VERSION } from '../version.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import { sha256 } from '../util/hash.ts';
import { MiaError } from '../util/errors.ts';

export const FEATURES_SCHEMA = 'mia.features/1';

/** Row-aligned with the engine's fed bars (in bar order): `bar[i]` is the bar, `cols[k][i]` feature k there. */
export interface FeatureMatrix {
  n: number;
  bar: Int32Array;
  cols: Float64Array[];
}

export interface MatrixKeyInput {
  sources: SourceInfo[];
  from: string | null;
  to: string | null;
  bars: Bars;
  config: EngineConfig;
}

/** The cache key: everything the ten columns depend on, hashed. */
export function matrixKey(k: MatrixKeyInput): string {
  const ident = {
    schema: FEATURES_SCHEMA,
    engine_version: ENGINE_VERSION,
    inputs: k.sources.map((s) => s.sha256),
    from: k.from,
    to: k.to,
    bars: k.bars.n,
    session: k.config.session,
    tick: k.config.tick,
  };
  return sha256(JSON.stringify(ident));
}

/** The fed rows of a replay as a matrix (views are copied: the matrix outlives the replay's arrays). */
export function matrixFromReplay(out: EngineOutput): FeatureMatrix {
  let n = 0;
  for (let i = 0; i < out.n; i++) n += out.active[i]!;
  const bar = new Int32Array(n);
  for (let i = 0, r = 0; i < out.n; i++) if (out.active[i] === 1) bar[r++] = i;
  const cols = FEATURE_NAMES.map((name) => {
    const src = out.features[name];
    return Float64Array.from(bar, (b) => src[b]!);
  });
  return { n, bar, cols };
}

export function matrixToIPC(m: FeatureMatrix, key: string): Uint8Array {
  const cols: Col[] = [{ name: 'bar', type: new Int32(), data: m.bar }, ...FEATURE_NAMES.map((name, k) => ({ name, type: new Float64(), data: m.cols[k]! }))];
  return tableToIPC(buildTable(cols, m.n, { 'mia.schema': FEATURES_SCHEMA, 'mia.key': key }), 'file');
}

export function matrixFromIPC(buf: Uint8Array, path: string, key: string): FeatureMatrix {
  // the bounded reader (src/data/arrow-ipc.ts): a damaged cache file is a named error, never a hang
  const table = readArrowIPC(buf, path);
  const schema = table.metadata.get('mia.schema');
  if (schema !== FEATURES_SCHEMA) throw new MiaError(`${path}: not a mia feature matrix table (schema metadata mia.schema=${schema ?? 'absent'}, expected ${FEATURES_SCHEMA})`);
  const found = table.metadata.get('mia.key');
  if (found !== key) throw new MiaError(`${path}: feature matrix key ${found ?? 'absent'} does not match ${key}`);
  return {
    n: table.numRows,
    bar: Int32Array.from(numbers(table, 'bar', path)),
    cols: FEATURE_NAMES.map((name) => numbers(table, name, path)),
  };
}

function numbers(table: IpcTable, name: string, path: string): Float64Array {
  const c = table.columns.get(name);
  if (!c?.num) throw new MiaError(`${path}: column '${name}' ${c ? `has type ${c.type}, expected numbers` : 'missing'}`);
  return c.num;
}

export interface MatrixLoad {
  matrix: FeatureMatrix;
  key: string;
  /** the cache file read or written, or null with no cache */
  path: string | null;
  cached: boolean;
}

/**
 * The matrix from `cacheDir` when a file with this key is there, else a replay (written to the cache).
 * `cacheDir` null: always replay, write nothing.
 */
export function loadOrBuildMatrix(k: MatrixKeyInput, context: DailyContext | null, cacheDir: string | null, onProgress?: (d: number) => void): MatrixLoad {
  const key = matrixKey(k);
  const path = cacheDir === null ? null : join(cacheDir, `features-${key.slice(0, 32)}.arrow`);
  if (path !== null && existsSync(path)) {
    const buf = readFileSync(path);
    return { matrix: matrixFromIPC(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), path, key), key, path, cached: true };
  }
  const out = replay(k.bars, context, k.config, onProgress ? { onProgress } : {});
  const matrix = matrixFromReplay(out);
  if (path !== null) atomicWrite(path, matrixToIPC(matrix, key));
  return { matrix, key, path, cached: false };
}
