// `mia data import|info|context`: parse options, call src/data, print. No data logic here.
import type { Command } from 'commander';
import { atomicWrite } from '../util/atomic-write.ts';
import { guardOutputs } from '../util/output-guard.ts';
import { extname } from 'node:path';
import { MiaError } from '../util/errors.ts';
import { importFiles, type ImportOptions } from '../data/import/import.ts';
import { barsToIPCPieces } from '../data/bars-arrow.ts';
import { readExtraColumnsFiles } from '../data/extra-columns.ts';
import { skippedWhere } from '../data/import/common.ts';
import { orderFlowPresence } from '../data/order-flow.ts';
import { DEFAULT_BARS_PATH } from '../data/defaults.ts';
import { loadBars } from '../data/load.ts';
import type { ContextInputs } from '../data/context/build.ts';
import { manifest } from '../util/manifest.ts';
import { isoDate } from '../data/calendar.ts';
import { QUIET_HELP } from './common.ts';

interface ImportCli {
  out: string;
  tz: string;
  skipBadRows?: boolean;
  from?: string;
  to?: string;
  symbol?: string;
  contract?: string;
  tick?: string;
  barMinutes?: string;
  allowOffCalendar?: boolean;
  json?: boolean;
}

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new MiaError(`--${name} '${v}' is not a number`);
  return x;
}

/** The extension names the format: a .csv name would hold Arrow bytes that no CSV reader opens. */
function arrowOut(out: string, parquet = false): void {
  const ext = extname(out).toLowerCase();
  if (ext === '.arrow' || (parquet && ext === '.parquet')) return;
  const what = parquet ? 'an Arrow (.arrow) or Parquet (.parquet) table' : 'an Arrow table';
  throw new MiaError(`--out ${out}: this command writes ${what}; name the file with .arrow (e.g. ${out.slice(0, out.length - ext.length) || out}.arrow)`);
}

