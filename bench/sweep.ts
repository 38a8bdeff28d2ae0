// Sweep throughput (threshold sets per second) over one year and over the full 5-year real series, and the
// cost of a 1,000-set sweep in single backtests (same data, same process). Correctness first: the sweep's
// ledger rows must equal independent backtests, and the parallel rows the serial ones.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import type { Bars, DailyContext, SourceInfo } from '../src/data/types.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { DEFAULT_THRESHOLDS } from '../src/engine/types.ts';
import { planTrades } from '../src/simulate/plan-trades.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { runBacktest } from '../src/simulate/run-backtest.ts';
import type { Signals } from '../src/simulate/types.ts';
import { buildGrid, setAt, type ThresholdSets } from '../src/sweep/grid.ts';
import { runSweepDetailed } from '../src/sweep/run-sweep.ts';
import { PARALLEL_MIN_WORK, TrialRunner } from '../src/sweep/trial-runner.ts';
import { F, rowWidth } from '../src/sweep/trial.ts';
import { ES_5M_FILES, HAS_SHARED } from '../test/helpers/shared.ts';

const SETS = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Exactly 1,000 ordered sets around the current thresholds. */
function thousandSets(): ThresholdSets {
  const g = buildGrid({ premium: '0.34:0.46:0.01', strong: '0.28:0.40:0.01', good: '0.22:0.32:0.02', weak: '0.16,0.18' }, DEFAULT_THRESHOLDS);
  assert.ok(g.n >= SETS, `grid has ${g.n} sets`);
  return { n: SETS, values: g.values.slice(0, SETS * 4) };
}

interface Data {
  label: string;
  bars: Bars;
  context: DailyContext | null;
  sources: SourceInfo[];
}

function oneYear(): Data | null {
  if (existsSync(DEFAULT_BARS_PATH)) {
    const b = loadBars(DEFAULT_BARS_PATH);
    const c = existsSync(DEFAULT_CONTEXT_PATH) ? loadContext(DEFAULT_CONTEXT_PATH) : null;
    return { label: 'embedded data/es-5m.arrow', bars: b.bars, context: c?.context ?? null, sources: c ? [b.source, c.source] : [b.source] };
  }
  if (HAS_SHARED) {
    const b = loadBars(ES_5M_FILES[1]!);
    return { label: 'shared CSV, 2023-10..2024-09 (embedded data not built)', bars: sliceBars(b.bars, '2023-10', '2024-09'), context: null, sources: [b.source] };
  }
  return null;
}

/** Scan-only throughput of a prepared job, serial and on `workers` threads (pool start-up timed apart). */
async function scanThroughput(bars: Bars, signals: Signals, sets: ThresholdSets, workers: number) {
  const params = defaultSimParams();
  const plan = planTrades(bars, signals, params);
  const job = { plan, params, multipliers: params.multipliers, sets: sets.values, views: [{ from: 0, to: plan.sessionDates.length, blocks: 16 }] };
  const serial = TrialRunner.create(job, { workers: 1 });
  await serial.run(0); // JIT warm-up
  const ts: number[] = [];
  let rows: Float64Array = new Float64Array(0);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    rows = await serial.run(0);
    ts.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const pool = TrialRunner.create(job, { workers, forceParallel: true });
  const cold = await pool.run(0);
  const coldMs = performance.now() - t0;
  const tp: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    const p = await pool.run(0);
    tp.push(performance.now() - t1);
    assert.deepEqual(Array.from(p), Array.from(rows), 'parallel rows = serial rows');
  }
  await pool.close();
  assert.deepEqual(Array.from(cold), Array.from(rows));
  return { candidates: plan.n, serialMs: median(ts), parallelMs: median(tp), coldMs, rows };
}

/** 10 exit combinations (5 stops x 2 loss limits, target 2 x stop) x 1,000 threshold sets, end to end after the replay. */
async function exitGrid(data: Data, signals: Signals, sets: ThresholdSets): Promise<void> {
  const config = defaultEngineConfig();
  const params = defaultSimParams();
  const exits = [6, 8, 10, 12, 14].flatMap((stop) => [1000, 2000].map((limit) => ({ stopTicks: stop, targetTicks: 2 * stop, timeStopBars: 0, dailyLossLimit: limit })));
  const input = { bars: data.bars, context: data.context, sources: data.sources, from: null, to: null, engineConfig: config, params, signals, sets, exits, setsSource: { bench: true }, objective: 'sharpe' as const, minTrades: 30, top: 10 };
  const t0 = performance.now();
  const r = await runSweepDetailed(input);
  const ms = performance.now() - t0;
  assert.equal(r.result.trials, SETS * exits.length);
  // correctness: one trial of a non-default combination equals the backtest with its thresholds and exits
  const g = 7 * SETS + 123;
  const bt = runBacktest({ bars: data.bars, context: data.context, sources: data.sources, from: null, to: null, engineConfig: config, params: { ...params, ...exits[7]!, thresholds: setAt(sets, 123) }, engineOutput: signals as never });
  assert.equal(r.ledger.rows[g * r.ledger.width + F.net_usd], bt.summary.net_pnl_usd, 'exit-grid trial net');
  console.log(`  ${exits.length} exit combinations x ${SETS} sets = ${r.result.trials} trials, end to end after the replay (${exits.length / 2} plans, scans, DSR, PBO, top table)   ${(ms / 1000).toFixed(1)} s  (target <= 30 s)`);
}

