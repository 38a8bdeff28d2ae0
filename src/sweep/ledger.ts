// The trial ledger: every set tried and its figures on the selection window, as Arrow (with the run's
// manifest in the schema metadata) and CSV (manifest beside it). NaN = undefined (e.g. no losing trade).
import { Schema, Table, tableFromArrays, tableToIPC } from 'apache-arrow';
import type { Manifest } from '../util/manifest.ts';
import { TIER_KEYS } from './grid.ts';
import { objectiveOf } from './objective.ts';
import { F, TRIAL_FIELDS } from './trial.ts';
import type { SweepLedger } from './run-sweep.ts';
import { columnsToParquet } from '../data/parquet-write.ts';

/** Ledger columns in order, as numbers per trial (labels are added separately when the sets have names). */
export function ledgerColumns(l: SweepLedger): Record<string, Float64Array | Int32Array> {
  const m = l.sets.n;
  const n = m * l.exits.length;
  const cols: Record<string, Float64Array | Int32Array> = {};
  cols.trial = Int32Array.from({ length: n }, (_, i) => i);
  // trial i: threshold set i mod m, exit combination floor(i / m) (src/sweep/trial-space.ts)
  TIER_KEYS.forEach((k, j) => (cols[k] = Float64Array.from({ length: n }, (_, i) => l.sets.values[(i % m) * 4 + j] as number)));
  const exit = (i: number) => l.exits[Math.floor(i / m)]!;
  cols.stop_ticks = Float64Array.from({ length: n }, (_, i) => exit(i).stopTicks);
  cols.target_ticks = Float64Array.from({ length: n }, (_, i) => exit(i).targetTicks);
  cols.time_stop_bars = Float64Array.from({ length: n }, (_, i) => exit(i).timeStopBars);
  cols.daily_loss_limit_usd = Float64Array.from({ length: n }, (_, i) => exit(i).dailyLossLimit);
  for (const f of TRIAL_FIELDS) {
    const idx = F[f];
    cols[f] = Float64Array.from({ length: n }, (_, i) => l.rows[i * l.width + idx] as number);
  }
  // the trader's calibration unit: signals per session per tier
  for (const k of TIER_KEYS) {
    const sig = cols[`signals_${k}`] as Float64Array;
    const ses = cols.sessions as Float64Array;
    cols[`per_session_${k}`] = Float64Array.from({ length: n }, (_, i) => ((ses[i] as number) > 0 ? (sig[i] as number) / (ses[i] as number) : NaN));
  }
  cols.objective = Float64Array.from({ length: n }, (_, i) => objectiveOf(l.rows, l.width, i, l.objective, l.minTrades));
  cols.rank = Int32Array.from(l.rank);
  return cols;
}

export function ledgerArrow(l: SweepLedger, m: Manifest): Uint8Array {
  const cols: Record<string, Float64Array | Int32Array | string[]> = { ...ledgerColumns(l) };
  const labels = l.sets.labels;
  if (labels) cols.label = Array.from({ length: l.sets.n * l.exits.length }, (_, i) => labels[i % l.sets.n] ?? '');
  const t = tableFromArrays(cols as Parameters<typeof tableFromArrays>[0]);
  const meta = new Map([['mia_manifest', JSON.stringify(m)], ['mia_objective', l.objective]]);
  return tableToIPC(new Table(new Schema(t.schema.fields, meta), t.batches), 'file');
}

/** The ledger as Parquet, the manifest and objective in the key-value metadata as in the Arrow ledger. */
export function ledgerParquet(l: SweepLedger, m: Manifest): Uint8Array {
  const cols = Object.entries(ledgerColumns(l)).map(([name, data]) => ({ name, data, type: data instanceof Int32Array ? ('INT32' as const) : ('DOUBLE' as const) }));
  const all = l.sets.labels ? [...cols, { name: 'label', data: l.sets.labels, type: 'STRING' as const }] : cols;
  return columnsToParquet(all, { mia_manifest: JSON.stringify(m), mia_objective: l.objective });
}

function cell(v: number): string {
  return Number.isFinite(v) ? String(v) : '';
}

export function ledgerCsv(l: SweepLedger): string {
  const cols = ledgerColumns(l);
  const names = Object.keys(cols);
  const labels = l.sets.labels;
  const lines = [(labels ? [...names, 'label'] : names).join(',')];
  for (let i = 0; i < l.sets.n * l.exits.length; i++) {
    const row = names.map((k) => cell((cols[k] as Float64Array | Int32Array)[i] as number));
    if (labels) row.push(`"${(labels[i % l.sets.n] ?? '').replace(/"/g, '""')}"`);
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
