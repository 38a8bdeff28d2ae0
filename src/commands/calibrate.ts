// `mia calibrate`: choose thresholds by target signal rates per session, report rates and P&L on train and test.
import type { Command } from 'commander';
import { addInputOptions, resolveInputs } from './common.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { MiaError } from '../util/errors.ts';
import { progress } from '../util/progress.ts';
import { table } from '../util/table.ts';
import { parsePerSession, runCalibrate, type CalibrateResult } from '../sweep/calibrate.ts';
import { parsePeriod } from '../sweep/period.ts';
import type { SetFigures } from '../sweep/set-figures.ts';

export function registerCalibrate(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description('choose tier thresholds from the score distribution so signals per session land in target ranges')
    .requiredOption('--per-session <targets>', 'target signals per session, e.g. premium=2-4,strong=5-10 (good=, weak= optional)')
    .option('--quantile <q>', 'session quantile that must reach each target (0.5 = the median session)', '0.5')
    .option('--train <from:to>', 'calibrate on this window (default: all the input)')
    .option('--test <from:to>', 'check the rates and P&L on this window');
  addInputOptions(cmd);
  addRunOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const targets = parsePerSession(String(opts.perSession));
    const qText = String(opts.quantile ?? '0.5');
    const quantile = Number(qText);
    if (!/^\d*\.?\d+$/.test(qText) || !(quantile > 0 && quantile < 1)) throw new MiaError(`--quantile ${qText}: must be a number between 0 and 1`);
    const train = typeof opts.train === 'string' ? parsePeriod(opts.train, '--train') : null;
    const test = typeof opts.test === 'string' ? parsePeriod(opts.test, '--test') : null;
    const { engineConfig, params } = resolveRunConfig(opts);
    const inputs = resolveInputs(opts as never);
    const orderFlow = warnOrderFlow(inputs.bars, engineConfig);
    const quiet = Boolean(opts.quiet);
    const result = runCalibrate({ ...inputs, engineConfig, params, targets, quantile, train, test, progress: (l, t) => progress(l, t, quiet) });
    process.stdout.write(opts.json ? JSON.stringify({ ...result, order_flow: orderFlow }, null, 2) + '\n' : renderCalibrate(result));
  });
}

const money = (x: number | null) => (x === null ? 'n/a' : `${x < 0 ? '-' : ''}$${Math.abs(Math.round(x)).toLocaleString('en-US')}`);
const num = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));

function renderCalibrate(r: CalibrateResult): string {
  const out: string[] = [];
  out.push(`mia calibrate: train ${r.train.from} .. ${r.train.to} (${r.train.sessions} sessions)${r.test ? `; test ${r.test.from} .. ${r.test.to} (${r.test.sessions} sessions)` : ''}`);
  out.push(`rule: ${r.rule}`);
  out.push('');
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
  const line = (name: string, f: SetFigures) => [name, String(f.trades), f.win_rate === null ? 'n/a' : `${(f.win_rate * 100).toFixed(1)}%`, money(f.net_pnl_usd), num(f.sharpe), money(f.max_drawdown_usd)];
  const pnl = [line('train, calibrated', r.figures.train.calibrated), line('train, current', r.figures.train.current)];
  if (r.figures.test) pnl.push(line('test, calibrated', r.figures.test.calibrated), line('test, current', r.figures.test.current));
  out.push('');
  out.push(table(['window / set', 'trades', 'win', 'net', 'Sharpe', 'max DD'], pnl, { title: `P&L: calibrated ${fmt(r.thresholds)} vs current ${fmt(r.current)}` }));
  return out.join('\n') + '\n';
}

function fmt(t: { premium: number; strong: number; good: number; weak: number }): string {
  return `${t.premium}/${t.strong}/${t.good}/${t.weak}`;
}
