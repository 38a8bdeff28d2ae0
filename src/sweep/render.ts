// Terminal rendering of a sweep result: compact tables readable on 80 columns.
import { table } from '../util/table.ts';
import type { SweepResult } from './run-sweep.ts';
import type { SetFigures, TierRates } from './set-figures.ts';
import type { Thresholds } from '../engine/types.ts';
import type { ExitCombo } from '../simulate/types.ts';
import { exitText } from './exit-space.ts';
import { scoreDistributionText } from './score-distribution.ts';

const exitShort = (e: ExitCombo) => `${e.stopTicks}/${e.targetTicks}/${e.timeStopBars || '-'}/${e.dailyLossLimit || '-'}`;

const money = (x: number | null) => (x === null ? 'n/a' : `${x < 0 ? '-' : ''}$${Math.abs(Math.round(x)).toLocaleString('en-US')}`);
const num = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const setText = (t: Thresholds) => `${t.premium}/${t.strong}/${t.good}/${t.weak}`;
/** ".38/.32/.28/.18": the table form, so the top table fits 80 columns */
const setShort = (t: Thresholds) => [t.premium, t.strong, t.good, t.weak].map((v) => v.toFixed(Math.max(2, (String(v).split('.')[1] ?? '').length)).replace(/^0\./, '.')).join('/');
/** $ amounts in thousands past $10k: "-$436.8k" */
const kmoney = (x: number | null) => (x === null ? 'n/a' : Math.abs(x) < 10_000 ? money(x) : `${x < 0 ? '-' : ''}$${(Math.abs(x) / 1000).toFixed(1)}k`);
const rates = (r: TierRates) => [r.premium, r.strong, r.good, r.weak].map((v) => (v === null ? '-' : v.toFixed(1))).join('/');

function figureCells(f: SetFigures): string[] {
  return [rates(f.signals_per_session), String(f.trades), pct(f.win_rate), kmoney(f.net_pnl_usd), num(f.sharpe), kmoney(f.max_drawdown_usd)];
}

export function renderSweep(r: SweepResult): string {
  const out: string[] = [];
  const sel = r.selection;
  const space = r.exit_combinations > 1 ? `${r.threshold_sets} threshold sets × ${r.exit_combinations} exit combinations = ${r.trials} trials` : `${r.trials} threshold sets`;
  out.push(`mia sweep: ${space} (${r.distinct_trials} distinct), ${r.eligible_trials} with >= ${r.min_trades} trades; objective ${r.objective}; ${r.mode}`);
  out.push(scoreDistributionText(r.score_distribution));
  out.push(`selection window ${sel.from} .. ${sel.to} (${sel.sessions} sessions)${r.test ? `; test ${r.test.from} .. ${r.test.to} (${r.test.sessions} sessions)` : ''}`);
  out.push('');
  const exitsVary = r.exit_combinations > 1;
  const head = ['#', 'P/S/G/W', ...(exitsVary ? ['stop/tgt/time/limit'] : []), 'per session P/S/G/W', 'trades', 'win', 'net', 'Sharpe', 'max DD'];
  const rows = r.top.map((t) => [String(t.rank), setShort(t.thresholds), ...(exitsVary ? [exitShort(t.exits)] : []), ...figureCells(t.sample)]);
  out.push(table(head, rows, { title: `top ${r.top.length} trials on the selection window (#1 = best in grid)` }));
  if (r.test) {
    const trows = r.top.map((t) => [String(t.rank), setShort(t.thresholds), num(t.sample.sharpe), kmoney(t.sample.net_pnl_usd), ...(t.test ? [String(t.test.trades), kmoney(t.test.net_pnl_usd), num(t.test.sharpe), kmoney(t.test.max_drawdown_usd)] : [])]);
    out.push('');
    out.push(table(['#', 'P/S/G/W', 'train Sharpe', 'train net', 'trades', 'test net', 'Sharpe', 'max DD'], trows, { title: 'the same sets on the test window' }));
  }
  if (r.walk_forward) {
    const w = r.walk_forward;
    out.push('');
    out.push(
      table(
        ['test window', 'chosen P/S/G/W', 'train obj', 'trades', 'net', 'Sharpe'],
        w.windows.map((x) => [`${x.test_from}..${x.test_to.slice(5)}${x.partial ? '*' : ''}`, x.chosen ? setShort(x.chosen) : 'none', num(x.train_objective), String(x.test_trades), kmoney(x.test_net_pnl_usd), num(x.test_sharpe)]),
        { title: `walk-forward ${w.spec}${w.anchored ? ' anchored' : ' rolling'} (* = partial window)` },
      ),
    );
    const o = w.oos;
    const nx = w.next;
    out.push(`next: on ${nx.train_from} .. ${nx.train_to} walk-forward would trade ${nx.chosen ? setText(nx.chosen) : 'nothing (no set qualifies)'}`);
    out.push(`stitched out-of-sample ${o.from} .. ${o.to}: ${o.trades} trades, win ${pct(o.win_rate)}, net ${money(o.net_pnl_usd)}, Sharpe ${num(o.sharpe)}, max DD ${money(o.max_drawdown_usd)}`);
  }
  out.push('');
  const c = r.chosen;
  if (c) {
    out.push(`best in grid: ${setText(c.thresholds)}${exitsVary ? ` with ${exitText(c.exits)}` : ''}${c.label ? ` (${c.label})` : ''} (a ranking, not a recommendation: \`mia calibrate\` gives that)`);
    const d = r.overfitting.dsr;
    if (d) out.push(`deflated Sharpe ${num(d.value, 3)} (Sharpe ${num(d.sharpe_annualised)} vs expected max of ${d.trials} distinct null trials ${num(d.sr0_annualised)}, ${d.grid_trials} in the grid; PSR ${num(d.psr, 3)})`);
  } else out.push(`best in grid: no set qualifies (no trial has a defined ${r.objective} with >= ${r.min_trades} trades and no ruin)`);
  const p = r.overfitting.pbo;
  if (p) out.push(`PBO ${num(p.value, 3)} (CSCV over ${p.trials} distinct trials, ${p.blocks} blocks, ${p.combinations} splits, ${p.metric}); degradation slope ${num(p.degradation_slope)}; P(OOS loss) ${num(p.probability_of_loss)}`);
  else if (r.overfitting.pbo_note) out.push(`PBO not computed: ${r.overfitting.pbo_note}`);
  out.push(`verdict: ${r.overfitting.verdict.text}`);
  return out.join('\n') + '\n';
}
