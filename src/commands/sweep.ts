// `mia sweep`: parse options, run the sweep, print the tables (or the JSON) and write the ledger, heatmap and manifest.
import type { Command } from 'commander';
import { join } from 'node:path';
import { addInputOptions, inputPaths, resolveInputs } from './common.ts';
import { addRunOptions, resolveSweepRunConfig } from './sim-options.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { MiaError } from '../util/errors.ts';
import { folderOutputs, guardOutputs } from '../util/output-guard.ts';
import { writeFileSet, type OutputFile } from '../util/write-set.ts';
import { fileSha256, sha256 } from '../util/hash.ts';
import { progress } from '../util/progress.ts';
import { buildGrid, TIER_KEYS, type ThresholdSets, type TierKey } from '../sweep/grid.ts';
import { loadSetsFile } from '../sweep/sets-file.ts';
import { presetSets } from '../sweep/presets.ts';
import { parseObjective } from '../sweep/objective.ts';
import { parsePeriod } from '../sweep/period.ts';
import { parseWalkForward } from '../sweep/walk-forward.ts';
import { runSweepDetailed, type SweepRun } from '../sweep/run-sweep.ts';
import { ledgerArrow, ledgerCsv } from '../sweep/ledger.ts';
import { renderSweep } from '../sweep/render.ts';
import { heatmapSvg } from '../report/charts/heatmap.ts';
import { DEFAULT_MIN_TRADES } from '../sweep/recommend.ts';
import { addFleetOptions, fleetRunner } from './fleet-options.ts';

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('sweep tier thresholds (and exits: --stop/--target/--time-stop/--daily-loss-limit take ranges too): rank every trial, validate out of sample, measure overfitting (DSR, PBO)')
    .option('--premium <range>', 'PREMIUM thresholds: start:stop:step (e.g. 0.30:0.50:0.01), a value, or a,b,c')
    .option('--strong <range>', 'STRONG thresholds (same forms)')
    .option('--good <range>', 'GOOD thresholds (same forms)')
    .option('--weak <range>', 'WEAK thresholds, the entry gate (same forms); a tier not given keeps the engine threshold; no tier given = the default grid over the data\'s score range')
    .option('--sets <file>', 'threshold sets from CSV (header premium,strong,good,weak) or a JSON array')
    .option('--preset <name>', "named sets: 'seed' = the seed report's raise/lower moves, the code variant and the current set")
    .option('--objective <name>', 'net | sharpe | sortino | profit-factor | expectancy', 'sharpe')
    .option('--min-trades <n>', 'sets with fewer trades cannot be chosen', String(DEFAULT_MIN_TRADES))
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
    const { engineConfig, params, exits } = resolveSweepRunConfig(opts);
    const { sets, setsSource } = resolveSets(opts, engineConfig.thresholds);
    const objective = parseObjective(str('objective') ?? 'sharpe');
    const minTrades = wholeNumber(str('minTrades') ?? String(DEFAULT_MIN_TRADES), '--min-trades', 0);
    const top = wholeNumber(str('top') ?? '10', '--top', 1);
    const workers = str('workers') === undefined ? undefined : wholeNumber(str('workers') as string, '--workers', 1);
    const train = str('train') ? parsePeriod(str('train') as string, '--train') : null;
    const test = str('test') ? parsePeriod(str('test') as string, '--test') : null;
    const wfSpec = str('walkForward');
    const walkForward = wfSpec ? { spec: wfSpec, ...parseWalkForward(wfSpec), anchored: Boolean(opts.anchored) } : null;
    if (opts.anchored && !wfSpec) throw new MiaError('--anchored needs --walk-forward');
    const outNames = ['ledger.arrow', 'ledger.csv', 'manifest.json', 'sweep.json', 'heatmap.svg', 'oos-equity.csv'];
    if (str('out') !== undefined) guardOutputs(folderOutputs('--out', str('out') as string, outNames), inputPaths(opts));
    const inputs = resolveInputs(opts as never);
    const orderFlow = warnOrderFlow(inputs.bars, engineConfig);
    const quiet = Boolean(opts.quiet);
    const runner = fleetRunner(opts, inputs, engineConfig);
    const run = await runSweepDetailed({
      ...inputs,
      engineConfig,
      params,
      exits,
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
    const json = JSON.stringify({ ...run.result, order_flow: orderFlow }, null, 2) + '\n';
    const dir = str('out') ?? join('reports', `sweep-${sha256(JSON.stringify(run.result.manifest)).slice(0, 12)}`);
    // the default folder is named after the manifest: guard it too (it could be a file of the same name)
    guardOutputs(folderOutputs('--out', dir, outNames), inputPaths(opts));
    writeFileSet(sweepFiles(dir, run, json));
    const { result } = run;
    if (opts.json) process.stdout.write(json);
    else process.stdout.write(renderSweep(result) + `\nwrote ${dir}/ (ledger.arrow, ledger.csv, heatmap.svg, sweep.json, manifest.json${result.walk_forward ? ', oos-equity.csv' : ''})\n`);
  });
}

