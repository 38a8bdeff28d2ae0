#!/usr/bin/env node
// commander wiring only: each command lives in src/commands/<name>.ts and exports register(program).
import { Command } from 'commander';
import { MIA_VERSION } from './version.ts';
import { MiaError } from './util/errors.ts';
import { registerData } from './commands/data.ts';
import { registerReplay } from './commands/replay.ts';
import { registerScenarios } from './commands/scenarios.ts';
import { registerBacktest } from './commands/backtest.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerReport } from './commands/report.ts';
import { registerOptimize } from './commands/optimize.ts';

const program = new Command();
program
  .name('mia')
  .description('Backtest and calibrate the ES confluence signal engine before the open')
  .version(MIA_VERSION)
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerData(program);
registerReplay(program);
registerScenarios(program);
registerBacktest(program);
registerSweep(program);
registerCalibrate(program);
registerReport(program);
registerOptimize(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof MiaError) {
    process.stderr.write(`mia: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}
