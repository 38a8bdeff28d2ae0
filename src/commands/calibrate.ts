// `mia calibrate`: THE recommended configuration (src/sweep/recommend.ts) — by default the best trial of the default
// grid (entry gate included) on the training window; with --per-session, thresholds from signal-rate targets.
import type { Command } from 'commander';
import { addInputOptions, resolveInputs } from './common.ts';
import { addRunOptions, resolveSweepRunConfig } from './sim-options.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { addFleetOptions, fleetRunner } from './fleet-options.ts';
import { MiaError } from '../util/errors.ts';
import { progress } from '../util/progress.ts';
import { table } from '../util/table.ts';
import { parsePerSession, type CalibrateResult } from '../sweep/calibrate.ts';
import { parsePeriod } from '../sweep/period.ts';
import { parseObjective } from '../sweep/objective.ts';
import { parseWalkForward } from '../sweep/walk-forward.ts';
import { TIER_KEYS, type TierKey } from '../sweep/grid.ts';
import { DEFAULT_MIN_TRADES, DEFAULT_OBJECTIVE, recommend, recommendationText, type Recommendation } from '../sweep/recommend.ts';
import { scoreDistributionText } from '../sweep/score-distribution.ts';
import type { SetFigures } from '../sweep/set-figures.ts';

export function registerCalibrate(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description('the recommended configuration: the best thresholds (entry gate included) and exits on a training window, checked on a test window')
    .option('--objective <name>', `net | sharpe | sortino | profit-factor | expectancy (default ${DEFAULT_OBJECTIVE})`)
    .option('--min-trades <n>', `trials with fewer training trades cannot be recommended (default ${DEFAULT_MIN_TRADES})`)
    .option('--premium <range>', 'replace the default grid\'s PREMIUM axis (start:stop:step, a value, or a,b,c)')
    .option('--strong <range>', 'replace the default STRONG axis')
    .option('--good <range>', 'replace the default GOOD axis')
    .option('--weak <range>', 'replace the default WEAK (entry gate) axis')
    .option('--per-session <targets>', 'the signal-rate rule instead: target signals per session, e.g. premium=2-4,strong=5-10')
    .option('--quantile <q>', 'signal-rate rule: session quantile that must reach each target (0.5 = the median session)')
    .option('--train <from:to>', 'choose on this window (default: the first 2/3 of the sessions; signal-rate rule: all the input)')
    .option('--test <from:to>', 'check the choice on this window (default: the remaining sessions)')
    .option('--walk-forward <train/test>', 'instead of one split: re-choose every TEST span on the TRAIN span before it (e.g. 6m/1m); recommend the choice on the last TRAIN span')
    .option('--anchored', 'walk-forward training windows all start at the first date', false)
    .option('--workers <n>', 'worker threads for the sweep (default: all cores; small sweeps run serially)');
  addInputOptions(cmd);
  addRunOptions(cmd);
  addFleetOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
    const perSession = str('perSession') ? parsePerSession(str('perSession') as string) : null;
    const quantile = parseQuantile(str('quantile'), perSession !== null);
    const grid: Partial<Record<TierKey, string>> = {};
    for (const k of TIER_KEYS) if (str(k) !== undefined) grid[k] = str(k) as string;
    if (perSession && (Object.keys(grid).length || str('objective') || str('minTrades'))) throw new MiaError('calibrate: --per-session is its own rule; it takes no grid, --objective or --min-trades');
    const minTrades = str('minTrades') === undefined ? undefined : wholeNumber(str('minTrades') as string, '--min-trades', 0);
    const workers = str('workers') === undefined ? undefined : wholeNumber(str('workers') as string, '--workers', 1);
    const train = str('train') ? parsePeriod(str('train') as string, '--train') : null;
    const test = str('test') ? parsePeriod(str('test') as string, '--test') : null;
    if (test && !train) throw new MiaError('--test needs --train (calibrate on one window, check on another)');
    const wfSpec = str('walkForward');
    if (opts.anchored && !wfSpec) throw new MiaError('--anchored needs --walk-forward');
    if (wfSpec && (train || test)) throw new MiaError('--walk-forward cannot be combined with --train/--test');
    const walkForward = wfSpec ? { spec: wfSpec, ...parseWalkForward(wfSpec), anchored: Boolean(opts.anchored) } : null;
    const { engineConfig, params, exits } = resolveSweepRunConfig(opts);
    const inputs = resolveInputs(opts as never);
    const orderFlow = warnOrderFlow(inputs.bars, engineConfig);
    // --per-session runs no trial grid: the fleet has nothing to do there
    const runner = perSession ? undefined : fleetRunner(opts, inputs, engineConfig);
    const quiet = Boolean(opts.quiet);
    const rec = await recommend({
      ...inputs, engineConfig, params, exits, train, test, grid, perSession, quantile, walkForward,
      ...(str('objective') ? { objective: parseObjective(str('objective') as string) } : {}),
      ...(minTrades !== undefined ? { minTrades } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(runner ? { runner } : {}),
      progress: (l, t) => progress(l, t, quiet),
    });
    process.stdout.write(opts.json ? JSON.stringify({ ...rec, order_flow: orderFlow }, null, 2) + '\n' : renderRecommendation(rec));
  });
}

function parseQuantile(text: string | undefined, rateRule: boolean): number {
  if (text === undefined) return 0.5;
  if (!rateRule) throw new MiaError('--quantile belongs to the signal-rate rule (--per-session)');
  const q = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(q > 0 && q < 1)) throw new MiaError(`--quantile ${text}: must be a number between 0 and 1`);
  return q;
}