/** ledger.arrow/.csv, manifest.json, sweep.json, heatmap.svg (and oos-equity.csv): written as one set, or not at all. */
function sweepFiles(dir: string, run: SweepRun, json: string): OutputFile[] {
  const { result, ledger } = run;
  const h = result.heatmap;
  const files: OutputFile[] = [
    { path: join(dir, 'ledger.arrow'), data: ledgerArrow(ledger, result.manifest) },
    { path: join(dir, 'ledger.csv'), data: ledgerCsv(ledger) },
    { path: join(dir, 'manifest.json'), data: JSON.stringify(result.manifest, null, 2) + '\n' },
    { path: join(dir, 'sweep.json'), data: json },
    { path: join(dir, 'heatmap.svg'), data: heatmapSvg({ title: `Sweep: ${h.z_label} by PREMIUM × STRONG (best over GOOD/WEAK/exits)`, xLabel: h.x_label, yLabel: h.y_label, zLabel: h.z_label, xValues: h.x, yValues: h.y, z: h.z }) },
  ];
  if (result.walk_forward) {
    files.push({ path: join(dir, 'oos-equity.csv'), data: 'date,equity_usd\n' + result.walk_forward.equity.map((e) => `${e.date},${e.equity_usd}`).join('\n') + '\n' });
  }
  return files;
}

function wholeNumber(s: string, flag: string, min: number): number {
  const x = Number(s);
  if (!/^\d+$/.test(s.trim()) || x < min) throw new MiaError(`${flag} ${s}: must be a whole number >= ${min}`);
  return x;
}

/** The sets to sweep; null = the default grid of the data's score range (built once the scores are known). */
function resolveSets(opts: Record<string, unknown>, current: { premium: number; strong: number; good: number; weak: number }): { sets: ThresholdSets | null; setsSource: Record<string, unknown> } {
  const ranges: Partial<Record<TierKey, string>> = {};
  for (const k of TIER_KEYS) if (typeof opts[k] === 'string') ranges[k] = opts[k] as string;
  const hasGrid = Object.keys(ranges).length > 0;
  const file = typeof opts.sets === 'string' ? opts.sets : undefined;
  const preset = typeof opts.preset === 'string' ? opts.preset : undefined;
  const given = [hasGrid, file !== undefined, preset !== undefined].filter(Boolean).length;
  if (given === 0) return { sets: null, setsSource: {} };
  if (given > 1) throw new MiaError('sweep: give only one of a grid, --sets or --preset');
  if (file !== undefined) {
    const sets = loadSetsFile(file);
    return { sets, setsSource: { file, sha256: fileSha256(file) } };
  }
  if (preset !== undefined) return { sets: presetSets(preset), setsSource: { preset } };
  return { sets: buildGrid(ranges, current), setsSource: { grid: { ...ranges }, fallback: current } };
}
