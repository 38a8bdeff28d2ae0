// `mia sweep`: parse options, run the sweep, print the tables (or the JSON) and write the ledger, heatmap and manifest.
import type { Command } from 'commander';
import { join } from 'node:path';
import { addInputOptions, resolveInputs } from './common.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { MiaError } from '../util/errors.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import { fileSha256, sha256 } from '../util/hash.ts';
import { progress } from '../util/progress.ts';
import { buildGrid, TIER_KEYS, type ThresholdSets, type TierKey } from '../sweep/grid.ts';
import { loadSetsFile } from '../sweep/sets-file.ts';
import { presetSets } from '../sweep/presets.ts';
import { parseObjective } from '../sweep/objective.ts';
import { parsePeriod } from '../sweep/period.ts';
import { parseWalkForward } from '../sweep/walk-forward.ts';
import { runSweepDetailed } from '../sweep/run-sweep.ts';
import { ledgerArrow, ledgerCsv } from '../sweep/ledger.ts';
import { renderSweep } from '../sweep/render.ts';
import { heatmapSvg } from '../report/charts/heatmap.ts';
import { addFleetOptions, fleetRunner } from './fleet-options.ts';

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('sweep tier thresholds: rank every set, validate out of sample, measure overfitting (DSR, PBO)')
    .option('--premium <range>', 'PREMIUM thresholds: start:stop:step (e.g. 0.30:0.50:0.01), a value, or a,b,c')
    .option('--strong <range>', 'STRONG thresholds (same forms)')
    .option('--good <range>', 'GOOD thresholds (same forms)')
    .option('--weak <range>', 'WEAK thresholds (same forms); a tier not given keeps the engine threshold')
    .option('--sets <file>', 'threshold sets from CSV (header premium,strong,good,weak) or a JSON array')
    .option('--preset <name>', "named sets: 'seed' = the seed report's raise/lower moves, the code variant and the current set")
    .option('--objective <name>', 'net | sharpe | sortino | profit-factor | expectancy', 'sharpe')
    .option('--min-trades <n>', 'sets with fewer trades cannot be chosen', '20')
    .option('--top <k>', 'rows in the top table', '10')
    .option('--train <from:to>', 'choose on this window (YYYY-MM or YYYY-MM-DD bounds) ...')
    .option('--test <from:to>', '... and report the choice on this one')
    .option('--walk-forward <train/test>', 're-choose every TEST span on the TRAIN span before it, e.g. 6m/1m, 12w/2w, 120d/20d')
    .option('--anchored', 'walk-forward training windows all start at the first date', false)
    .option('--workers <n>', 'worker threads (default: all cores; small sweeps run serially)')
    .option('--out <dir>', 'where to write ledger.arrow/.csv, heatmap.svg, sweep.json, manifest.json (default reports/sweep-<hash>/)');
  addInputOptions(cmd);
  addRunOptions(cmd);
  addFleetOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
    const { engineConfig, params } = resolveRunConfig(opts);
    const { sets, setsSource } = resolveSets(opts, engineConfig.thresholds);
    const objective = parseObjective(str('objective') ?? 'sharpe');
    const minTrades = wholeNumber(str('minTrades') ?? '20', '--min-trades', 0);
    const top = wholeNumber(str('top') ?? '10', '--top', 1);
    const workers = str('workers') === undefined ? undefined : wholeNumber(str('workers') as string, '--workers', 1);
    const train = str('train') ? parsePeriod(str('train') as string, '--train') : null;
    const test = str('test') ? parsePeriod(str('test') as string, '--test') : null;
    const wfSpec = str('walkForward');
    const walkForward = wfSpec ? { spec: wfSpec, ...parseWalkForward(wfSpec), anchored: Boolean(opts.anchored) } : null;
    if (opts.anchored && !wfSpec) throw new MiaError('--anchored needs --walk-forward');
    const inputs = resolveInputs(opts as never);
    const quiet = Boolean(opts.quiet);
    const runner = fleetRunner(opts, inputs, engineConfig);
    const run = await runSweepDetailed({
      ...inputs,
      engineConfig,
      params,
      sets,
      setsSource,
      objective,
      minTrades,
      top,
      train,
      test,
      walkForward,
      ...(workers === undefined ? {} : { workers }),
      ...(runner ? { runner } : {}),
      progress: (label, total) => progress(label, total, quiet),
    });
    const { result, ledger } = run;
    const dir = str('out') ?? join('reports', `sweep-${sha256(JSON.stringify(result.manifest)).slice(0, 12)}`);
    const json = JSON.stringify(result, null, 2) + '\n';
    atomicWrite(join(dir, 'ledger.arrow'), ledgerArrow(ledger, result.manifest));
    atomicWrite(join(dir, 'ledger.csv'), ledgerCsv(ledger));
    atomicWrite(join(dir, 'manifest.json'), JSON.stringify(result.manifest, null, 2) + '\n');
    atomicWrite(join(dir, 'sweep.json'), json);
    const h = result.heatmap;
    atomicWrite(join(dir, 'heatmap.svg'), heatmapSvg({ title: `Sweep: ${h.z_label} by PREMIUM × STRONG (best over GOOD/WEAK)`, xLabel: h.x_label, yLabel: h.y_label, zLabel: h.z_label, xValues: h.x, yValues: h.y, z: h.z }));
    if (result.walk_forward) {
      atomicWrite(join(dir, 'oos-equity.csv'), 'date,equity_usd\n' + result.walk_forward.equity.map((e) => `${e.date},${e.equity_usd}`).join('\n') + '\n');
    }
    if (opts.json) process.stdout.write(json);
    else process.stdout.write(renderSweep(result) + `\nwritten: ${dir}/ (ledger.arrow, ledger.csv, heatmap.svg, sweep.json, manifest.json${result.walk_forward ? ', oos-equity.csv' : ''})\n`);
  });
}

function wholeNumber(s: string, flag: string, min: number): number {
  const x = Number(s);
  if (!/^\d+$/.test(s.trim()) || x < min) throw new MiaError(`${flag} ${s}: must be a whole number >= ${min}`);
  return x;
}

function resolveSets(opts: Record<string, unknown>, current: { premium: number; strong: number; good: number; weak: number }): { sets: ThresholdSets; setsSource: Record<string, unknown> } {
  const ranges: Partial<Record<TierKey, string>> = {};
  for (const k of TIER_KEYS) if (typeof opts[k] === 'string') ranges[k] = opts[k] as string;
  const hasGrid = Object.keys(ranges).length > 0;
  const file = typeof opts.sets === 'string' ? opts.sets : undefined;
  const preset = typeof opts.preset === 'string' ? opts.preset : undefined;
  const given = [hasGrid, file !== undefined, preset !== undefined].filter(Boolean).length;
  if (given === 0) throw new MiaError('sweep: give a grid (--premium/--strong/--good/--weak), --sets FILE or --preset seed');
  if (given > 1) throw new MiaError('sweep: give only one of a grid, --sets or --preset');
  if (file !== undefined) {
    const sets = loadSetsFile(file);
    return { sets, setsSource: { file, sha256: fileSha256(file) } };
  }
  if (preset !== undefined) return { sets: presetSets(preset), setsSource: { preset } };
  return { sets: buildGrid(ranges, current), setsSource: { grid: { ...ranges }, fallback: current } };
}
