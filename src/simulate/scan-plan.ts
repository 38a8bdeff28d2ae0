// Stage 2 of the simulator: the threshold-dependent sequential pass over a TradePlan — tiers, sizing,
// one position at a time, costs, the daily loss limit and ruin. The sweep calls it thousands of times, so it
// allocates only its result (and Trade objects unless `summaryOnly`).
//
// Reading order: scanPlan (set-up, one call per session) → scanSession (the per-trade loop) → limitExit (the
// rare walk of a trade's bars when the daily loss limit may close it) → tradeRecord (the backtest's rows).
import { tierOf, multiplierOf } from '../engine/config.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { EXIT_REASONS, ExitCode } from './types.ts';
import type { Ruin, ScanOptions, SimParams, SimResult, TierCounts, Trade, TradePlan } from './types.ts';
import { tradeChain, type TradeChain } from './trade-chain.ts';
import { limitExit, type LimitExit } from './limit-exit.ts';
import { countSignals, countSkipped, newTierCounts, signalsFromSortedScores } from './tier-counts.ts';

const EPS_TICKS = 1e-6;
// Module-local copies: tsx compiles imports to live-binding getters, which cost a call per use in the hot loop.
const DAILY_LIMIT = ExitCode.daily_limit;
const tierFor = tierOf;

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
  tradeCount: number;
  wins: number;
  losses: number;
  netCents: number;
  grossCents: number;
  commissionCents: number;
  slippageCents: number;
  grossProfitCents: number;
  grossLossCents: number;
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
    tradeCount: 0, wins: 0, losses: 0, netCents: 0, grossCents: 0, commissionCents: 0, slippageCents: 0,
    grossProfitCents: 0, grossLossCents: 0, haltedDays: 0, busyUntil: -1, k: 0, ruin: null,
    lim: { hit: false, exitBar: 0, exitPrice: 0, pnlTicks: 0, mae: 0, mfe: 0 },
  };
  if (sc.detail) countSignals(plan, th, sc.tiers);
  else signalsFromSortedScores(plan, th, sc.tiers);
  const S = plan.sessionDates.length;
  for (let s = 0; s < S && sc.ruin === null; s++) scanSession(sc, s);
  // after ruin, every later candidate at or above WEAK is a signal trading no longer takes
  if (sc.ruin !== null && sc.detail) countSkipped(plan, th, sc.k, plan.n, sc.busyUntil, true, sc.tiers);
  return {
    trades: sc.trades,
    tradeCount: sc.tradeCount,
    wins: sc.wins,
    losses: sc.losses,
    netCents: sc.netCents,
    grossCents: sc.grossCents,
    commissionCents: sc.commissionCents,
    slippageCents: sc.slippageCents,
    grossProfitCents: sc.grossProfitCents,
    grossLossCents: sc.grossLossCents,
    dailyPnlCents: sc.daily,
    haltedDays: sc.haltedDays,
    tiers: sc.tiers,
    ruin: sc.ruin,
    tierDetail: sc.detail,
  };
}

/**
 * One session's chain: size each trade by its tier, book its costs, let the daily loss limit close it or stop the
 * day, and stop everything at ruin. Writes the session's P&L to `daily[s]`.
 */
function scanSession(sc: Scan, s: number): void {
  const { plan, th, chain, costs, tiers, detail, limitCents } = sc;
  const end = chain.dayStart[s + 1]!;
  let i = chain.dayStart[s]!;
  if (!detail && i === end) return;
  const P4 = th.premium, P3 = th.strong, P2 = th.good, P1 = th.weak;
  const lim = sc.lim;
  let day = 0; // this session's realised pnl after costs (cents)
  let halted = false;
  for (; i < end; i++) {
    const row = chain.rows[i]!;
    // the candidates the chain stepped over: in position, below WEAK, or unable to open a position
    if (detail) countSkipped(plan, th, sc.k, row, sc.busyUntil, false, tiers);
    sc.k = row + 1;
    const score = chain.score[i]!;
    // tierOf's tier; for ordered thresholds (always, once validated) it is the number of thresholds at or below the score
    const tier = sc.ordered ? +(score >= P4) + +(score >= P3) + +(score >= P2) + +(score >= P1) : tierFor(score, th);
    const comm = costs.comm[tier]!;
    const slipCents = costs.slip[tier]!;
    const mae = chain.maeTicks[i]!;
    lim.hit = false;
    const room = limitCents + day - comm - slipCents;
    // Far from the limit (two ticks to spare past the trade's whole MAE) the exact test cannot fire: skip its
    // division. A NaN excursion fails this comparison and takes the exact path.
    if (limitCents > 0 && !((mae + 2) * costs.tvc[tier]! < room)) {
      // Adverse ticks A at which realised + this trade's pnl (costs included) first reaches -limit.
      const a = Math.ceil(room / costs.tvc[tier]! - EPS_TICKS);
      if (a <= 0) {
        // The round-trip costs alone would reach the limit: the trade is not opened and the day is over.
        if (detail) tiers.halted[tier]!++;
        halted = true;
        break;
      }
      // written as !(x < y) so a NaN excursion (unknown prices) still walks the bars instead of skipping the check
      if (!(mae < a - EPS_TICKS)) limitExit(plan, row, a, lim);
    }
    const pnl = book(sc, s, i, row, tier, score);
    day += pnl;
    sc.equityCents += pnl;
    if (sc.equityCents <= sc.floorCents) {
      sc.ruin = { tradeDate: plan.sessionDates[s]!, signalBar: plan.signalBar[row]!, signalsNotTaken: signalsAfter(plan, th, row + 1) };
      halted = true;
      break;
    }
    // The limit stops trading for the rest of the trade date: the session's remaining chain is never opened.
    if (lim.hit || (limitCents > 0 && day <= -limitCents)) {
      halted = true;
      break;
    }
  }
  sc.daily[s] = day;
  if (halted) sc.haltedDays++;
  if (detail && sc.ruin === null) {
    const to = plan.sessionEnd[s]!;
    countSkipped(plan, th, sc.k, to, sc.busyUntil, halted, tiers);
    sc.k = to;
  }
}

