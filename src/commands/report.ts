// `mia report weekend`: run the pipeline once, render the weekend report and its charts, print the path.
import type { Command } from 'commander';
import { addInputOptions, inputPaths, resolveInputs, type InputOptions } from './common.ts';
import type { EngineOptions } from './engine-options.ts';
import { addRunOptions, resolveRunConfig } from './sim-options.ts';
import { parsePeriod } from '../sweep/period.ts';
import { buildWeekend, DEFAULT_MIN_TRADES, DEFAULT_REPORT_RISK } from '../report/weekend-build.ts';
import { renderWeekend, reportName } from '../report/weekend-render.ts';
import { reportJson } from '../report/report-json.ts';
import { addRiskOptions, resolveRiskOptions } from './risk-options.ts';
import { findPrevious } from '../report/digest.ts';
import { freeBase, reportPaths, writeReport } from '../report/write.ts';
import { guardOutputs } from '../util/output-guard.ts';
import { join } from 'node:path';
import { progress } from '../util/progress.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { MiaError } from '../util/errors.ts';
import { TIER_KEYS, type TierKey } from '../sweep/grid.ts';
import { applyOptimized, readOptimized, type OptimizedRun } from '../optimize/load-result.ts';

type ReportOptions = InputOptions & EngineOptions & Record<string, unknown> & {
  train?: string;
  test?: string;
  out: string;
  minTrades?: string;
};

export function registerReport(program: Command): void {
  const report = program.command('report').description('reports computed from real runs');
  const cmd = report
    .command('weekend')
    .description("the weekend report: thresholds, scenarios, signal distribution, backtest, sweep and out-of-sample test, with charts");
  addInputOptions(cmd);
  addRunOptions(cmd);
  cmd
    .option('--train <from:to>', 'training window for the threshold sweep, YYYY-MM[-DD]:YYYY-MM[-DD] (default: the first 2/3 of the sessions)')
    .option('--test <from:to>', 'test window, after the training window (default: the remaining sessions)')
    .option('--premium <range>', 'sweep grid for PREMIUM, start:stop:step or a list (default: over the data\'s score range, as mia calibrate)')
    .option('--strong <range>', 'sweep grid for STRONG (default: over the score range)')
    .option('--good <range>', 'sweep grid for GOOD (default: over the score range)')
    .option('--weak <range>', 'sweep grid for WEAK, the entry gate (default: over the score range)')
    .option('--min-trades <n>', `sets with fewer training trades cannot be recommended (default ${DEFAULT_MIN_TRADES})`)
    .option('--optimized <file>', 'run with the learned weights, thresholds and exits of an optimize.json (`mia optimize --out DIR`) and add the weights section')
    .option('--out <dir>', 'folder for weekend-<date>.md and its charts', 'reports')
    .option('--force', 'replace an existing report of the same date (without it, a suffixed name is written: weekend-<date>-2.md)', false);
  addRiskOptions(cmd, { monteCarlo: DEFAULT_REPORT_RISK.monteCarlo, randomEntry: DEFAULT_REPORT_RISK.randomEntry });
  cmd
    .action(async (opts: ReportOptions) => {
      const risk = resolveRiskOptions(opts, DEFAULT_REPORT_RISK);
      const optimized = typeof opts.optimized === 'string' ? readOptimized(opts.optimized) : undefined;
      guardOutputs([{ flag: '--out', path: opts.out, kind: 'dir' }], [...inputPaths(opts), opts.optimized as string | undefined]);
      const inputs = resolveInputs(opts);
      if (optimized) warnOtherInputs(optimized, inputs.sources);
      const run0 = resolveRunConfig(opts as Record<string, unknown>);
      // --optimized replaces the weights, thresholds and exits; everything else (data, costs, session) is the run's
      const { engineConfig, params } = optimized ? applyOptimized(optimized, run0.engineConfig, run0.params) : run0;
      const train = opts.train !== undefined ? parsePeriod(opts.train, '--train') : null;
      const test = opts.test !== undefined ? parsePeriod(opts.test, '--test') : null;
      if (Boolean(train) !== Boolean(test)) throw new MiaError('--train and --test go together');
      let minTrades: number | undefined;
      if (opts.minTrades !== undefined) {
        minTrades = Number(opts.minTrades);
        if (!Number.isInteger(minTrades) || minTrades < 0) throw new MiaError(`--min-trades: expected a whole number >= 0, got "${opts.minTrades}"`);
      }
      const grid: Partial<Record<TierKey, string>> = {};
      for (const k of TIER_KEYS) if (typeof opts[k] === 'string') grid[k] = opts[k] as string;
      const orderFlow = warnOrderFlow(inputs.bars, engineConfig);
      const quiet = Boolean(opts.quiet);
      const run = await buildWeekend({
        ...inputs,
        engineConfig,
        params,
        train,
        test,
        grid,
        ...(minTrades !== undefined ? { minTrades } : {}),
        command: ['mia', ...process.argv.slice(2)].join(' '),
        risk,
        ...(optimized ? { optimized } : {}),
        progress: (label, total) => progress(label, total, quiet),
      });
      if (run.data.span.sessions === 0) throw new MiaError('report weekend: no session in the data window');
      const previous = findPrevious(opts.out, run.data.reportDate);
      const name = reportName(run.data);
      const base = opts.force ? name : freeBase(opts.out, name);
      if (base !== name) process.stderr.write(`mia: ${join(opts.out, `${name}.md`)} already exists: writing ${base}.md beside it (--force replaces it)\n`);
      const rendered = renderWeekend(run.data, previous, base);
      const planned = reportPaths(opts.out, rendered);
      guardOutputs([planned.markdown, ...planned.charts].map((path) => ({ flag: '--out', path })), [...inputPaths(opts), opts.optimized as string | undefined]);
      const written = writeReport(opts.out, rendered);
      if (opts.json) process.stdout.write(JSON.stringify({ ...reportJson(run.data, written, previous?.file ?? null), order_flow: orderFlow }, null, 2) + '\n');
      else process.stdout.write(`${written.markdown}\n`);
    });
}

/** Learned weights judged on other data are still usable, but the reader must know the evidence is not this data's. */
function warnOtherInputs(o: OptimizedRun, sources: { sha256: string }[]): void {
  const theirs = new Set(o.result.manifest.inputs.map((i) => i.sha256));
  if (sources.some((s) => !theirs.has(s.sha256))) process.stderr.write(`mia: --optimized ${o.file} was learned on other inputs (sha256 differ): its out-of-sample evidence is about those inputs\n`);
}
