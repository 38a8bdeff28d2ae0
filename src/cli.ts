#!/usr/bin/env node
// commander wiring only: each command lives in src/commands/<name>.ts and exports register(program).
import { Command, CommanderError } from 'commander';
import { MIA_VERSION } from './version.ts';
import { MiaError } from './util/errors.ts';
import { registerData } from './commands/data.ts';
import { registerReplay } from './commands/replay.ts';
import { registerScenarios } from './commands/scenarios.ts';
import { registerBacktest } from './commands/backtest.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerReport } from './commands/report.ts';

// A closed pipe (`mia backtest --json | head`) is the reader saying "enough": end quietly, exit 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const program = new Command();
program
  .name('mia')
  .description('Backtest and calibrate the ES confluence signal engine before the open')
  .version(MIA_VERSION)
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  // before the subcommands are added, so they inherit it: usage errors exit 2 like every other mia error
  .exitOverride();

registerData(program);
registerReplay(program);
registerScenarios(program);
registerBacktest(program);
registerSweep(program);
registerCalibrate(program);
registerReport(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof MiaError) {
    process.stderr.write(`mia: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  // commander has already printed its message (or the help / version, which exit 0)
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  throw err;
}
