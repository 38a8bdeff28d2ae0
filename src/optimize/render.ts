// The terminal summary of `mia optimize` (the JSON carries everything).
import { FEATURE_NAMES } from '../engine/types.ts';
import type { OptimizeResult } from './types.ts';
import type { SeriesFigures } from './oos.ts';

const n2 = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(2));
const line = (label: string, f: SeriesFigures | null): string => (f ? `${label.padEnd(34)} trades ${String(f.trades).padStart(6)}  net ${f.net_pnl_usd.toFixed(2).padStart(12)}  Sharpe ${n2(f.sharpe).padStart(6)}` : `${label.padEnd(34)} n/a`);

export function renderOptimize(r: OptimizeResult): string {
  const out: string[] = [];
  out.push(`mia optimize: ${r.search.weight_sets} weight sets × ${r.search.exit_combinations.length} exit combinations × ${r.search.ladder_sets} gates = ${r.search.trials} trials (${r.search.distinct_trials} distinct)${r.search.stopped_early ? ' (stopped early)' : ''}; feature matrix ${r.feature_matrix.cached ? 'from cache' : 'replayed'} (${r.feature_matrix.rows} rows)`);
  out.push('');
  out.push(`${'feature'.padEnd(26)} ${'seed'.padStart(8)} ${'learned'.padStart(8)} ${'share'.padStart(8)}`);
  for (const name of FEATURE_NAMES) {
    out.push(`${name.padEnd(26)} ${r.seed.weights[name].toFixed(4).padStart(8)} ${(r.recommended ? r.recommended.weights[name].toFixed(4) : 'n/a').padStart(8)} ${(r.shares ? (r.shares.learned[name] * 100).toFixed(1) + '%' : 'n/a').padStart(8)}`);
  }
  out.push('');
  if (r.recommended) {
    const t = r.recommended.thresholds;
    out.push(`recommended thresholds ${t.premium}/${t.strong}/${t.good}/${t.weak} (PREMIUM/STRONG/GOOD/WEAK), stop ${r.recommended.exits.stop_ticks} / target ${r.recommended.exits.target_ticks} ticks`);
    out.push(line('in sample, learned', r.recommended.in_sample));
    out.push(`the same trades: mia backtest <same --data/--context/--from/--to> ${r.recommended.backtest_flags}`);
  } else out.push('no weight set met the selection criteria');
  out.push(line('in sample, seed weights', r.seed.in_sample));
  const wf = r.walk_forward;
  if (wf) {
    out.push(line(`OOS ${wf.spec}, learned`, wf.oos));
    out.push(line(`OOS ${wf.spec}, seed weights`, wf.seed_oos));
    if (r.regime?.oos) out.push(line(`OOS ${wf.spec}, regime ${r.regime.spec}`, r.regime.oos));
    if (wf.random_entry) out.push(`random entry: ${wf.random_entry.sentence}`);
  }
  out.push(`DSR ${n2(r.overfitting.dsr?.value)} (${r.overfitting.dsr?.trials ?? 0} distinct of ${r.overfitting.dsr?.all_trials ?? 0} trials), PBO ${n2(r.overfitting.pbo?.value)}${r.overfitting.pbo ? ` (${r.overfitting.pbo.trials} distinct trials, ${r.overfitting.pbo.blocks} blocks)` : ''}`);
  if (r.regime) out.push(`regime ${r.regime.spec}: cut points ${r.regime.cut_points.join(', ')}; DSR ${n2(r.regime.dsr.value)} (${r.regime.dsr.trials} distinct of ${r.regime.trials} trials)`);
  out.push('', `verdict: ${r.verdict.text}`, `reproduce: ${r.command}`);
  return out.join('\n');
}
