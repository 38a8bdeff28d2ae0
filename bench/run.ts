// `npm run bench`: every stage's figures in pipeline order. Each bench checks its result before timing it.
import { bench as importBench } from './import.ts';
import { bench as engineBench } from './engine.ts';
import { bench as originalBench } from './engine-original.ts';
import { bench as simulateBench } from './simulate.ts';
import { bench as sweepBench } from './sweep.ts';
import { bench as riskBench } from './risk.ts';
import { bench as cliBench } from './cli.ts';
import { bench as fleetBench } from './fleet.ts';
import { bench as optimizeBench } from './optimize.ts';

const stages: [string, () => Promise<void>][] = [
  ['data import', importBench],
  ['engine replay', engineBench],
  ['engine original', originalBench],
  ['simulator / backtest', simulateBench],
  ['sweep', sweepBench],
  ['risk', riskBench],
  ['cli end to end', cliBench],
  // skips with a reason when neither redis-server nor MIA_TEST_REDIS_URL is there
  ['fleet (Redis workers)', fleetBench],
  ['optimize', optimizeBench],
];
const only = process.argv[2];
for (const [name, run] of stages) {
  if (only && !name.startsWith(only)) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
