// Stage 2 of the simulator: the threshold-dependent sequential pass over a TradePlan — tiers, sizing,
// one position at a time, costs, the daily loss limit and ruin. The sweep calls it thousands of times, so it
// allocates only its result (and Trade objects unless `summaryOnly`).
//
// Reading order: scanPlan (set-up, one call per session) → scanSession (the per-trade loop) → limitCheck and
// limitExit (limit-exit.ts: the rare walk of a trade's bars when the daily loss limit may close it) → record /
// tradeRecord (the backtest's rows) → closeSession. Per-tier counters are in tier-counts.ts.
import { tierOf, multiplierOf } from '../engine/config.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { EXIT_REASONS, ExitCode } from './types.ts';
import type { Ruin, ScanOptions, SimParams, SimResult, TierCounts, Trade, TradePlan } from './types.ts';
import { chainThrough, preparerOf, tradeChain, type TradeChain } from './trade-chain.ts';
import { limitExit, type LimitExit } from './limit-exit.ts';
import { countSignals, countSkipped, newTierCounts, signalsFromSortedScores } from './tier-counts.ts';

const EPS_TICKS = 1e-6;
// Module-local copies: tsx compiles imports to live-binding getters, which cost a call per use in the hot loop.
const DAILY_LIMIT = ExitCode.daily_limit;
const tierFor = tierOf;
// Scan.acc slots
const GROSS = 0, COMM = 1, SLIP = 2, WON = 3, LOST = 4, GP = 5, GL = 6;

/** Contracts for a tier: round(base x multiplier), at least 1 when the multiplier is > 0. */
export function contractsFor(base: number, multiplier: number): number {
  if (!(multiplier > 0)) return 0;
  return Math.max(1, Math.round(base * multiplier));
}

/** The plan fixes the exit rules; a scan with different ones would silently report another strategy. */
function checkCompatible(plan: TradePlan, p: SimParams): void {
  const same =
    plan.stopTicks === p.stopTicks &&
    plan.targetTicks === p.targetTicks &&
    plan.timeStopBars === p.timeStopBars &&
    plan.session === p.session &&
    plan.skipRollWeek === p.skipRollWeek &&
    plan.instrument.tick === p.instrument.tick &&
    plan.instrument.tickValue === p.instrument.tickValue;
  if (!same) throw new MiaError('scanPlan: the plan was built with other stop/target/time-stop/session/instrument/roll-week parameters');
}

/** Per tier (index 1..4): contracts, the round trip's fixed costs (cents), initial risk for R, cents per tick of the position. */
interface TierCosts {
  sizes: Int32Array;
  comm: Float64Array;
  slip: Float64Array;
  risk: Float64Array;
  tvc: Float64Array;
}

function tierCosts(plan: TradePlan, params: SimParams, multipliers: Multipliers): TierCosts {
  const tvCents = params.instrument.tickValue * 100;
  const commSideCents = Math.round(params.commissionPerSide * 100);
  const c: TierCosts = { sizes: new Int32Array(5), comm: new Float64Array(5), slip: new Float64Array(5), risk: new Float64Array(5), tvc: new Float64Array(5) };
  for (let t = 1; t <= 4; t++) {
    const n = contractsFor(params.baseContracts, multiplierOf(t, multipliers));
    c.sizes[t] = n;
    c.comm[t] = 2 * commSideCents * n;
    c.slip[t] = Math.round(2 * params.slippageTicks * tvCents * n);
    c.risk[t] = Math.round(plan.stopTicks * tvCents * n) + c.comm[t]! + c.slip[t]!;
    c.tvc[t] = tvCents * n;
  }
  return c;
}

/** Everything one scan reads and accumulates; one object so the per-session function stays small. */
interface Scan {
  plan: TradePlan;
  th: Thresholds;
  ordered: boolean;
  costs: TierCosts;
  chain: TradeChain;
  tiers: TierCounts;
  detail: boolean;
  summaryOnly: boolean;
  tvCents: number;
  slip: number;
  limitCents: number;
  /** equity (cents) at or below which trading stops for good */
  floorCents: number;
  equityCents: number;
  daily: Float64Array;
  trades: Trade[];
  /** running sums, indexed GROSS .. GL (a typed array: the hot loop writes no object field) */
  acc: Float64Array;
  haltedDays: number;
  /** signals on bars before the open trade's exit bar are "in position" */
  busyUntil: number;
  /** tierDetail: the first candidate not yet counted */
  k: number;
  ruin: Ruin | null;
  /** limitExit's answer (reused: no allocation per trade) */
  lim: LimitExit;
}


