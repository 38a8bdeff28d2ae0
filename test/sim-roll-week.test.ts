import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBars } from '../src/data/load.ts';
import { DEFAULT_BARS_PATH } from '../src/data/defaults.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { planTrades } from '../src/simulate/plan-trades.ts';
import { scanPlan } from '../src/simulate/scan-plan.ts';
import { simulate } from '../src/simulate/simulate.ts';

const { bars } = loadBars(DEFAULT_BARS_PATH);
const out = replay(bars, null, defaultEngineConfig());

test('--skip-roll-week: roll-week signals are counted but never traded', () => {
  const base = defaultSimParams();
  const all = simulate(bars, out, base);
  const skip = simulate(bars, out, { ...base, skipRollWeek: true });
  const inRoll = (bar: number): boolean => bars.rollWeek[bar] === 1;
  // the embedded year has 23 roll-week sessions: trading them is the default
  assert.ok(all.trades.some((t) => inRoll(t.signalBar)), 'default trades some roll-week signals');
  assert.ok(skip.trades.length > 0);
  assert.ok(skip.trades.every((t) => !inRoll(t.signalBar)), 'no trade starts from a roll-week signal');
  // every signal is still counted
  const sum = (a: Int32Array): number => a.reduce((x, y) => x + y, 0);
  assert.equal(sum(skip.tiers.signals), sum(all.tiers.signals));
  // ... and the skipped ones show up as untradable
  assert.ok(sum(skip.tiers.untradable) > sum(all.tiers.untradable));
});

test('a plan built without the roll-week rule refuses a scan with it (one strategy per plan)', () => {
  const base = defaultSimParams();
  const plan = planTrades(bars, out, base);
  assert.throws(() => scanPlan(plan, base.thresholds, base.multipliers, { ...base, skipRollWeek: true }), /roll-week/);
});
