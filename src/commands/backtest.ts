// `mia backtest`: replay the engine over the bars, simulate its trades, print the tables or the JSON document.
import type { Command } from 'commander';
import { join } from 'node:path';
import { addInputOptions, inputPaths, resolveInputs } from './common.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { runBacktest } from '../simulate/run-backtest.ts';
import type { BacktestResult } from '../simulate/run-backtest.ts';
import { renderBacktest } from '../simulate/backtest-tables.ts';
import { encodeTrades, tradesFormat } from '../simulate/write-trades.ts';
import { progress } from '../util/progress.ts';
import { folderOutputs, guardOutputs, type OutputPath } from '../util/output-guard.ts';
import { writeFileSet, type OutputFile } from '../util/write-set.ts';

export function registerBacktest(program: Command): void {
  const cmd = program
    .command('backtest')
    .description('replay the signal engine and simulate its trades: P&L, tiers, months, weekdays, long/short')
    .option('--trades <file>', 'write the trade list (.csv or .arrow)')
    .option('--out <dir>', 'write summary.json, trades.csv and manifest.json into DIR');
  addInputOptions(cmd);
  addRunOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    // cheap checks first: a bad flag fails before any data is read
    const { engineConfig, params } = resolveRunConfig(opts);
    if (typeof opts.trades === 'string') tradesFormat(opts.trades);
    const outs: OutputPath[] = typeof opts.trades === 'string' ? [{ flag: '--trades', path: opts.trades }] : [];
    if (typeof opts.out === 'string') outs.push(...folderOutputs('--out', opts.out, OUT_FILES));
    guardOutputs(outs, inputPaths(opts));
    const inputs = resolveInputs(opts as never);
    const orderFlow = warnOrderFlow(inputs.bars, engineConfig);
    const bar = progress('replay', inputs.bars.n, Boolean(opts.quiet));
    let result: BacktestResult;
    try {
      result = runBacktest({ ...inputs, engineConfig, params, onProgress: (done) => bar.update(done) });
    } finally {
      bar.stop();
    }
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
    process.stdout.write(opts.json ? json({ ...result, order_flow: orderFlow }) : renderBacktest(result));
  });
}

const OUT_FILES = ['summary.json', 'manifest.json', 'trades.csv'];

function json(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}
