// `mia backtest`: replay the signal engine over the bars, simulate its trades, print the tables or the JSON document;
// with --monte-carlo / --random-entry, the risk figures of the same run below them (and in the JSON).
import type { Command } from 'commander';
import { join } from 'node:path';
import { addInputOptions, inputPaths, resolveInputs } from './common.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { addRiskOptions, resolveRiskOptions } from './risk-options.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { runBacktestParts } from '../simulate/run-backtest.ts';
import { renderBacktest } from '../simulate/backtest-tables.ts';
import { encodeTrades, tradesFormat } from '../simulate/write-trades.ts';
import { riskFigures } from '../risk/risk-figures.ts';
import { renderRisk } from '../risk/render.ts';
import { progress } from '../util/progress.ts';
import { folderOutputs, guardOutputs, type OutputPath } from '../util/output-guard.ts';
import { writeFileSet, type OutputFile } from '../util/write-set.ts';

const RISK_DEFAULTS = { monteCarlo: 0, randomEntry: 0 };

export function registerBacktest(program: Command): void {
  const cmd = program
    .command('backtest')
    .description('replay the signal engine and simulate its trades: P&L, tiers, months, weekdays, long/short; optionally Monte Carlo and a random-entry benchmark')
    .option('--trades <file>', 'write the trade list (.csv, .arrow or .parquet)')
    .option('--out <dir>', 'write summary.json, trades.csv and manifest.json into DIR');
  addInputOptions(cmd);
  addRunOptions(cmd);
  addRiskOptions(cmd, RISK_DEFAULTS);
  cmd.action(async (opts: Record<string, unknown>) => {
    // cheap checks first: a bad flag fails before any data is read
    const { engineConfig, params } = resolveRunConfig(opts);
    const risk = resolveRiskOptions(opts, RISK_DEFAULTS);
    if (typeof opts.trades === 'string') tradesFormat(opts.trades);
    const outs: OutputPath[] = typeof opts.trades === 'string' ? [{ flag: '--trades', path: opts.trades }] : [];
    if (typeof opts.out === 'string') outs.push(...folderOutputs('--out', opts.out, OUT_FILES));
    guardOutputs(outs, inputPaths(opts));
    const inputs = resolveInputs(opts as never);
    const orderFlow = warnOrderFlow(inputs.bars, engineConfig);
    const bar = progress('replay', inputs.bars.n, Boolean(opts.quiet));
    let parts: ReturnType<typeof runBacktestParts>;
    try {
      parts = runBacktestParts({ ...inputs, engineConfig, params, seed: risk.seed, onProgress: (done) => bar.update(done) });
    } finally {
      bar.stop();
    }
    const figures = riskFigures(inputs.bars, parts.signals, params, parts.plan, parts.sim, risk);
    const result = { ...parts.result, ...figures };
    // --trades and --out are one output: all of it is written, or none of it
    const files: OutputFile[] = [];
    if (typeof opts.out === 'string') {
      const { trades, ...summary } = result;
      files.push({ path: join(opts.out, 'summary.json'), data: json(summary) });
      files.push({ path: join(opts.out, 'manifest.json'), data: json(result.manifest) });
      files.push({ path: join(opts.out, 'trades.csv'), data: await encodeTrades('trades.csv', trades) });
    }
    if (typeof opts.trades === 'string') files.push({ path: opts.trades, data: await encodeTrades(opts.trades, result.trades) });
    writeFileSet(files);
    if (opts.json) {
      process.stdout.write(json({ ...result, order_flow: orderFlow }));
      return;
    }
    process.stdout.write(renderBacktest(result) + renderRisk(figures));
    // files written are reported where the results go (stdout), as every command does
    if (typeof opts.trades === 'string') process.stdout.write(`wrote ${opts.trades}\n`);
    if (typeof opts.out === 'string') process.stdout.write(`wrote ${join(opts.out, 'summary.json')}, trades.csv, manifest.json\n`);
  });
}

const OUT_FILES = ['summary.json', 'manifest.json', 'trades.csv'];

function json(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}