function wholeNumber(s: string, flag: string, min: number): number {
  const x = Number(s);
  if (!/^\d+$/.test(s.trim()) || x < min) throw new MiaError(`${flag} ${s}: must be a whole number >= ${min}`);
  return x;
}

const money = (x: number | null) => (x === null ? 'n/a' : `${x < 0 ? '-' : ''}$${Math.abs(Math.round(x)).toLocaleString('en-US')}`);
const num = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));
const figLine = (name: string, f: SetFigures) => [name, String(f.trades), f.win_rate === null ? 'n/a' : `${(f.win_rate * 100).toFixed(1)}%`, money(f.net_pnl_usd), num(f.sharpe), money(f.max_drawdown_usd)];
const FIG_HEAD = ['window', 'trades', 'win', 'net', 'Sharpe', 'max DD'];

export function renderRecommendation(r: Recommendation): string {
  const out: string[] = [];
  out.push(`mia calibrate (${r.rule} rule): ${r.rule_text}`);
  if (r.calibrate) out.push(renderRateRule(r.calibrate));
  const sw = r.sweep;
  if (sw) {
    out.push(`${sw.walk_forward ? 'input' : 'train'} ${sw.selection.from} .. ${sw.selection.to} (${sw.selection.sessions} sessions)${sw.test ? `; test ${sw.test.from} .. ${sw.test.to} (${sw.test.sessions} sessions)` : ''}`);
    out.push(scoreDistributionText(sw.score_distribution));
    out.push(`${sw.trials} trials (${sw.threshold_sets} threshold sets × ${sw.exit_combinations} exit combinations), ${sw.distinct_trials} distinct, ${sw.eligible_trials} eligible (>= ${sw.min_trades} trades, no ruin)`);
    const wf = sw.walk_forward;
    if (wf) out.push(`walk-forward ${wf.spec}${wf.anchored ? ' anchored' : ''}: ${wf.windows.length} windows; stitched out of sample ${wf.oos.from} .. ${wf.oos.to}: ${wf.oos.trades} trades, net ${money(wf.oos.net_pnl_usd)}, Sharpe ${num(wf.oos.sharpe)}`);
    // walk-forward: the whole-input ranking is evidence only; the recommendation is the next window's choice
    const c = wf ? null : sw.chosen;
    if (wf) out.push(`next training window ${wf.next.train_from} .. ${wf.next.train_to}: objective ${num(wf.next.train_objective)}; verdict: ${sw.overfitting.verdict.text}`);
    if (c) {
      const rows = [figLine('train', c.sample), ...(c.test ? [figLine('test', c.test)] : [])];
      out.push('', table(FIG_HEAD, rows, { title: `recommended ${recommendationText(r)}` }));
      const d = sw.overfitting.dsr;
      if (d) out.push(`deflated Sharpe ${num(d.value, 3)} after ${d.trials} distinct trials (${d.grid_trials} in the grid)`);
      if (sw.overfitting.pbo) out.push(`PBO ${num(sw.overfitting.pbo.value, 3)} over ${sw.overfitting.pbo.trials} distinct trials`);
      out.push(`verdict: ${sw.overfitting.verdict.text}`);
      // the rule ranks; it does not promise a profit: say so when even the chosen set loses where it was chosen
      if (!(c.sample.net_pnl_usd > 0)) out.push(`the recommended set loses money on the training window too (${money(c.sample.net_pnl_usd)}): it is the least bad set of the grid, not a set to trade`);
    }
  }
  out.push('', `recommended: ${recommendationText(r)}`);
  out.push(`reproduce: ${r.command}`);
  return out.join('\n') + '\n';
}

function renderRateRule(r: CalibrateResult): string {
  const out: string[] = [`train ${r.train.from} .. ${r.train.to} (${r.train.sessions} sessions)${r.test ? `; test ${r.test.from} .. ${r.test.to} (${r.test.sessions} sessions)` : ''}`, ''];
  const head = ['tier', 'target', 'was', 'now', 'train mean', 'median', 'in range', ...(r.test ? ['test mean', 'median', 'in range'] : [])];
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(0)}%`);
  const rows = r.tiers.map((t) => [
    t.tier.toUpperCase(),
    t.target ? `${t.target.min}-${t.target.max}` : '-',
    String(t.current_threshold),
    String(t.threshold),
    num(t.train.mean, 1),
    num(t.train.median, 1),
    pct(t.train.in_range),
    ...(t.test ? [num(t.test.mean, 1), num(t.test.median, 1), pct(t.test.in_range)] : []),
  ]);
  out.push(table(head, rows, { title: 'signals per session' }));
  const pnl = [figLine('train, calibrated', r.figures.train.calibrated), figLine('train, current', r.figures.train.current)];
  if (r.figures.test) pnl.push(figLine('test, calibrated', r.figures.test.calibrated), figLine('test, current', r.figures.test.current));
  const fmt = (t: { premium: number; strong: number; good: number; weak: number }) => `${t.premium}/${t.strong}/${t.good}/${t.weak}`;
  out.push('', table(['window / set', ...FIG_HEAD.slice(1)], pnl, { title: `P&L: calibrated ${fmt(r.thresholds)} vs current ${fmt(r.current)}` }));
  return out.join('\n');
}
