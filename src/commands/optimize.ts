// `mia optimize`: parse options, run the weight search with walk-forward judgement, print a summary (or the JSON)
// and write optimize.json, manifest.json and the weights report section with its chart.
import type { Command } from 'commander';
import { join } from 'node:path';
import { addInputOptions, inputPaths, resolveInputs } from './common.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { MiaError } from '../util/errors.ts';
import { writeFileSet } from '../util/write-set.ts';
import { folderOutputs, guardOutputs } from '../util/output-guard.ts';
import { sha256 } from '../util/hash.ts';
import { progress } from '../util/progress.ts';
import { FEATURE_NAMES } from '../engine/types.ts';
import { parseObjective } from '../sweep/objective.ts';
import { parseWalkForward } from '../sweep/walk-forward.ts';
import { DEFAULT_GATES, parseGates } from '../optimize/ladder.ts';
import { parseRegime } from '../optimize/regime.ts';
import { weightSpace } from '../optimize/simplex.ts';
import { prepareOptimize, runOptimize, runOptimizeWith } from '../optimize/run-optimize.ts';
import type { OptimizeInput, OptimizeResult } from '../optimize/types.ts';
import { addFleetOptions, fleetOptions, namedInputs } from './fleet-options.ts';
import type { FleetInputs, FleetOptions } from '../fleet/coordinator.ts';
import { FleetWeights } from '../fleet/weights-coordinator.ts';
import { renderOptimize } from '../optimize/render.ts';
import { weightsSection } from '../report/weights-section.ts';
import { validateSimParams } from '../simulate/plan-trades.ts';
import type { SimParams } from '../simulate/types.ts';

const OUT_FILES = ['optimize.json', 'manifest.json', 'weights.md', 'weights-stability.svg'];

export function registerOptimize(program: Command): void {
  const cmd = program
    .command('optimize')
    .description('learn the confluence weights with the gate and exits (seeded Dirichlet + CMA-ES), judged out of sample (walk-forward, DSR, PBO, random entries)')
    .option('--budget <n>', 'weight sets to try per search (the seed weights count as one)', '200')
    .option('--patience <n>', 'stop CMA-ES after this many generations without improvement', '8')
    .option('--seed <n>', 'random seed of the search and the random-entry benchmark', '1')
    .option('--random-share <x>', 'share of the budget spent on Dirichlet samples before CMA-ES', '0.3')
    .option('--gate <range>', 'WEAK gates scanned with every weight set (start:stop:step, a value or a,b,c); GOOD/STRONG/PREMIUM keep the seed spacing above it', DEFAULT_GATES)
    .option('--exits <list>', 'exit combinations searched with every weight set, STOP/TARGET[/TIME_STOP] in ticks and bars, e.g. 8/16,12/24,12/24/6 (default: the run\'s --stop/--target/--time-stop)')
    .option('--pin <list>', 'fix features, name=value,... (e.g. sierra_pattern_strength=0)')
    .option('--bounds <list>', 'per-feature bounds, name=lo:hi,...')
    .option('--objective <name>', 'net | sharpe | sortino | profit-factor | expectancy', 'sharpe')
    .option('--min-trades <n>', 'choices with fewer trades on their training sessions are not eligible (nor those reaching ruin, --min-equity)', '20')
    .option('--walk-forward <train/test>', 're-run the search on every TRAIN span and trade its choice on the TEST span after it, e.g. 12m/3m')
    .option('--anchored', 'walk-forward training windows all start at the first date', false)
    .option('--regime <spec>', 'one threshold set per regime bucket: vix:15,25 (previous session VIX close) or rv:3 (terciles of previous-session realised volatility)')
    .option('--random-draws <n>', 'draws of the shared random-entry benchmark on the walk-forward OOS (0 = off)', '200')
    .option('--cache <dir>', 'feature-matrix cache folder', '.mia-cache')
    .option('--no-cache', 'always replay; write no cache')
    .option('--out <dir>', 'where to write optimize.json, manifest.json, weights.md, weights-stability.svg, all or none (default reports/optimize-<hash>/); `mia report weekend --optimized DIR/optimize.json` runs with the result');
  addInputOptions(cmd);
  addRunOptions(cmd);
  addFleetOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
    const { engineConfig, params } = resolveRunConfig(opts);
    const budget = whole(str('budget')!, '--budget', 2);
    const patience = whole(str('patience')!, '--patience', 1);
    const seed = whole(str('seed')!, '--seed', 0);
    const randomShare = Number(str('randomShare'));
    if (!(randomShare > 0 && randomShare < 1)) throw new MiaError(`--random-share ${str('randomShare')}: must be in (0, 1)`);
    const gateSpec = str('gate')!;
    const ladder = parseGates(gateSpec);
    const wfSpec = str('walkForward');
    if (opts.anchored && !wfSpec) throw new MiaError('--anchored needs --walk-forward');
    const space = weightSpace(10, parseNamed(str('pin'), '--pin', (v) => strict(v, '--pin')), parseNamed(str('bounds'), '--bounds', parseBound));
    const exits = parseExits(str('exits'), params);
    const inputs = resolveInputs(opts as never);
    const quiet = Boolean(opts.quiet);
    const fleet = fleetOptions(opts);
    const input: OptimizeInput = {
      ...inputs,
      engineConfig,
      params,
      objective: parseObjective(str('objective')!),
      minTrades: whole(str('minTrades')!, '--min-trades', 0),
      ladder,
      gateSpec,
      exits,
      space,
      search: { budget, patience, seed, randomShare },
      walkForward: wfSpec ? { spec: wfSpec, ...parseWalkForward(wfSpec), anchored: Boolean(opts.anchored) } : null,
      regime: str('regime') ? parseRegime(str('regime')!) : null,
      randomDraws: whole(str('randomDraws')!, '--random-draws', 0),
      cacheDir: opts.cache === false ? null : (str('cache') ?? '.mia-cache'),
      // the program's own arguments (not process.argv: a test or a host may parse other arguments than its own)
      command: reproduceCommand(((self.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? process.argv).slice(3), seed),
      options: { budget, patience, seed, random_share: randomShare, gate: gateSpec, exits: str('exits') ?? null, pin: str('pin') ?? null, bounds: str('bounds') ?? null, objective: str('objective'), min_trades: str('minTrades'), walk_forward: wfSpec ?? null, anchored: Boolean(opts.anchored), regime: str('regime') ?? null, random_draws: str('randomDraws'), from: inputs.from, to: inputs.to },
      progress: (label, total) => progress(label, total, quiet),
    };
    const result = fleet ? await runOnFleet(input, fleet, namedInputs(opts, inputs, engineConfig)) : runOptimize(input);
    const dir = str('out') ?? join('reports', `optimize-${sha256(JSON.stringify(result.manifest)).slice(0, 12)}`);
    const json = JSON.stringify(result, null, 2) + '\n';
    const section = weightsSection(result, 'weights-stability.svg');
    // the four files land together or not at all (`report weekend --optimized DIR/optimize.json` reads them back)
    guardOutputs(folderOutputs('--out', dir, OUT_FILES), inputPaths(opts as never));
    writeFileSet([
      { path: join(dir, 'optimize.json'), data: json },
      { path: join(dir, 'manifest.json'), data: JSON.stringify(result.manifest, null, 2) + '\n' },
      { path: join(dir, 'weights.md'), data: section.markdown },
      { path: join(dir, 'weights-stability.svg'), data: section.svg },
    ]);
    if (opts.json) process.stdout.write(json);
    else process.stdout.write(renderOptimize(result) + `\nwritten: ${dir}/ (${OUT_FILES.join(', ')}); the weekend report with these weights: mia report weekend <same data flags> --optimized ${join(dir, 'optimize.json')}\n`);
  });
}