/** Books chain entry i (candidate `row`) at `tier`: the planned exit, or limitExit's when `sc.lim.hit`. Returns its P&L. */
function book(sc: Scan, s: number, i: number, row: number, tier: number, score: number): number {
  const { costs, tiers, lim } = sc;
  const c = costs.sizes[tier]!;
  const comm = costs.comm[tier]!;
  const slipCents = costs.slip[tier]!;
  const gross = Math.round((lim.hit ? lim.pnlTicks : sc.chain.pnlTicks[i]!) * sc.tvCents * c);
  const pnl = gross - comm - slipCents;
  sc.netCents += pnl;
  sc.grossCents += gross;
  sc.commissionCents += comm;
  sc.slippageCents += slipCents;
  sc.tradeCount++;
  tiers.taken[tier]!++;
  tiers.netCents[tier]! += pnl;
  tiers.sumR[tier]! += pnl / costs.risk[tier]!;
  // branch-free: the sign of a trade's P&L is a coin flip the CPU cannot predict
  const won = +(pnl > 0);
  sc.wins += won;
  tiers.wins[tier]! += won;
  sc.losses += +(pnl < 0);
  sc.grossProfitCents += Math.max(pnl, 0);
  sc.grossLossCents += Math.max(-pnl, 0);
  if (sc.detail || !sc.summaryOnly) {
    sc.busyUntil = lim.hit ? lim.exitBar : sc.plan.exitBar[row]!;
    if (!sc.summaryOnly) sc.trades.push(tradeRecord(sc, s, i, row, tier, score, pnl));
  }
  return pnl;
}

/** The backtest's row for a booked trade (fills carry slippage; the limit's exit replaces the planned one when hit). */
function tradeRecord(sc: Scan, s: number, i: number, row: number, tier: number, score: number, pnl: number): Trade {
  const { plan, lim, costs } = sc;
  const tick = plan.instrument.tick;
  const dir = plan.direction[row]!;
  const e = plan.entryBar[row]!;
  return {
    signalBar: plan.signalBar[row]!,
    entryBar: e,
    exitBar: lim.hit ? lim.exitBar : plan.exitBar[row]!,
    direction: dir > 0 ? 1 : -1,
    contracts: costs.sizes[tier]!,
    entryPrice: roundPrice(plan.entryPrice[row]! + dir * sc.slip * tick),
    exitPrice: roundPrice((lim.hit ? lim.exitPrice : plan.exitPrice[row]!) - dir * sc.slip * tick),
    tier,
    score,
    exitReason: EXIT_REASONS[lim.hit ? DAILY_LIMIT : plan.exitReason[row]!]!,
    pnlUsd: pnl / 100,
    pnlTicks: lim.hit ? lim.pnlTicks : sc.chain.pnlTicks[i]!,
    commissionUsd: costs.comm[tier]! / 100,
    slippageUsd: costs.slip[tier]! / 100,
    maeTicks: lim.hit ? lim.mae : sc.chain.maeTicks[i]!,
    mfeTicks: lim.hit ? lim.mfe : plan.mfeTicks[row]!,
    contract: plan.bars.contracts[plan.bars.contractId[e]!] ?? '',
    tradeDate: plan.sessionDates[s]!,
    pnlCents: pnl,
  };
}

/** Candidates from row `from` on at or above WEAK: the signals a ruined account no longer trades. */
function signalsAfter(plan: TradePlan, th: Thresholds, from: number): number {
  let n = 0;
  for (let k = from; k < plan.n; k++) if (tierFor(plan.score[k]!, th) > 0) n++;
  return n;
}

/** Fill prices carry slippage; rounding keeps non-binary ticks (0.1) from printing float noise. */
function roundPrice(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
