// runSweep / runCalibrate wiring on deterministic synthetic bars and signals (no engine needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromIPC } from 'apache-arrow';
import { syntheticBars, syntheticSignals } from './fixtures/sweep/synthetic.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { DEFAULT_THRESHOLDS } from '../src/engine/types.ts';
import { planTrades, scanPlan } from '../src/simulate/simulate.ts';
import { buildGrid, setAt } from '../src/sweep/grid.ts';
import { runSweepDetailed, type SweepInput } from '../src/sweep/run-sweep.ts';
import { ledgerArrow, ledgerCsv } from '../src/sweep/ledger.ts';
import { F } from '../src/sweep/trial.ts';
import { runCalibrate, tierCountsPerSession } from '../src/sweep/calibrate.ts';
import { parsePeriod } from '../src/sweep/period.ts';
import { planWindow } from '../src/sweep/plan-window.ts';
import { verdict } from '../src/sweep/verdict.ts';

const bars = syntheticBars(160);
const signals = syntheticSignals(bars);
const params = defaultSimParams();
const sets = buildGrid({ premium: '0.40:0.46:0.02', strong: '0.34:0.40:0.02', good: '0.28:0.32:0.02' }, DEFAULT_THRESHOLDS);
const base: SweepInput = {
  bars, context: null, sources: [], from: null, to: null, engineConfig: defaultEngineConfig(), params, signals,
  sets, setsSource: { grid: 'synthetic' }, objective: 'net', minTrades: 5, top: 3, workers: 1,
};

test('ranking, top rows, heatmap and ledger agree with each other', async () => {
  const run = await runSweepDetailed(base);
  const { result, ledger } = run;
  assert.equal(result.trials, sets.n);
  const w = ledger.width;
  // rank 1 has the highest net among eligible trials
  let best = -Infinity;
  for (let i = 0; i < sets.n; i++) if ((ledger.rows[i * w + F.trades] as number) >= 5) best = Math.max(best, ledger.rows[i * w + F.net_usd] as number);
  assert.equal(result.chosen!.sample.net_pnl_usd, best);
  assert.equal(ledger.rank[result.chosen!.index], 1);
  assert.deepEqual(result.top.map((t) => t.rank), [1, 2, 3]);
  // heatmap cell of the chosen set holds the best objective
  const h = result.heatmap;
  const c = result.chosen!.thresholds;
  assert.equal(h.z[h.y.indexOf(c.strong)]![h.x.indexOf(c.premium)], best);
  // ledger files: Arrow carries the manifest, CSV has one line per trial
  const t = tableFromIPC(ledgerArrow(ledger, result.manifest));
  assert.equal(t.numRows, sets.n);
  assert.equal(JSON.parse(t.schema.metadata.get('mia_manifest')!).command, 'sweep');
  assert.equal(ledgerCsv(ledger).trim().split('\n').length, sets.n + 1);
  // a trial row equals a direct scan of the same plan
  const plan = planTrades(bars, signals, params);
  const k = 7;
  const sim = scanPlan(plan, setAt(sets, k), params.multipliers, { ...params, thresholds: setAt(sets, k) });
  assert.equal(ledger.rows[k * w + F.net_usd], sim.netCents / 100);
  assert.equal(ledger.rows[k * w + F.trades], sim.tradeCount);
  // DSR and PBO are filled and in [0, 1]
  const o = result.overfitting;
  assert.ok(o.dsr!.value! >= 0 && o.dsr!.value! <= 1);
  assert.ok(o.pbo!.value >= 0 && o.pbo!.value <= 1);
  assert.equal(o.pbo!.blocks, 16);
  assert.equal(o.dsr!.trials, sets.n);
});

test('train/test and walk-forward validate their windows', async () => {
  await assert.rejects(runSweepDetailed({ ...base, train: parsePeriod('2024-01:2024-04', 't'), test: parsePeriod('2024-04:2024-05', 't') }), /overlap/);
  await assert.rejects(runSweepDetailed({ ...base, train: parsePeriod('2030-01', 't'), test: parsePeriod('2030-02', 't') }), /no session/);
  await assert.rejects(runSweepDetailed({ ...base, walkForward: { spec: '2y/1m', train: { n: 24, unit: 'm' }, test: { n: 1, unit: 'm' }, anchored: false } }), /shorter than the training span/);
  const tt = await runSweepDetailed({ ...base, train: parsePeriod('2024-01:2024-04', 't'), test: parsePeriod('2024-05:2024-08', 't') });
  assert.equal(tt.result.mode, 'train-test');
  assert.ok(tt.result.top.every((r) => r.test !== null && r.test.from! >= '2024-05-01'));
  // the test figures are the scan of the test window alone
  const plan = planTrades(bars, signals, params);
  const from = Array.from(plan.sessionDates).findIndex((d) => d >= 20240501);
  const to = Array.from(plan.sessionDates).findIndex((d) => d > 20240831);
  const ch = tt.result.chosen!;
  const sim = scanPlan(planWindow(plan, from, to === -1 ? plan.sessionDates.length : to), ch.thresholds, params.multipliers, { ...params, thresholds: ch.thresholds });
  assert.equal(ch.test!.net_pnl_usd, sim.netCents / 100);
});

