// The shared random-entry benchmark (src/risk/random-entry.ts) on the walk-forward OOS: each test window is one
// engine run (its chosen weights, gate and exits), so each window gets the benchmark's own entry slots
// (src/risk/random-slots.ts: both-side plans of the one simulator, the engine's trade count and scores per
// session) and every draw is scanned by scanPlan. A draw's windows are stitched like the engine's, and the
// stitched OOS net P&L and Sharpe are placed in the draws' distribution with the benchmark's percentileOf.
import type { Bars } from '../data/types.ts';
import { sharpeRatio } from '../metrics/sharpe.ts';
import { quantiles } from '../metrics/quantile.ts';
import { percentileOf } from '../risk/random-entry.ts';
import { drawEntries, drawPlan, entrySlots, newDraw } from '../risk/random-slots.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import type { SimParams, SimResult, TradePlan } from '../simulate/types.ts';
import { lcg } from '../util/prng.ts';
import { PERIODS_PER_YEAR } from '../sweep/trial.ts';

export const RANDOM_ENTRY_METHOD =
  'the shared random-entry benchmark (src/risk/random-entry.ts) per walk-forward test window: per traded session the engine\'s number of entries at random tradable bars and sides, sized by the tiers of the engine trades they replace; the window\'s chosen exits, costs and loss limit, through planTrades + scanPlan; windows stitched';

export interface RandomEntryFigures {
  draws: number;
  seed: number;
  method: string;
  /** share of draws the stitched OOS beats on net P&L (ties count half), 0..1 */
  net_percentile: number;
  sharpe_percentile: number | null;
  null_net_pnl_usd: { p5: number | null; p50: number | null; p95: number | null };
  median_net_usd: number | null;
  sentence: string;
}

/** The draws' stitched series, window by window. One seeded generator across the windows, in window order. */
export class RandomEntryNull {
  readonly net: Float64Array;
  readonly daily: number[][];
  private readonly rnd: () => number;

  constructor(readonly draws: number, readonly seed: number) {
    this.net = new Float64Array(draws);
    this.daily = Array.from({ length: draws }, () => []);
    this.rnd = lcg(seed);
  }

  /** One test window: `plan` is its (dual) plan, `sim` the engine's full scan of it under `params`. */
  addWindow(bars: Bars, plan: TradePlan, params: SimParams, sim: SimResult): void {
    // the engine was fed exactly the plan's bars: the same sessions, so the benchmark's slots line up with them
    const active = new Uint8Array(bars.n);
    for (let k = 0; k < plan.n; k++) active[plan.signalBar[k]!] = 1;
    const signals = { score: new Float64Array(bars.n), direction: new Int8Array(bars.n), active };
    const slots = entrySlots(bars, signals, params, plan, sim);
    const draw = newDraw(slots);
    for (let d = 0; d < this.draws; d++) {
      drawEntries(slots, this.rnd, draw);
      const r = scanPlan(drawPlan(slots, draw), params.thresholds, params.multipliers, params, { summaryOnly: true, tierDetail: false });
      this.net[d] = this.net[d]! + r.netCents;
      for (const c of r.dailyPnlCents) this.daily[d]!.push(c);
    }
  }

  /** A window where nothing was chosen: flat for the draws too. */
  addFlat(sessions: number): void {
    for (const d of this.daily) for (let s = 0; s < sessions; s++) d.push(0);
  }

  figures(engineDailyCents: ArrayLike<number>, capital: number): RandomEntryFigures {
    const ret = (daily: ArrayLike<number>) => Float64Array.from(daily, (c) => c / 100 / capital);
    let engineNet = 0;
    for (let i = 0; i < engineDailyCents.length; i++) engineNet += engineDailyCents[i]!;
    const engineSharpe = sharpeRatio(ret(engineDailyCents), PERIODS_PER_YEAR);
    const sharpes = Float64Array.from(this.daily, (d) => sharpeRatio(ret(d), PERIODS_PER_YEAR) ?? NaN);
    const netPct = percentileOf(engineNet, this.net);
    const shPct = engineSharpe === null ? null : percentileOf(engineSharpe, sharpes);
    const [p5, p50, p95] = quantiles(this.net, [0.05, 0.5, 0.95]).map((c) => (c === null || c === undefined ? null : Math.round(c) / 100));
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    return {
      draws: this.draws,
      seed: this.seed,
      method: RANDOM_ENTRY_METHOD,
      net_percentile: round4(netPct),
      sharpe_percentile: shPct === null ? null : round4(shPct),
      null_net_pnl_usd: { p5: p5 ?? null, p50: p50 ?? null, p95: p95 ?? null },
      median_net_usd: p50 ?? null,
      sentence: `the learned weights' OOS beats ${pct(netPct)} of ${this.draws} random-entry runs on net P&L${shPct === null ? '' : ` and ${pct(shPct)} on Sharpe`}`,
    };
  }
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
