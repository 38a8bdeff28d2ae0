// Arrow IPC schema of the daily context (schema "mia.context/1"): date Int32 yyyymmdd (the session whose close
// the row describes), then Float64 columns with NaN for "missing on that day". Metadata: mia.schema, source, method.
import { tableToIPC, Float64, Int32 } from 'apache-arrow';
import type { DailyContext } from './types.ts';
import { MiaError } from '../util/errors.ts';
import { buildTable } from './arrow-util.ts';
import { readArrowIPC } from './arrow-ipc.ts';

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
  const table = readArrowIPC(buf, path);
  const meta = table.metadata;
  const found = meta.get('mia.schema');
  if (found !== CONTEXT_SCHEMA) throw new MiaError(`${path}: not a mia context table (schema metadata mia.schema=${found ?? 'absent'}, expected ${CONTEXT_SCHEMA})`);
  const n = table.numRows;
  const num = (name: string, optional = false): Float64Array | undefined => {
    const c = table.columns.get(name);
    if (!c && optional) return undefined;
    if (!c?.num) throw new MiaError(`${path}: Arrow column '${name}' ${c ? `has type ${c.type}, expected numbers` : 'missing'}`);
    return c.num;
  };
  const dates = num('date')!;
  const date = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = dates[i]!;
    if (!(Number.isInteger(d) && d >= 19800101 && d <= 20991231)) throw new MiaError(`${path}:row ${i + 1}: date: not a yyyymmdd date from 1980 to 2099: ${d}`);
    if (i > 0 && d <= date[i - 1]!) throw new MiaError(`${path}:row ${i + 1}: date: context dates not strictly increasing`);
    date[i] = d;
  }
  const c = { n, date } as Record<string, unknown>;
  for (const [k, name] of CONTEXT_FIELDS) {
    // put_call_oi_ratio was added later: optional on read
    const col = num(name, k === 'putCallOiRatio');
    if (!col) continue;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      // NaN is "missing that day"; anything else must be a finite, plausible number
      if (v === v && !(Math.abs(v) <= 1e15)) throw new MiaError(`${path}:row ${i + 1}: ${name}: not a finite plausible value: ${v}`);
    }
    c[k] = col;
  }
  return { context: c as unknown as DailyContext, meta };
}