/** The same search with its weight sets evaluated by `mia worker` processes (src/fleet/weights-coordinator.ts). */
async function runOnFleet(input: OptimizeInput, fleet: FleetOptions, named: FleetInputs): Promise<OptimizeResult> {
  const prepared = prepareOptimize(input);
  const remote = await FleetWeights.create(named, input, prepared, fleet);
  try {
    return await runOptimizeWith(input, prepared, (b) => remote.evaluate(b));
  } finally {
    await remote.close();
  }
}

/** `8/16,12/24/6` → one SimParams per combination (the run's other parameters kept); none given: the run's own. */
function parseExits(list: string | undefined, params: SimParams): SimParams[] {
  if (list === undefined) return [params];
  return list.split(',').map((part) => {
    const f = part.split('/').map((x) => x.trim());
    const nums = f.map(Number);
    if (f.length < 2 || f.length > 3 || f.some((x) => x === '') || nums.some((x) => !Number.isFinite(x))) throw new MiaError(`--exits ${part}: expected STOP/TARGET or STOP/TARGET/TIME_STOP, e.g. 8/16 or 12/24/6`);
    const p: SimParams = { ...params, stopTicks: nums[0]!, targetTicks: nums[1]!, timeStopBars: nums[2] ?? params.timeStopBars };
    validateSimParams(p);
    return p;
  });
}

function whole(s: string, flag: string, min: number): number {
  if (!/^\d+$/.test(s.trim()) || Number(s) < min) throw new MiaError(`${flag} ${s}: must be a whole number >= ${min}`);
  return Number(s);
}

function strict(s: string, flag: string): number {
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new MiaError(`${flag}: '${s}' must be a number in [0, 1]`);
  return x;
}

function parseBound(s: string): [number, number] {
  const [a, b] = s.split(':');
  const lo = strict(a ?? '', '--bounds');
  const hi = strict(b ?? '', '--bounds');
  if (lo > hi) throw new MiaError(`--bounds: ${s} has lo > hi`);
  return [lo, hi];
}

/** `name=value,...` → feature index → parsed value. */
function parseNamed<T>(list: string | undefined, flag: string, parse: (v: string) => T): Map<number, T> {
  const out = new Map<number, T>();
  if (list === undefined) return out;
  for (const part of list.split(',')) {
    const [name, value] = part.split('=');
    const k = (FEATURE_NAMES as readonly string[]).indexOf((name ?? '').trim());
    if (k < 0 || value === undefined) throw new MiaError(`${flag} ${part}: expected name=value with a feature name (${FEATURE_NAMES.join(', ')})`);
    out.set(k, parse(value.trim()));
  }
  return out;
}

/** The command line as given, minus output-only and fleet flags, with the seed made explicit. */
function reproduceCommand(args: string[], seed: number): string {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json' || a === '--quiet') continue;
    // where the output goes and where the work runs (--redis may carry a password) do not change the result
    if (a === '--out' || a === '--redis' || a === '--chunk') {
      i++;
      continue;
    }
    if (/^--(out|redis|chunk)=/.test(a)) continue;
    kept.push(/^[\w./:,=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  }
  if (!kept.some((a) => a === '--seed' || a.startsWith('--seed='))) kept.push('--seed', String(seed));
  return ['mia', 'optimize', ...kept].join(' ');
}
