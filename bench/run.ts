// `npm run bench`: every stage's figures in pipeline order. Each bench checks its result before timing it.
import { bench as importBench } from './import.ts';
import { bench as engineBench } from './engine.ts';
import { bench as simulateBench } from './simulate.ts';
import { bench as sweepBench } from './sweep.ts';
import { bench as optimizeBench } from './optimize.ts';

const stages: [string, () => Promise<void>][] = [
  ['data import', importBench],
  ['engine replay', engineBench],
  ['simulator / backtest', simulateBench],
  ['sweep', sweepBench],
  ['optimize', optimizeBench],
];
const only = process.argv[2];
for (const [name, run] of stages) {
  if (only && !name.startsWith(only)) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
