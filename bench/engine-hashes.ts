// sha256 of every output column of the 5-year replay (RTH and ETH, with and without the full daily context).
// Engine speed work must leave these unchanged: `npm run bench:hashes` compares them with bench/engine-hashes.txt
// (recorded before the optimisation); `node --import tsx bench/engine-hashes.ts` prints them. A deliberate formula
// change re-records the file (print > bench/engine-hashes.txt) in the same commit.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bars, DailyContext } from '../src/data/types.ts';
import { loadBars } from '../src/data/load.ts';
import { buildContext } from '../src/data/context/build.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';
import type { EngineOutput } from '../src/engine/types.ts';
import { ES_5M_FILES, SHARED_REAL } from '../test/helpers/shared.ts';
import { concatBars } from './concat-bars.ts';

export function fiveYearBars(): Bars | null {
  if (!ES_5M_FILES.every((f) => existsSync(f))) return null;
  return concatBars(ES_5M_FILES.map((f) => loadBars(f).bars));
}

/** The full daily context from the shared real files (VIX, SqueezeMetrics, put/call, every chain snapshot). */
export function fullContext(): DailyContext {
  const daily = join(SHARED_REAL, 'daily');
  const chainsDir = join(SHARED_REAL, 'spx_option_chains');
  const chains = readdirSync(chainsDir)
    .filter((f) => f.startsWith('spx_chain_') && f.endsWith('.csv'))
    .sort()
    .map((f) => join(chainsDir, f));
  return buildContext({
    vix: join(daily, 'vix_daily.csv'),
    squeeze: join(daily, 'squeezemetrics_dix_gex_daily.csv'),
    putcall: join(daily, 'cboe_total_put_call_2006-2019.csv'),
    chains,
  }).context;
}

function sha(a: ArrayBufferView): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex').slice(0, 16);
}

/** One line per output column: `<case> <column> <sha256 prefix>`. */
export function outputHashes(o: EngineOutput, label: string): string[] {
  const lines: string[] = [];
  for (const name of FEATURE_NAMES) {
    lines.push(`${label} ${name} ${sha(o.features[name])}`);
    lines.push(`${label} ${name}.available ${sha(o.available[name])}`);
  }
  lines.push(`${label} score ${sha(o.score)}`, `${label} tier ${sha(o.tier)}`, `${label} direction ${sha(o.direction)}`, `${label} active ${sha(o.active)}`);
  return lines;
}

export function allHashes(bars: Bars, ctx: DailyContext): string[] {
  const out: string[] = [];
  for (const session of ['rth', 'eth'] as const) {
    for (const [tag, c] of [['no-ctx', null], ['ctx', ctx]] as const) {
      out.push(...outputHashes(replay(bars, c, { ...defaultEngineConfig(), session }), `${session}/${tag}`));
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bars = fiveYearBars();
  if (!bars) {
    console.log('engine hashes: skipped, ../shared/data/real not found');
  } else if (process.argv[2] === '--check') {
    const want = readFileSync(new URL('./engine-hashes.txt', import.meta.url), 'utf8').trim().split('\n');
    const got = allHashes(bars, fullContext());
    const bad = got.filter((l, i) => l !== want[i]);
    if (bad.length > 0 || got.length !== want.length) {
      console.log(`engine hashes: ${bad.length} of ${want.length} columns DIFFER from bench/engine-hashes.txt:\n${bad.join('\n')}`);
      process.exitCode = 1;
    } else console.log(`engine hashes: all ${got.length} output columns identical to bench/engine-hashes.txt`);
  } else console.log(allHashes(bars, fullContext()).join('\n'));
}
