// Simulator throughput over the real 5-year series, and `mia backtest` end to end on the embedded data.
// Checks the figures it times first: the summary-only scan must equal the full scan, to the cent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadBars } from '../src/data/load.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { planTrades, scanPlan } from '../src/simulate/simulate.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { ES_5M_FILES, HAS_SHARED } from '../test/helpers/shared.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(f: () => void, reps: number): number {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export async function bench(): Promise<void> {
  const params = defaultSimParams();
  const config = defaultEngineConfig();
  if (HAS_SHARED) {
    let bars = 0, planMs = 0, scanMs = 0, scanSumMs = 0, candidates = 0, trades = 0;
    for (const file of ES_5M_FILES) {
      const { bars: b } = loadBars(file);
      const out = replay(b, null, config);
      const plan = planTrades(b, out, params);
      const full = scanPlan(plan, params.thresholds, params.multipliers, params);
      const sum = scanPlan(plan, params.thresholds, params.multipliers, params, { summaryOnly: true });
      assert.equal(sum.netCents, full.netCents);
      assert.equal(full.trades.reduce((s, t) => s + t.pnlCents, 0), full.netCents);
      bars += b.n;
      candidates += plan.n;
      trades += full.tradeCount;
      planMs += time(() => planTrades(b, out, params), 5);
      scanMs += time(() => scanPlan(plan, params.thresholds, params.multipliers, params), 7);
      scanSumMs += time(() => scanPlan(plan, params.thresholds, params.multipliers, params, { summaryOnly: true }), 15);
    }
    const mbs = (ms: number) => ((bars / ms) * 1000 / 1e6).toFixed(1);
    console.log(`5-year series: ${bars} bars, ${candidates} candidate signals, ${trades} trades (RTH, default thresholds)`);
    console.log(`  planTrades           ${planMs.toFixed(1)} ms  ${mbs(planMs)} M bars/s`);
    console.log(`  scanPlan (trades)    ${scanMs.toFixed(1)} ms  ${mbs(scanMs)} M bars/s`);
    console.log(`  scanPlan (summary)   ${scanSumMs.toFixed(2)} ms  ${mbs(scanSumMs)} M bars/s  (one sweep point)`);
    console.log(`  simulate (plan+scan) ${(planMs + scanMs).toFixed(1)} ms  ${mbs(planMs + scanMs)} M bars/s`);
  } else console.log('5-year series: skipped (../shared/data/real not found)');

  if (!existsSync(DEFAULT_BARS_PATH)) {
    console.log('mia backtest end to end: skipped (data/es-5m.arrow not built)');
    return;
  }
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const walls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'backtest', '--quiet', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    walls.push(performance.now() - t0);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { summary: { net_pnl_usd: number }; trades: { pnl_usd: number }[] };
    assert.equal(Math.round(doc.trades.reduce((s, t) => s + t.pnl_usd * 100, 0)), Math.round(doc.summary.net_pnl_usd * 100));
  }
  console.log(`mia backtest (embedded 12 months, --json) end to end: ${median(walls).toFixed(0)} ms wall (median of 3, incl. node + tsx start-up)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench();