test('verdict follows the numbers', () => {
  assert.equal(verdict({ trials: 100, isSharpe: 1.9, oosSharpe: 0.4, dsr: 0.7, pbo: 0.62 }).level, 'likely-overfit');
  assert.match(verdict({ trials: 100, isSharpe: 1.9, oosSharpe: 0.4, dsr: 0.7, pbo: 0.62 }).text, /fell from 1\.90 to 0\.40; PBO 0\.62/);
  assert.equal(verdict({ trials: 10, isSharpe: 2, oosSharpe: 1.8, dsr: 0.97, pbo: 0.1 }).level, 'credible');
  assert.equal(verdict({ trials: 10, isSharpe: 2, oosSharpe: 1.2, dsr: 0.9, pbo: 0.3 }).level, 'inconclusive');
  assert.equal(verdict({ trials: 10, isSharpe: -0.5, oosSharpe: null, dsr: 0.1, pbo: 0.3 }).level, 'no-edge');
  assert.equal(verdict({ trials: 10, isSharpe: null, oosSharpe: null, dsr: null, pbo: null }).level, 'no-choice');
});

test('calibrate: the median training session lands in the target ranges; counts reconcile with the scan', () => {
  const r = runCalibrate({
    bars, context: null, sources: [], from: null, to: null, engineConfig: defaultEngineConfig(), params, signals,
    targets: { premium: { min: 2, max: 4 }, strong: { min: 5, max: 10 } },
    train: parsePeriod('2024-01:2024-05', 't'), test: parsePeriod('2024-06:2024-08', 't'),
  });
  const [p, s, g, w] = r.tiers;
  assert.ok(p!.train.median >= 2 && p!.train.median <= 4, `premium median ${p!.train.median}`);
  assert.ok(s!.train.median >= 5 && s!.train.median <= 10, `strong median ${s!.train.median}`);
  assert.ok(r.thresholds.premium > r.thresholds.strong && r.thresholds.strong > r.thresholds.good);
  assert.equal(g!.threshold, DEFAULT_THRESHOLDS.good);
  assert.equal(w!.threshold, DEFAULT_THRESHOLDS.weak);
  assert.ok(p!.test !== null && r.figures.test !== null);
  // per-session tier counts sum to the scan's tier signal counts
  const plan = planTrades(bars, signals, params);
  const sim = scanPlan(plan, r.thresholds, params.multipliers, { ...params, thresholds: r.thresholds }, { summaryOnly: true });
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  assert.equal(sum(tierCountsPerSession(plan, r.thresholds, 4)), sim.tiers.signals[4]);
  assert.equal(sum(tierCountsPerSession(plan, r.thresholds, 3)), sim.tiers.signals[3]);
  // a target beyond what the scores allow is an error, not a silent miss
  assert.throws(() => runCalibrate({ ...base, targets: { premium: { min: 500, max: 600 } } }), /cannot be met/);
});

test('worker pool rows equal serial rows (synthetic plan, forced pool, several windows)', async () => {
  const wf = { spec: '2m/1m', train: { n: 2, unit: 'm' as const }, test: { n: 1, unit: 'm' as const }, anchored: true };
  const serial = await runSweepDetailed({ ...base, walkForward: wf, workers: 1 });
  const pooled = await runSweepDetailed({ ...base, walkForward: wf, workers: 2, forceParallel: true });
  assert.deepEqual(Array.from(pooled.ledger.rows), Array.from(serial.ledger.rows));
  assert.equal(JSON.stringify(pooled.result), JSON.stringify(serial.result));
  assert.ok(serial.result.walk_forward!.windows.every((w) => w.train_from === serial.result.walk_forward!.windows[0]!.train_from));
});