/**
 * The one trade loop (`mia backtest` and every sweep trial). Sessions are independent (no position crosses a
 * session end; the daily loss limit stops only the rest of its trade date), and without the limit the trades
 * depend only on which candidates may open a position, so the loop walks each session's precomputed trade chain
 * (`tradeChain`, cached per plan and shared by every set with the same WEAK), sizes each trade by its tier,
 * applies costs and the limit, and leaves the session at a halt. Once equity reaches `minEquity` (ruin) nothing
 * more is traded. With `tierDetail` (default) it also counts, per tier, the candidates the chain steps over (in
 * position, halted, untradable); the sweep's mode skips them, so a scan costs O(trades), not O(candidates).
 */
export function scanPlan(plan: TradePlan, thresholds: Thresholds, multipliers: Multipliers, params: SimParams, opts: ScanOptions = {}): SimResult {
  checkCompatible(plan, params);
  const costs = tierCosts(plan, params, multipliers);
  const th = thresholds;
  const sc: Scan = {
    plan, th, costs,
    ordered: th.premium > th.strong && th.strong > th.good && th.good > th.weak,
    chain: tradeChain(plan, th, costs.sizes),
    tiers: newTierCounts(),
    detail: opts.tierDetail !== false,
    summaryOnly: opts.summaryOnly === true,
    tvCents: params.instrument.tickValue * 100,
    slip: params.slippageTicks,
    limitCents: Math.round(params.dailyLossLimit * 100),
    floorCents: Math.round((params.minEquity ?? 0) * 100),
    equityCents: Math.round(params.startingCapital * 100),
    daily: new Float64Array(plan.sessionDates.length),
    trades: [],
    acc: new Float64Array(7), haltedDays: 0, busyUntil: -1, k: 0, ruin: null,
    lim: { hit: false, exitBar: 0, exitPrice: 0, pnlTicks: 0, mae: 0, mfe: 0 },
  };
  // a lazily scored plan (the optimiser's): the counts below read every score; otherwise session by session
  const prepare = preparerOf(plan);
  if (prepare && (sc.detail || !sc.ordered)) prepare(Infinity);
  if (sc.detail) countSignals(plan, th, sc.tiers);
  else signalsFromSortedScores(plan, th, sc.tiers);
  const S = plan.sessionDates.length;
  for (let s = 0; s < S && sc.ruin === null; s++) {
    if (prepare) prepare(s);
    chainThrough(sc.chain, s);
    scanSession(sc, s);
  }
  // after ruin, every later candidate at or above WEAK is a signal trading no longer takes
  if (sc.ruin !== null && sc.detail) countSkipped(plan, th, sc.k, plan.n, sc.busyUntil, true, sc.tiers);
  const a = sc.acc;
  return {
    trades: sc.trades,
    tradeCount: sc.tiers.taken[1]! + sc.tiers.taken[2]! + sc.tiers.taken[3]! + sc.tiers.taken[4]!,
    wins: a[WON]!,
    losses: a[LOST]!,
    netCents: sc.equityCents - Math.round(params.startingCapital * 100),
    grossCents: a[GROSS]!,
    commissionCents: a[COMM]!,
    slippageCents: a[SLIP]!,
    grossProfitCents: a[GP]!,
    grossLossCents: a[GL]!,
    dailyPnlCents: sc.daily,
    haltedDays: sc.haltedDays,
    tiers: sc.tiers,
    ruin: sc.ruin,
    tierDetail: sc.detail,
  };
}

/**
 * One session's chain: size each trade by its tier, book its costs, let the daily loss limit close it or stop the
 * day, and stop everything at ruin. Sums stay in locals and are added to the scan once per session (the hot loop
 * writes no object fields). Writes the session's P&L to `daily[s]`.
 */
