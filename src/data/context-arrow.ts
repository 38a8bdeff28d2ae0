// Arrow IPC schema of the daily context (schema "mia.context/1"): date Int32 yyyymmdd (the session whose close
// the row describes), then Float64 columns with NaN for "missing on that day". Metadata: mia.schema, source, method.
import { tableToIPC, Float64, Int32 } from 'apache-arrow';
import type { DailyContext } from './types.ts';
import { MiaError } from '../util/errors.ts';
import { buildTable, column, readMiaTable } from './arrow-util.ts';

export const CONTEXT_SCHEMA = 'mia.context/1';

/** Arrow column name of each DailyContext Float64 field, in file order. */
export const CONTEXT_FIELDS = [
  ['vixOpen', 'vix_open'],
  ['vixHigh', 'vix_high'],
  ['vixLow', 'vix_low'],
  ['vixClose', 'vix_close'],
  ['spxClose', 'spx_close'],
  ['gex', 'gex'],
  ['dix', 'dix'],
  ['putCallRatio', 'put_call_ratio'],
  ['callVolume', 'call_volume'],
  ['putVolume', 'put_volume'],
  ['callWall', 'call_wall'],
  ['putWall', 'put_wall'],
  ['gammaFlip', 'gamma_flip'],
  ['netGex', 'net_gex'],
  ['putCallOiRatio', 'put_call_oi_ratio'],
] as const;

export type ContextField = (typeof CONTEXT_FIELDS)[number][0];

export function emptyContext(n: number): DailyContext {
  const c = { n, date: new Int32Array(n) } as Record<string, unknown>;
  for (const [k] of CONTEXT_FIELDS) c[k] = new Float64Array(n).fill(NaN);
  return c as unknown as DailyContext;
}

export function contextToIPC(c: DailyContext, metadata: Record<string, string>): Uint8Array {
  const cols = [
    { name: 'date', type: new Int32(), data: c.date },
    ...CONTEXT_FIELDS.map(([k, name]) => ({ name, type: new Float64(), data: c[k] ?? new Float64Array(c.n).fill(NaN) })),
  ];
  return tableToIPC(buildTable(cols, c.n, { ...metadata, 'mia.schema': CONTEXT_SCHEMA }), 'file');
}

export function contextFromIPC(buf: Uint8Array, path: string): { context: DailyContext; meta: Map<string, string> } {
  const table = readMiaTable(buf, path, CONTEXT_SCHEMA, 'context');
  const meta = table.schema.metadata;
  const c = { n: table.numRows, date: column(table, 'date', path, Int32Array) } as Record<string, unknown>;
  for (const [k, name] of CONTEXT_FIELDS) {
    // put_call_oi_ratio was added later: optional on read
    if (k === 'putCallOiRatio' && !table.getChild(name)) continue;
    c[k] = column(table, name, path, Float64Array);
  }
  const context = c as unknown as DailyContext;
  for (let i = 1; i < context.n; i++) {
    if (context.date[i]! <= context.date[i - 1]!) throw new MiaError(`${path}: context dates not strictly increasing at row ${i}`);
  }
  return { context, meta };
}