export async function bench(): Promise<void> {
  const sets = thousandSets();
  const workers = availableParallelism();
  const config = defaultEngineConfig();
  const params = defaultSimParams();
  const data = oneYear();
  if (!data) {
    console.log('sweep: skipped (neither data/es-5m.arrow nor ../shared/data/real is present)');
  } else {
    const signals = replay(data.bars, data.context, config);
    const s = await scanThroughput(data.bars, signals, sets, workers);
    // correctness: ledger rows equal independent backtests for a few sets
    const w = rowWidth(16);
    for (const i of [0, 123, 999]) {
      const t = setAt(sets, i);
      const bt = runBacktest({ bars: data.bars, context: data.context, sources: data.sources, from: null, to: null, engineConfig: config, params: { ...params, thresholds: t }, engineOutput: signals as never });
      assert.equal(s.rows[i * w + F.net_usd], bt.summary.net_pnl_usd, `set ${i} net`);
      assert.equal(s.rows[i * w + F.trades], bt.summary.trades, `set ${i} trades`);
    }
    const rate = (ms: number) => Math.round((SETS / ms) * 1000).toLocaleString('en-US');
    console.log(`one year (${data.label}): ${data.bars.n} bars, ${s.candidates} candidate signals, ${SETS} sets`);
    console.log(`  scan, serial             ${s.serialMs.toFixed(0)} ms  ${rate(s.serialMs)} sets/s`);
    console.log(`  scan, ${workers} workers (warm)   ${s.parallelMs.toFixed(0)} ms  ${rate(s.parallelMs)} sets/s`);
    console.log(`  scan, ${workers} workers (cold)   ${s.coldMs.toFixed(0)} ms  ${rate(s.coldMs)} sets/s  (incl. pool start-up under tsx)`);

    // 1,000-set sweep vs one backtest, both end to end from bars (replay included), same process
    const bt: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      runBacktest({ bars: data.bars, context: data.context, sources: data.sources, from: null, to: null, engineConfig: config, params });
      bt.push(performance.now() - t0);
    }
    const sw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await runSweepDetailed({ bars: data.bars, context: data.context, sources: data.sources, from: null, to: null, engineConfig: config, params, sets, setsSource: { bench: true }, objective: 'sharpe', minTrades: 20, top: 10 });
      sw.push(performance.now() - t0);
      assert.equal(r.result.trials, SETS);
    }
    const btMs = median(bt);
    const swMs = median(sw);
    console.log(`  one backtest (replay+plan+scan+report)   ${btMs.toFixed(0)} ms`);
    const pooled = SETS * s.candidates >= PARALLEL_MIN_WORK ? `${workers} workers` : 'in-process (below the pool threshold)';
    console.log(`  1,000-set sweep end to end (replay, plan, scans ${pooled}, DSR, PBO, top table)   ${swMs.toFixed(0)} ms`);
    console.log(`  ratio sweep / backtest = ${(swMs / btMs).toFixed(2)}  (target <= 5)`);
    await exitGrid(data, signals, sets);
  }

  if (!HAS_SHARED) {
    console.log('5-year series: skipped (../shared/data/real not found)');
    return;
  }
  let serialMs = 0;
  let parallelMs = 0;
  let coldMs = 0;
  let bars = 0;
  let candidates = 0;
  for (const file of ES_5M_FILES) {
    const { bars: b } = loadBars(file);
    const signals = replay(b, null, config);
    const s = await scanThroughput(b, signals, sets, workers);
    serialMs += s.serialMs;
    parallelMs += s.parallelMs;
    coldMs += s.coldMs;
    bars += b.n;
    candidates += s.candidates;
  }
  const rate = (ms: number) => Math.round((SETS / ms) * 1000).toLocaleString('en-US');
  console.log(`5-year series (2 files): ${bars} bars, ${candidates} candidate signals, ${SETS} sets`);
  console.log(`  scan, serial             ${serialMs.toFixed(0)} ms  ${rate(serialMs)} sets/s`);
  console.log(`  scan, ${workers} workers (warm)   ${parallelMs.toFixed(0)} ms  ${rate(parallelMs)} sets/s`);
  console.log(`  scan, ${workers} workers (cold)   ${coldMs.toFixed(0)} ms  ${rate(coldMs)} sets/s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench();