function scanSession(sc: Scan, s: number): void {
  const { plan, th, chain, costs, tiers, detail, limitCents, summaryOnly } = sc;
  const end = chain.dayStart[s + 1]!;
  let i = chain.dayStart[s]!;
  if (!detail && i === end) return;
  const P4 = th.premium, P3 = th.strong, P2 = th.good, P1 = th.weak;
  const { sizes, comm, slip, risk, tvc } = costs;
  const { maeTicks, pnlTicks, score: cScore, rows } = chain;
  const ordered = sc.ordered;
  const { taken, wins: tWins, netCents: tNet, sumR } = tiers;
  const { tvCents, acc } = sc;
  const room0 = sc.equityCents - sc.floorCents; // ruin when the day's P&L reaches -room0
  let day = 0, halted = false;
  for (; i < end; i++) {
    const row = rows[i]!;
    if (detail) {
      // the candidates the chain stepped over: in position, below WEAK, or unable to open a position
      countSkipped(plan, th, sc.k, row, sc.busyUntil, false, tiers);
      sc.k = row + 1;
    }
    const score = cScore[i]!;
    // tierOf's tier; for ordered thresholds (always, once validated) it is the number of thresholds at or below the score
    const tier = ordered ? +(score >= P4) + +(score >= P3) + +(score >= P2) + +(score >= P1) : tierFor(score, th);
    // Far from the limit (two ticks to spare past the trade's whole MAE) the exact test cannot fire: skip it.
    // A NaN excursion fails this comparison and takes the exact path.
    const near = limitCents > 0 && !((maeTicks[i]! + 2) * tvc[tier]! < limitCents + day - comm[tier]! - slip[tier]!);
    const exit = near ? limitCheck(sc, i, row, tier, day) : 0;
    if (exit < 0) {
      halted = true;
      break;
    }
    const g = Math.round((exit > 0 ? sc.lim.pnlTicks : pnlTicks[i]!) * tvCents * sizes[tier]!);
    const pnl = g - comm[tier]! - slip[tier]!;
    day += pnl;
    acc[GROSS]! += g;
    acc[COMM]! += comm[tier]!;
    acc[SLIP]! += slip[tier]!;
    taken[tier]!++;
    tNet[tier]! += pnl;
    sumR[tier]! += pnl / risk[tier]!;
    // branch-free: the sign of a trade's P&L is a coin flip the CPU cannot predict
    const w = +(pnl > 0);
    acc[WON]! += w;
    tWins[tier]! += w;
    acc[LOST]! += +(pnl < 0);
    acc[GP]! += Math.max(pnl, 0);
    acc[GL]! += Math.max(-pnl, 0);
    if (detail || !summaryOnly) record(sc, s, i, row, tier, score, pnl, exit > 0);
    if (day <= -room0) sc.ruin = ruinAt(plan, th, s, row);
    // Ruin ends all trading; the limit stops it for the rest of the trade date (the remaining chain is never opened).
    if (sc.ruin !== null || exit > 0 || (limitCents > 0 && day <= -limitCents)) {
      halted = true;
      break;
    }
  }
  closeSession(sc, s, day, halted);
}

/** Books the session's P&L and halt; in detail mode counts the candidates after its last trade. */
function closeSession(sc: Scan, s: number, day: number, halted: boolean): void {
  sc.daily[s] = day;
  sc.equityCents += day;
  if (halted) sc.haltedDays++;
  if (sc.detail && sc.ruin === null) {
    const to = sc.plan.sessionEnd[s]!;
    countSkipped(sc.plan, sc.th, sc.k, to, sc.busyUntil, halted, sc.tiers);
    sc.k = to;
  }
}

/**
 * The daily loss limit near chain entry i at `tier`, with `day` already realised: -1 = the round-trip
 * costs alone would reach the limit (the trade is not opened, the day is over); 1 = the limit closes the trade
 * (sc.lim holds the forced exit); 0 = the planned exit holds.
 */
