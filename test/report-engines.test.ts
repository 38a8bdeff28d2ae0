// The weekend report's engines section: its figures are each engine's own backtest on the same bars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { runBacktest, type BacktestInput } from '../src/simulate/run-backtest.ts';
import { compareEngines, renderEngineComparison } from '../src/report/engine-comparison.ts';
import { n, usd } from '../src/report/format.ts';

test('engines section: tier counts from each replay, trades and net from each engine’s backtest', () => {
  const loaded = loadBars(DEFAULT_BARS_PATH);
  const ctx = loadContext(DEFAULT_CONTEXT_PATH);
  const bars = sliceBars(loaded.bars, '2024-08', '2024-08');
  const engineConfig = defaultEngineConfig();
  const params = { ...defaultSimParams(), thresholds: { ...engineConfig.thresholds }, multipliers: { ...engineConfig.multipliers } };
  const base: BacktestInput = { bars, context: ctx.context, sources: [loaded.source], from: '2024-08', to: '2024-08', engineConfig, params };
  const out = replay(bars, ctx.context, engineConfig);
  const bt = runBacktest(base);
  const c = compareEngines(base, out, bt);
  const btOrig = runBacktest({ ...base, engineConfig: { ...engineConfig, engine: 'original' } });
  const outOrig = replay(bars, ctx.context, { ...engineConfig, engine: 'original' });
  const [mia, orig] = c.columns;
  assert.equal(mia!.engine, 'mia');
  assert.equal(orig!.engine, 'original');
  assert.equal(mia!.trades, bt.summary.trades);
  assert.equal(orig!.trades, btOrig.summary.trades);
  assert.equal(orig!.netUsd, btOrig.summary.net_pnl_usd);
  let premium = 0;
  let differ = 0;
  for (let i = 0; i < bars.n; i++) {
    if (outOrig.active[i] && outOrig.tier[i] === 4) premium++;
    if (out.active[i] && out.tier[i] !== outOrig.tier[i]) differ++;
  }
  assert.equal(orig!.tiers.PREMIUM, premium);
  assert.equal(c.tierDiffers, differ);
  const md = renderEngineComparison(c);
  assert.ok(md.includes(`| Trades | ${n(mia!.trades)} |  | ${n(orig!.trades)} |  |`), md);
  assert.ok(md.includes(usd(orig!.netUsd)));
  // started from the original, the section still puts mia first and gives the same figures
  const c2 = compareEngines({ ...base, engineConfig: { ...engineConfig, engine: 'original' } }, outOrig, btOrig);
  assert.deepEqual(c2, c);
});
