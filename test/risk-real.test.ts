// Risk figures on the real ES series (../shared/data/real, skipped with the reason where it is absent): ratio
// intervals over ~700 sessions, a repeatable Monte Carlo, and random entries that keep the engine's entry count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP_SHARED, ES_5M_FILES } from './helpers/shared.ts';
import { loadBars } from '../src/data/load.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { runBacktestParts } from '../src/simulate/run-backtest.ts';
import { riskFigures } from '../src/risk/risk-figures.ts';

test('real series 2021-12..2024-09: intervals, repeatable Monte Carlo, random entries keep the entry count', { skip: SKIP_SHARED }, () => {
  const loaded = loadBars(ES_5M_FILES[1]!);
  const engineConfig = defaultEngineConfig();
  // no daily loss limit and no ruin floor: every placed random entry opens, so the counts compare exactly
  const params = { ...defaultSimParams(), dailyLossLimit: 0, minEquity: -1e12 };
  const parts = runBacktestParts({ bars: loaded.bars, context: null, sources: [loaded.source], from: null, to: null, engineConfig, params, seed: 2 });
  const s = parts.result.summary;
  assert.ok(s.sessions > 600, `${s.sessions} sessions`);
  assert.equal(s.ratio_days, s.sessions);
  assert.ok(s.sharpe_annualised !== null && s.sharpe_ci95 !== null);
  assert.ok(s.sharpe_ci95![0] < s.sharpe_annualised! && s.sharpe_annualised! < s.sharpe_ci95![1]);
  const opts = { monteCarlo: 2000, randomEntry: 40, seed: 3, minEquity: -1e12 };
  const a = riskFigures(loaded.bars, parts.signals, params, parts.plan, parts.sim, opts);
  const b = riskFigures(loaded.bars, parts.signals, params, parts.plan, parts.sim, opts);
  assert.deepEqual(a, b);
  const mc = a.monte_carlo!;
  assert.equal(mc.days, s.sessions);
  assert.ok(mc.net_pnl_usd.p5 < mc.net_pnl_usd.p50 && mc.net_pnl_usd.p50 < mc.net_pnl_usd.p95);
  const re = a.random_entry!;
  assert.equal(re.engine_trades, s.trades);
  assert.ok(re.mean_random_trades >= 0.95 * s.trades, `${re.mean_random_trades} random vs ${s.trades} engine trades`);
  assert.ok(re.mean_random_trades <= s.trades);
});