function limitCheck(sc: Scan, i: number, row: number, tier: number, day: number): number {
  const { costs } = sc;
  const mae = sc.chain.maeTicks[i]!;
  const room = sc.limitCents + day - costs.comm[tier]! - costs.slip[tier]!;
  // Adverse ticks A at which realised + this trade's pnl (costs included) first reaches -limit.
  const a = Math.ceil(room / costs.tvc[tier]! - EPS_TICKS);
  if (a <= 0) {
    if (sc.detail) sc.tiers.halted[tier]!++;
    return -1;
  }
  // written as !(x < y) so a NaN excursion (unknown prices) still walks the bars instead of skipping the check
  if (mae < a - EPS_TICKS) return 0;
  sc.lim.hit = false;
  limitExit(sc.plan, row, a, sc.lim);
  return sc.lim.hit ? 1 : 0;
}

/** Keeps the open trade's exit bar (for the in-position count) and builds the backtest's row unless summary-only. */
function record(sc: Scan, s: number, i: number, row: number, tier: number, score: number, pnl: number, hit: boolean): void {
  sc.busyUntil = hit ? sc.lim.exitBar : sc.plan.exitBar[row]!;
  if (!sc.summaryOnly) sc.trades.push(tradeRecord(sc, s, i, row, tier, score, pnl, hit));
}

/** The backtest's row for a booked trade (fills carry slippage; the limit's exit replaces the planned one when hit). */
function tradeRecord(sc: Scan, s: number, i: number, row: number, tier: number, score: number, pnl: number, hit: boolean): Trade {
  const { plan, lim, costs } = sc;
  const tick = plan.instrument.tick;
  const dir = plan.direction[row]!;
  const e = plan.entryBar[row]!;
  return {
    signalBar: plan.signalBar[row]!,
    entryBar: e,
    exitBar: hit ? lim.exitBar : plan.exitBar[row]!,
    direction: dir > 0 ? 1 : -1,
    contracts: costs.sizes[tier]!,
    entryPrice: roundPrice(plan.entryPrice[row]! + dir * sc.slip * tick),
    exitPrice: roundPrice((hit ? lim.exitPrice : plan.exitPrice[row]!) - dir * sc.slip * tick),
    tier,
    score,
    exitReason: EXIT_REASONS[hit ? DAILY_LIMIT : plan.exitReason[row]!]!,
    pnlUsd: pnl / 100,
    pnlTicks: hit ? lim.pnlTicks : sc.chain.pnlTicks[i]!,
    commissionUsd: costs.comm[tier]! / 100,
    slippageUsd: costs.slip[tier]! / 100,
    maeTicks: hit ? lim.mae : sc.chain.maeTicks[i]!,
    mfeTicks: hit ? lim.mfe : plan.mfeTicks[row]!,
    contract: plan.bars.contracts[plan.bars.contractId[e]!] ?? '',
    tradeDate: plan.sessionDates[s]!,
    pnlCents: pnl,
  };
}

/**
 * The ruin record of the trade at `row`. On a lazily scored plan (the optimiser's, which stops rescoring at ruin)
 * the signals not taken are counted only if read: that count needs the rest of the scores.
 */
function ruinAt(plan: TradePlan, th: Thresholds, s: number, row: number): Ruin {
  const tradeDate = plan.sessionDates[s]!;
  const signalBar = plan.signalBar[row]!;
  const prepare = preparerOf(plan);
  if (!prepare) return { tradeDate, signalBar, signalsNotTaken: signalsAfter(plan, th, row + 1) };
  let count = -1;
  return {
    tradeDate,
    signalBar,
    get signalsNotTaken(): number {
      if (count < 0) {
        prepare(Infinity);
        count = signalsAfter(plan, th, row + 1);
      }
      return count;
    },
  };
}

/** Candidates from row `from` on at or above WEAK: the signals a ruined account no longer trades. */
function signalsAfter(plan: TradePlan, th: Thresholds, from: number): number {
  // tierOf(x) > 0 exactly when x reaches some threshold, i.e. the lowest (NaN reaches none): a branch-free count,
  // since a ruined random weight set would otherwise pay a mispredicted branch per remaining row
  const lo = Math.min(th.premium, th.strong, th.good, th.weak);
  const score = plan.score;
  let n = 0;
  for (let k = from; k < plan.n; k++) n += +(score[k]! >= lo);
  return n;
}

/** Fill prices carry slippage; rounding keeps non-binary ticks (0.1) from printing float noise. */
function roundPrice(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
