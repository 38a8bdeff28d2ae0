// `--engine original` replay speed over the 5-year real series, beside mia's engine on the same bars (issue 10:
// the original mode must replay at >= 1 M bars/s). Checks first: two runs identical, every fed score in [0,1].
import { existsSync } from 'node:fs';
import { loadBars } from '../src/data/load.ts';
import { importFiles } from '../src/data/import/import.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import type { Bars } from '../src/data/types.ts';
import type { EngineKind } from '../src/engine/types.ts';
import { ES_5M_FILES } from '../test/helpers/shared.ts';

const TARGET = 1_000_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median CPU ms (user + system) of 7 replays. */
function cpuMs(bars: Bars, engine: EngineKind, session: 'rth' | 'eth'): number {
  const config = { ...defaultEngineConfig(), engine, session };
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    replay(bars, null, config);
    const c = process.cpuUsage(c0);
    runs.push((c.user + c.system) / 1000);
  }
  return median(runs);
}

export async function bench(): Promise<void> {
  let bars: Bars;
  if (ES_5M_FILES.every((f) => existsSync(f))) {
    bars = importFiles(ES_5M_FILES).bars;
    console.log(`data: 5-year real series (../shared, both 5-minute files merged): ${bars.n} bars`);
  } else if (existsSync(DEFAULT_BARS_PATH)) {
    bars = loadBars(DEFAULT_BARS_PATH).bars;
    console.log(`data: embedded data/es-5m.arrow (${bars.n} bars; ../shared not found)`);
  } else {
    console.log('original engine bench: no data');
    return;
  }
  const config = { ...defaultEngineConfig(), engine: 'original' as const, session: 'eth' as const };
  const a = replay(bars, null, config);
  const b = replay(bars, null, config);
  for (let i = 0; i < bars.n; i++) {
    if (!Object.is(a.score[i], b.score[i])) throw new Error(`bench check: original replay not deterministic at ${i}`);
    if (a.active[i] && !(a.score[i]! >= 0 && a.score[i]! <= 1)) throw new Error(`bench check: original score ${a.score[i]} at ${i}`);
  }
  console.log('(CPU time, median of 7 passes, on the shared 2-core machine: expect +/-5 % or more under load)');
  for (const session of ['rth', 'eth'] as const) {
    for (const engine of ['original', 'mia'] as const) {
      const ms = cpuMs(bars, engine, session);
      const rate = bars.n / (ms / 1000);
      const verdict = engine === 'original' ? ` (${rate >= TARGET ? 'meets' : 'BELOW'} the 1 M target)` : '';
      console.log(`  ${session.toUpperCase()} ${engine.padEnd(8)} ${ms.toFixed(1).padStart(7)} ms -> ${(rate / 1e6).toFixed(2)} M bars/s over all ${bars.n} bars${verdict}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
