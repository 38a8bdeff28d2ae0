#!/usr/bin/env node
// commander wiring only: each command lives in src/commands/<name>.ts and exports register(program).
// Start-up is most of a short command's wall time, so only the command being run is imported: the table
// below names every command with the one-line summary `mia --help` shows, and a loader for its module.
// To add a command: one line here (summary + loader); its options live in its own file.
import { Command, CommanderError } from 'commander';
import { MIA_VERSION } from './version.ts';
import { MiaError } from './util/errors.ts';

type Register = (program: Command) => void;
const COMMANDS: [name: string, summary: string, load: () => Promise<Register>][] = [
  ['data', 'import bar data, inspect it, build the daily context', async () => (await import('./commands/data.ts')).registerData],
  ['replay', 'the ten features, score, tier and direction per bar', async () => (await import('./commands/replay.ts')).registerReplay],
  ['scenarios', "the seed report's 19 scenarios through mia's engine", async () => (await import('./commands/scenarios.ts')).registerScenarios],
  ['backtest', "simulate the engine's trades: P&L by tier, month, weekday, side", async () => (await import('./commands/backtest.ts')).registerBacktest],
  ['sweep', 'sweep tier thresholds, validate out of sample, measure overfitting', async () => (await import('./commands/sweep.ts')).registerSweep],
  ['calibrate', 'thresholds from per-session signal-rate targets', async () => (await import('./commands/calibrate.ts')).registerCalibrate],
  ['report', 'the markdown weekend report with charts', async () => (await import('./commands/report.ts')).registerReport],
  ['optimize', 'learn the confluence weights with the gate and exits, judged out of sample', async () => (await import('./commands/optimize.ts')).registerOptimize],
  ['worker', 'serve sweep chunks from a Redis queue (a fleet member)', async () => (await import('./commands/worker.ts')).registerWorker],
];

/** The command word on the command line (`mia help X` asks about X), or undefined for `mia`, `mia --help`. */
function requestedCommand(argv: string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

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

try {
  const wanted = requestedCommand(process.argv);
  const hit = COMMANDS.find(([name]) => name === wanted);
  if (hit) {
    (await hit[2]())(program);
  } else {
    // `mia`, `mia --help` or an unknown word: list the commands from the table without loading any of them
    for (const [name, summary] of COMMANDS) program.command(name).description(summary).allowUnknownOption().helpOption(false);
  }
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof MiaError) {
    if (err.message) process.stderr.write(`mia: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  // commander has already printed its message (or the help / version, which exit 0)
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  throw err;
}
