// `mia backtest`: replay the engine over the bars, simulate its trades, print the tables or the JSON document.
import type { Command } from 'commander';
import { join } from 'node:path';
import { addInputOptions, resolveInputs } from './common.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { runBacktest } from '../simulate/run-backtest.ts';
import type { BacktestResult } from '../simulate/run-backtest.ts';
import { renderBacktest } from '../simulate/backtest-tables.ts';
import { tradesFormat, writeTrades } from '../simulate/write-trades.ts';
import { progress } from '../util/progress.ts';
import { atomicWrite } from '../util/atomic-write.ts';

export function registerBacktest(program: Command): void {
  const cmd = program
    .command('backtest')
    .description('replay the signal engine and simulate its trades: P&L, tiers, months, weekdays, long/short')
    .option('--trades <file>', 'write the trade list (.csv, .arrow or .parquet)')
    .option('--out <dir>', 'write summary.json, trades.csv and manifest.json into DIR');
  addInputOptions(cmd);
  addRunOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    // cheap checks first: a bad flag fails before any data is read
    const { engineConfig, params } = resolveRunConfig(opts);
    if (typeof opts.trades === 'string') tradesFormat(opts.trades);
    const inputs = resolveInputs(opts as never);
    const bar = progress('replay', inputs.bars.n, Boolean(opts.quiet));
    let result: BacktestResult;
    try {
      result = runBacktest({ ...inputs, engineConfig, params, onProgress: (done) => bar.update(done) });
    } finally {
      bar.stop();
    }
    if (typeof opts.trades === 'string') await writeTrades(opts.trades, result.trades);
    if (typeof opts.out === 'string') {
      const { trades, ...summary } = result;
      atomicWrite(join(opts.out, 'summary.json'), json(summary));
      atomicWrite(join(opts.out, 'manifest.json'), json(result.manifest));
      await writeTrades(join(opts.out, 'trades.csv'), trades);
    }
    process.stdout.write(opts.json ? json(result) : renderBacktest(result));
  });
}

function json(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}
