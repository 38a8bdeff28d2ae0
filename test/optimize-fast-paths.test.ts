// The optimiser's fast paths against the plain ones they shortcut: a plan whose eligible rows were listed by the
// rescoring pass (at the scanned gate, below it, and across the books of evaluateWeights) and whose trade chain is
// walked lazily must scan exactly like a plain copy of the same plan (the plan-wide eligibility pass, no listing),
// trade for trade, with and without the loss limit, and when ruin stops the scan part-way (signals not taken).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadBars, loadContext } from '../src/data/load.ts';
import { sliceBars } from '../src/data/slice.ts';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { scanPlan } from '../src/simulate/scan-plan.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import type { SimParams, TradePlan } from '../src/simulate/types.ts';
import { matrixFromReplay } from '../src/optimize/feature-matrix.ts';
import { dualPlan } from '../src/optimize/side-plans.ts';
import { compose, composeAll, makeBook } from '../src/optimize/book.ts';
import { Rng, dirichlet } from '../src/optimize/rng.ts';
import { ladderFor } from '../src/optimize/ladder.ts';

const SKIP = existsSync(DEFAULT_BARS_PATH) ? false : 'skipped: data/es-5m.arrow not present';

/**
 * The same plan as a new object with its own score copy: no listed rows, no cached chain, no lazy scoring. Build it
 * from a fresh compose (scored up front): a lazy plan's scores are only final as far as a scan has read them.
 */
function plain(p: TradePlan): TradePlan {
  return { ...p, score: Float64Array.from(p.score) };
}

test('listed eligible rows and lazy chains scan like the plain plan (gates at, above the listing; limit; ruin)', { skip: SKIP }, () => {
  const l = loadBars(DEFAULT_BARS_PATH);
  const bars = sliceBars(l.bars, '2024-03', '2024-08');
  const ctx = existsSync(DEFAULT_CONTEXT_PATH) ? loadContext(DEFAULT_CONTEXT_PATH).context : null;
  const config = defaultEngineConfig();
  const m = matrixFromReplay(replay(bars, ctx, config));
  const rng = new Rng(5);
  const weights = [0, 1, 2].map(() => dirichlet(rng, new Array(10).fill(1)));
  let ruined = 0;
  let trades = 0;
  // a high ruin floor makes some scans stop part-way: the lazy walk must stop with them and count the rest right
  const variants: Partial<SimParams>[] = [{ dailyLossLimit: 0 }, { dailyLossLimit: 600 }, { minEquity: defaultSimParams().startingCapital - 3000 }];
  for (const v of variants) {
    const params = { ...defaultSimParams(), ...v };
    const books = [makeBook(dualPlan(bars, m, params), m, 0, 60), makeBook(dualPlan(bars, m, { ...params, stopTicks: params.stopTicks + 4 }), m, 0, 60)];
    for (const w of weights) {
      for (const [floor, gates] of [[0.28, [0.28, 0.38]], [-Infinity, [0.33]]] as const) {
        const plans = composeAll(books, w, config.directionDeadBand, floor);
        for (const [b, plan] of plans.entries()) {
          const ref = plain(compose(books[b]!, w, config.directionDeadBand, true));
          const p = b === 0 ? params : { ...params, stopTicks: params.stopTicks + 4 };
          for (const g of gates) {
            const th = ladderFor(g);
            // summary mode first (the search's: rescored session by session, stopping at ruin), then full detail
            const sum = scanPlan(plan, th, config.multipliers, { ...p, thresholds: th }, { summaryOnly: true, tierDetail: false });
            const got = scanPlan(plan, th, config.multipliers, { ...p, thresholds: th });
            const want = scanPlan(ref, th, config.multipliers, { ...p, thresholds: th });
            assert.equal(sum.netCents, want.netCents);
            assert.equal(sum.tradeCount, want.tradeCount);
            assert.deepEqual(sum.dailyPnlCents, want.dailyPnlCents);
            assert.deepEqual(sum.ruin, want.ruin);
            assert.deepEqual(got.trades, want.trades, `gate ${g}, floor ${floor}, book ${b}`);
            assert.deepEqual(got.dailyPnlCents, want.dailyPnlCents);
            assert.deepEqual(got.ruin, want.ruin);
            ruined += +(want.ruin !== null);
            trades += want.tradeCount;
          }
        }
      }
    }
    // a single book's compose at the scanned gate (the bench's loop) and a fresh one
    const th = ladderFor(0.23);
    for (const fresh of [false, true]) {
      const plan = compose(books[0]!, weights[0]!, config.directionDeadBand, fresh, th.weak);
      const got = scanPlan(plan, th, config.multipliers, { ...params, thresholds: th }, { summaryOnly: true, tierDetail: false });
      const want = scanPlan(plain(compose(books[0]!, weights[0]!, config.directionDeadBand, true, th.weak)), th, config.multipliers, { ...params, thresholds: th }, { summaryOnly: true, tierDetail: false });
      assert.equal(got.netCents, want.netCents);
      assert.equal(got.tradeCount, want.tradeCount);
      assert.deepEqual(got.ruin, want.ruin);
    }
    // a lazily scored plan read after the next compose on its book must refuse, not rescore into the newer plan
    const stale = compose(books[0]!, weights[0]!, config.directionDeadBand, false, th.weak);
    compose(books[0]!, weights[1]!, config.directionDeadBand, false, th.weak);
    assert.throws(() => scanPlan(stale, th, config.multipliers, { ...params, thresholds: th }, { summaryOnly: true, tierDetail: false }), /after the next compose/);
  }
  assert.ok(trades > 500, `${trades} trades compared`);
  assert.ok(ruined > 0, 'some scans reach ruin');
});