export function registerData(program: Command): void {
  const data = program.command('data').description('import bar data, inspect it, build the daily context');

  data
    .command('import')
    .description('validate bar files (CSV: shared real, Sierra Chart, NinjaTrader 8, generic, time and sales aggregated to bars; Arrow from any writer; Parquet) and write one Arrow or Parquet table')
    .argument('<files...>', 'CSV, Arrow or Parquet files; several are merged and sorted')
    .requiredOption('--out <file.arrow|file.parquet>', 'output file, Arrow unless it ends in .parquet (written atomically: nothing is left behind on error)')
    .option('--tz <zone>', 'IANA zone of local-time formats (Sierra Chart, NinjaTrader)', 'America/Chicago')
    .option('--skip-bad-rows', 'skip invalid rows, reporting each one on stderr (and in --json), instead of failing', false)
    .option('--from <month|day>', 'keep trade dates from YYYY-MM or YYYY-MM-DD (inclusive)')
    .option('--to <month|day>', 'keep trade dates up to YYYY-MM or YYYY-MM-DD (inclusive)')
    .option('--symbol <root>', 'instrument symbol (default: symbol column, else the contract root, else ES)')
    .option('--contract <code>', 'contract code for files without a contract column (default: from the file name, else the front quarterly by date)')
    .option('--tick <points>', 'price tick checked on every price (default: from the symbol, 0.25 for ES/MES/NQ/MNQ)')
    .option('--bar-minutes <n>', 'bar length in minutes (default: the most common bar spacing)')
    .option('--allow-off-calendar', 'import bars that fall in the CME daily halt, on a weekend or holiday close (default: stop and name the likely time-zone mistake)', false)
    .option('--json', 'print the import summary as JSON', false)
    .option('--quiet', QUIET_HELP, false)
    .action(async (files: string[], o: ImportCli) => {
      arrowOut(o.out, true);
      guardOutputs([{ flag: '--out', path: o.out }], files);
      const opts: ImportOptions = { tz: o.tz, skipBadRows: Boolean(o.skipBadRows) };
      if (o.allowOffCalendar) opts.allowOffCalendar = true;
      if (o.from !== undefined) opts.from = o.from;
      if (o.to !== undefined) opts.to = o.to;
      if (o.symbol !== undefined) opts.symbol = o.symbol;
      if (o.contract !== undefined) opts.contract = o.contract;
      const tick = num(o.tick, 'tick');
      if (tick !== undefined) opts.tick = tick;
      const bm = num(o.barMinutes, 'bar-minutes');
      if (bm !== undefined) opts.barMinutes = bm;
      const r = importFiles(files, opts);
      // extra engine inputs (--engine original) travel into the Arrow table
      const extra = readExtraColumnsFiles(files, r.tables);
      if (extra) r.bars.extra = extra;
      for (const s of r.skipped) process.stderr.write(`mia: skipped ${skippedWhere(s)}: ${s.field}: ${s.message}\n`);
      for (const w of r.warnings) process.stderr.write(`mia: warning: ${w}\n`);
      const parquet = o.out.toLowerCase().endsWith('.parquet');
      const meta = { source: r.sourceMeta, ...(opts.allowOffCalendar ? { offCalendar: true } : {}) };
      // the Parquet writer (and its dependency) loaded only for a .parquet output
      atomicWrite(o.out, parquet ? (await import('../data/bars-parquet.ts')).barsToParquet(r.bars, meta) : barsToIPCPieces(r.bars, meta));
      const b = r.bars;
      const summary = {
        out: o.out,
        rows: b.n,
        first_trade_date: isoDate(b.tradeDate[0]!),
        last_trade_date: isoDate(b.tradeDate[b.n - 1]!),
        bar_minutes: b.barMs / 60000,
        symbol: b.symbol,
        contracts: b.contracts,
        formats: r.formats,
        skipped: r.skipped,
        out_of_range: r.outOfRange,
        order_flow: orderFlowPresence(b),
        warnings: r.warnings,
        manifest: manifest('data import', r.sources, { ...opts }),
      };
      if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(
          `wrote ${o.out}: ${b.n} bars (${summary.bar_minutes}-minute ${b.symbol}, ${b.contracts.length} contract${b.contracts.length === 1 ? '' : 's'}), ` +
            `trade dates ${summary.first_trade_date} .. ${summary.last_trade_date}` +
            (r.skipped.length ? `; ${r.skipped.length} bad rows skipped (listed on stderr)` : '') +
            (r.outOfRange ? `; ${r.outOfRange} rows outside --from/--to left out` : '') +
            '\n',
        );
      }
    });

  data
    .command('info')
    .description('span, rows, contracts, sessions, roll points and gaps (exchange schedule vs real holes) of a bar file')
    .argument('[file]', 'bar file: Arrow, Parquet or CSV', DEFAULT_BARS_PATH)
    .option('--tz <zone>', 'zone of a local-time CSV', 'America/Chicago')
    .option('--json', 'machine-readable output', false)
    .option('--quiet', QUIET_HELP, false)
    .action(async (file: string, o: { tz: string; json?: boolean }) => {
      // each subcommand loads its own modules: `data import` never pays for the info and context code
      const { describeBars, formatInfo } = await import('../data/info.ts');
      const { bars, source } = loadBars(file, { tz: o.tz });
      const info = describeBars(bars);
      if (o.json) process.stdout.write(`${JSON.stringify({ ...info, manifest: manifest('data info', [source], {}) }, null, 2)}\n`);
      else process.stdout.write(formatInfo(info, file));
    });

  data
    .command('context')
    .description('build the daily context (VIX, SqueezeMetrics GEX/DIX, put/call, options levels from chain snapshots) as Arrow')
    .requiredOption('--out <file.arrow>', 'output Arrow file')
    .option('--vix <file>', 'Cboe VIX daily history CSV (date,open,high,low,close)')
    .option('--squeeze <file>', 'SqueezeMetrics DIX/GEX CSV (date,spx_close|price,dix,gex)')
    .option('--putcall <file>', 'Cboe total put/call CSV (date,call_volume,put_volume,total_volume,put_call_ratio)')
    .option('--chains <paths...>', 'option-chain snapshot CSVs, or a directory holding index.csv + spx_chain_*.csv')
    .option('--from <day>', 'first date kept (YYYY-MM or YYYY-MM-DD)')
    .option('--to <day>', 'last date kept (YYYY-MM or YYYY-MM-DD)')
    .option('--json', 'print the summary as JSON', false)
    .option('--quiet', QUIET_HELP, false)
    .action(async (o: { out: string; vix?: string; squeeze?: string; putcall?: string; chains?: string[]; from?: string; to?: string; json?: boolean }) => {
      const [{ buildContext }, { contextToIPC }] = await Promise.all([import('../data/context/build.ts'), import('../data/context-arrow.ts')]);
      arrowOut(o.out);
      guardOutputs([{ flag: '--out', path: o.out }], [o.vix, o.squeeze, o.putcall, ...(o.chains ?? [])]);
      const inputs: ContextInputs = {};
      if (o.vix) inputs.vix = o.vix;
      if (o.squeeze) inputs.squeeze = o.squeeze;
      if (o.putcall) inputs.putcall = o.putcall;
      if (o.chains) inputs.chains = o.chains;
      if (o.from) inputs.from = o.from;
      if (o.to) inputs.to = o.to;
      const r = buildContext(inputs);
      atomicWrite(o.out, contextToIPC(r.context, { source: r.sourceMeta, method: r.method }));
      const c = r.context;
      const summary = {
        out: o.out,
        rows: c.n,
        first_date: c.n ? isoDate(c.date[0]!) : null,
        last_date: c.n ? isoDate(c.date[c.n - 1]!) : null,
        columns_filled: r.filled,
        chain_levels: r.levels,
        manifest: manifest('data context', r.sources, { ...inputs }),
      };
      if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(`wrote ${o.out}: ${c.n} days ${summary.first_date ?? ''} .. ${summary.last_date ?? ''}\n`);
        for (const [k, v] of Object.entries(r.filled)) process.stdout.write(`  ${k.padEnd(15)} ${v} days\n`);
        for (const l of r.levels) {
          process.stdout.write(`  chain ${l.snapshot} (as of ${l.asof}): call wall ${l.callWall}, put wall ${l.putWall}, gamma flip ${l.gammaFlip ?? 'none'}, net GEX ${(l.netGex / 1e9).toFixed(2)} bn$/1%\n`);
        }
      }
    });
}
