// `mia replay`: the engine over the bars, one row per bar to CSV or Arrow, plus the per-feature availability.
import type { Command } from 'commander';
import { extname } from 'node:path';
import { addInputOptions, inputPaths, resolveInputs } from './common.ts';
import type { InputOptions } from './common.ts';
import { addEngineOptions, resolveEngineConfig } from './engine-options.ts';
import type { EngineOptions } from './engine-options.ts';
import { warnOrderFlow } from './order-flow-warning.ts';
import { replay } from '../engine/replay.ts';
import { availabilitySummary } from '../engine/availability.ts';
import { replayToArrowPieces, replayToCsv, replayToParquet } from '../engine/replay-output.ts';
import { progress } from '../util/progress.ts';
import { guardOutputs } from '../util/output-guard.ts';
import { writeFileSet } from '../util/write-set.ts';
import { manifest } from '../util/manifest.ts';
import { table } from '../util/table.ts';
import { MiaError } from '../util/errors.ts';

export function registerReplay(program: Command): void {
  const cmd = program
    .command('replay')
    .description('replay the confluence engine over the bars: the ten features, score, tier and direction per bar')
    .requiredOption('--out <file>', 'output file, .csv, .arrow or .parquet (a manifest is written beside it as <file>.manifest.json)');
  addInputOptions(cmd);
  addEngineOptions(cmd);
  cmd.action((opts: InputOptions & EngineOptions & { out: string }) => {
    const ext = extname(opts.out).toLowerCase();
    if (ext !== '.csv' && ext !== '.arrow' && ext !== '.parquet') throw new MiaError(`--out ${opts.out}: expected a .csv, .arrow or .parquet file`);
    const manifestPath = `${opts.out}.manifest.json`;
    guardOutputs([{ flag: '--out', path: opts.out }, { flag: '--out', path: manifestPath }], inputPaths(opts));
    const config = resolveEngineConfig(opts);
    const inputs = resolveInputs(opts);
    const orderFlow = warnOrderFlow(inputs.bars, config);
    const bar = progress('replay', inputs.bars.n, Boolean(opts.quiet));
    let out;
    try {
      out = replay(inputs.bars, inputs.context, config, { onProgress: (d) => bar.update(d) });
    } finally {
      bar.stop();
    }
    const availability = availabilitySummary(out);
    const m = manifest('replay', inputs.sources, { from: inputs.from, to: inputs.to, engine: config, out: opts.out });
    const doc = { manifest: m, engine: config.engine, bars: out.n, processed: availability[0]?.bars ?? 0, availability, order_flow: orderFlow };
    const body = ext === '.csv' ? replayToCsv(inputs.bars, out) : ext === '.parquet' ? replayToParquet(inputs.bars, out, { 'mia.manifest': JSON.stringify(m) }) : replayToArrowPieces(inputs.bars, out, { 'mia.manifest': JSON.stringify(m) });
    writeFileSet([{ path: opts.out, data: body }, { path: manifestPath, data: JSON.stringify(m, null, 2) + '\n' }]);
    if (opts.json) {
      process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      return;
    }
    const rows = availability.map((a) => [a.feature, a.real, a.bars, `${(100 * a.share).toFixed(1)}%`]);
    // the coverage table is a result, like every command's figures: stdout, beside the "wrote" line
    process.stdout.write(
      table(['feature', 'bars on real inputs', 'bars processed', 'share'], rows, { title: `replay (${config.engine} engine): ${out.n} bars, ${doc.processed} processed (${config.session}); per-feature inputs` }) + '\n',
    );
    process.stdout.write(`wrote ${opts.out}\n`);
  });
}
