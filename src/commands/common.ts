// Input options shared by every command that reads bars: --data, --context, --from, --to, --json, --quiet.
import { Option, type Command } from 'commander';
import type { Bars, DailyContext, SourceInfo } from '../data/types.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../data/defaults.ts';
import { loadBars, loadContext } from '../data/load.ts';
import { sliceBars } from '../data/slice.ts';

export interface InputOptions {
  data?: string;
  context?: string;
  from?: string;
  to?: string;
  json?: boolean;
  quiet?: boolean;
  tz?: string;
}

export interface ResolvedInputs {
  bars: Bars;
  context: DailyContext | null;
  sources: SourceInfo[];
  from: string | null;
  to: string | null;
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data <file>', 'bars: a mia Arrow file or any CSV the importer reads (validated on the fly)').default(DEFAULT_BARS_PATH, 'embedded data/es-5m.arrow'))
    .addOption(new Option('--context <file|none>', "daily context Arrow file from 'mia data context', or 'none'").default(DEFAULT_CONTEXT_PATH, 'embedded data/context-vix.arrow'))
    .option('--from <month|day>', 'first trade date, YYYY-MM or YYYY-MM-DD (exchange time, inclusive)')
    .option('--to <month|day>', 'last trade date, YYYY-MM or YYYY-MM-DD (inclusive)')
    .option('--tz <zone>', 'time zone of local-time CSV given to --data (Sierra Chart, NinjaTrader)', 'America/Chicago')
    .option('--json', 'machine-readable output on stdout', false)
    .option('--quiet', QUIET_HELP, false);
}

/** Every file a bar-reading command reads (bars, context, --fill-data, --sets): what its outputs must never be. */
export function inputPaths(o: object): string[] {
  const opts = o as Record<string, unknown>;
  const paths = [typeof opts.data === 'string' ? opts.data : DEFAULT_BARS_PATH, typeof opts.context === 'string' ? opts.context : DEFAULT_CONTEXT_PATH];
  for (const k of ['fillData', 'sets', 'config']) if (typeof opts[k] === 'string') paths.push(opts[k] as string);
  return paths;
}

/** Every command takes --quiet: stderr then carries only errors and warnings (results always go to stdout). */
export const QUIET_HELP = 'no progress on stderr: only errors and warnings';

export function resolveInputs(opts: InputOptions): ResolvedInputs {
  const dataPath = opts.data ?? DEFAULT_BARS_PATH;
  const loaded = loadBars(dataPath, opts.tz !== undefined ? { tz: opts.tz } : {});
  const sources: SourceInfo[] = [loaded.source];
  let context: DailyContext | null = null;
  if (opts.context !== 'none') {
    const ctxPath = opts.context ?? DEFAULT_CONTEXT_PATH;
    const c = loadContext(ctxPath);
    context = c.context;
    sources.push(c.source);
  }
  const bars = sliceBars(loaded.bars, opts.from, opts.to);
  return { bars, context, sources, from: opts.from ?? null, to: opts.to ?? null };
}
