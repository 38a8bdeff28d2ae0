// The optimiser chooses by the recommender's rule, not a rule of its own: the best (exit, gate) of a weight set
// is the sweep's rankTrials head over the same trial rows (eligibility: enough trades, defined objective, no
// ruin; ties: net P&L, then order), and a trial that reaches ruin never wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { replay } from '../src/engine/replay.ts';
import { FEATURE_NAMES } from '../src/engine/types.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { compareTrials, rankTrials } from '../src/sweep/objective.ts';
import { F } from '../src/sweep/trial.ts';
import { makeBook } from '../src/optimize/book.ts';
import { evaluateWeights, type EvalContext } from '../src/optimize/evaluate.ts';
import { matrixFromReplay } from '../src/optimize/feature-matrix.ts';
import { DEFAULT_GATES, parseGates } from '../src/optimize/ladder.ts';
import { dualPlan } from '../src/optimize/side-plans.ts';
import type { SimParams } from '../src/simulate/types.ts';

test('compareTrials: higher objective first, then higher net P&L, then the earlier trial', () => {
  assert.ok(compareTrials(1.2, 0, 5, 1.1, 900, 0) < 0);
  assert.ok(compareTrials(1.1, 100, 0, 1.1, 200, 1) > 0);
  assert.ok(compareTrials(1.1, 100, 0, 1.1, 100, 1) < 0);
  assert.ok(compareTrials(1.1, 100, 7, 1.1, 100, 3) > 0);
});

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present';

test('evaluateWeights picks the sweep ranking\'s head; with a ruin floor, no ruined trial is ever chosen', { skip: SKIP }, () => {
  const bars = sliceBars(loadBars(DEFAULT_BARS_PATH).bars, '2024-03', '2024-08');
  const config = defaultEngineConfig();
  const m = matrixFromReplay(replay(bars, loadContext(DEFAULT_CONTEXT_PATH).context, config));
  const seedW = Float64Array.from(FEATURE_NAMES, (n) => config.weights[n]);
  const run = (params: SimParams) => {
    const exits = [params, { ...params, stopTicks: 12, targetTicks: 24 }];
    const books = exits.map((p) => {
      const d = dualPlan(bars, m, p);
      return makeBook(d, m, 0, d.sessionDates.length);
    });
    const ctx: EvalContext = { exits, capital: params.startingCapital, multipliers: params.multipliers, deadBand: config.directionDeadBand, ladder: parseGates(DEFAULT_GATES), objective: 'net', minTrades: 5, blockBounds: null };
    const e = evaluateWeights(books, ctx, seedW);
    const N = ctx.ladder.length * exits.length;
    return { e, ranked: rankTrials(e.rows, e.width, N, 'net', 5), N };
  };
  const free = run({ ...defaultSimParams(), minEquity: -1e12 });
  assert.ok(free.ranked.length > 0, 'some trial is eligible without a floor');
  assert.equal(free.e.best, free.ranked[0]);
  assert.equal(free.e.value, free.e.rows[free.e.best * free.e.width + F.net_usd]);
  // a floor just under the starting capital: any trial that is ever down on the day-end equity is ruined
  const p = defaultSimParams();
  const floored = run({ ...p, minEquity: p.startingCapital - 500 });
  let ruined = 0;
  for (let c = 0; c < floored.N; c++) if (floored.e.rows[c * floored.e.width + F.ruin_date]! > 0) ruined++;
  assert.ok(ruined > 0, 'the floor ruins some trials');
  assert.equal(floored.e.best, floored.ranked[0] ?? -1);
  if (floored.e.best >= 0) assert.ok(!(floored.e.rows[floored.e.best * floored.e.width + F.ruin_date]! > 0), 'the choice is not ruined');
  assert.notEqual(floored.ranked.length, free.ranked.length, 'ruined trials left the ranking');
});
