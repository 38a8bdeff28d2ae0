// Monte Carlo over trading days: resample the backtest's daily P&L with a seeded stationary block bootstrap
// (src/risk/block-bootstrap.ts) into `paths` paths as long as the backtest, then report the 5/50/95 % quantiles of
// net P&L, max drawdown and ending equity, the probability of ruin (equity at a session close <= min equity at any
// point of the horizon; trading stops there, as in the simulator, so the path's equity freezes), and a fan of
// equity quantiles per day for the chart. Typed arrays only: 10,000 one-year paths cost a few million steps.
import { lcg } from '../util/prng.ts';
import { quantileSorted } from '../metrics/quantile.ts';
import { BLOCK_RULE, meanBlockLength, stationaryIndices } from './block-bootstrap.ts';

export const DEFAULT_MC_SEED = 1;
/** days sampled for the fan chart (every day when the horizon is shorter) */
const FAN_POINTS = 120;

export interface Quantiles {
  p5: number;
  p50: number;
  p95: number;
}

export interface MonteCarloResult {
  paths: number;
  seed: number;
  /** horizon: days per path (= the backtest's sessions) */
  days: number;
  mean_block_length: number;
  method: string;
  starting_capital_usd: number;
  min_equity_usd: number;
  net_pnl_usd: Quantiles;
  max_drawdown_usd: Quantiles;
  ending_equity_usd: Quantiles;
  /** share of paths whose equity reached min equity within the horizon */
  ruin_probability: number;
  /** equity quantiles at sampled days (day = 1-based index into the horizon) */
  fan: { day: number[]; p5: number[]; p50: number[]; p95: number[] };
}

export interface MonteCarloOptions {
  paths: number;
  seed?: number;
  startingCapital: number;
  /** ruin level, dollars (default 0) */
  minEquity?: number;
  /** mean block length; default meanBlockLength(days) */
  blockLength?: number;
}

export function monteCarlo(dailyPnlCents: ArrayLike<number>, o: MonteCarloOptions): MonteCarloResult {
  const n = dailyPnlCents.length;
  const seed = o.seed ?? DEFAULT_MC_SEED;
  const minEquity = o.minEquity ?? 0;
  const L = o.blockLength ?? meanBlockLength(n);
  const P = o.paths;
  const cap = Math.round(o.startingCapital * 100);
  const ruinCents = Math.round(minEquity * 100);
  const fanDays = fanDaysOf(n);
  const net = new Float64Array(P);
  const dd = new Float64Array(P);
  const fan = fanDays.map(() => new Float64Array(P));
  const idx = new Int32Array(n);
  const rnd = lcg(seed);
  let ruined = 0;
  for (let p = 0; p < P; p++) {
    if (n > 0) stationaryIndices(n, L, rnd, idx);
    let eq = cap;
    let peak = cap;
    let worst = 0;
    let dead = eq <= ruinCents;
    let f = 0;
    for (let t = 0; t < n; t++) {
      if (!dead) {
        eq += dailyPnlCents[idx[t]!]!;
        if (eq > peak) peak = eq;
        else if (peak - eq > worst) worst = peak - eq;
        if (eq <= ruinCents) dead = true;
      }
      if (t + 1 === fanDays[f]) fan[f++]![p] = eq / 100;
    }
    if (dead) ruined++;
    net[p] = (eq - cap) / 100;
    dd[p] = worst / 100;
  }
  return {
    paths: P,
    seed,
    days: n,
    mean_block_length: L,
    method: `${BLOCK_RULE}; ruin = equity at a session close <= min equity, after which the path stops trading`,
    starting_capital_usd: o.startingCapital,
    min_equity_usd: minEquity,
    net_pnl_usd: q3(net),
    max_drawdown_usd: q3(dd),
    ending_equity_usd: q3(Float64Array.from(net, (x) => x + o.startingCapital)),
    ruin_probability: P ? ruined / P : 0,
    fan: { day: fanDays, ...fanQuantiles(fan) },
  };
}

/** 1-based days at which the fan is sampled: evenly spaced, always including the last. */
function fanDaysOf(n: number): number[] {
  if (n <= FAN_POINTS) return Array.from({ length: n }, (_, i) => i + 1);
  const out: number[] = [];
  for (let k = 1; k <= FAN_POINTS; k++) out.push(Math.round((k * n) / FAN_POINTS));
  return out;
}

function q3(x: Float64Array): Quantiles {
  const s = Float64Array.from(x).sort();
  const r = (v: number | null) => (v === null ? 0 : Math.round(v * 100) / 100);
  return { p5: r(quantileSorted(s, 0.05)), p50: r(quantileSorted(s, 0.5)), p95: r(quantileSorted(s, 0.95)) };
}

function fanQuantiles(cols: Float64Array[]): { p5: number[]; p50: number[]; p95: number[] } {
  const qs = cols.map(q3);
  return { p5: qs.map((q) => q.p5), p50: qs.map((q) => q.p50), p95: qs.map((q) => q.p95) };
}
