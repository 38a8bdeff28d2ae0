// Stage 2 of the simulator: the threshold-dependent sequential pass over a TradePlan — tiers, sizing,
// one position at a time, costs and the daily loss limit. The sweep calls it thousands of times, so it
// allocates only its result (and Trade objects unless `summaryOnly`).
import { tierOf, multiplierOf } from '../engine/config.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { EXIT_REASONS, ExitCode } from './types.ts';
import type { ScanOptions, SimParams, SimResult, TierCounts, Trade, TradePlan } from './types.ts';
import { tradeChain } from './trade-chain.ts';

const EPS_TICKS = 1e-6;
// Module-local copies: tsx compiles imports to live-binding getters, which cost a call per use in the hot loop.
const STOP = ExitCode.stop;
const DAILY_LIMIT = ExitCode.daily_limit;
const tierFor = tierOf;

/** Contracts for a tier: round(base x multiplier), at least 1 when the multiplier is > 0. */
export function contractsFor(base: number, multiplier: number): number {
  if (!(multiplier > 0)) return 0;
  return Math.max(1, Math.round(base * multiplier));
}

function newTierCounts(): TierCounts {
  return {
    signals: new Int32Array(5),
    taken: new Int32Array(5),
    inPosition: new Int32Array(5),
    halted: new Int32Array(5),
    untradable: new Int32Array(5),
    sessions: new Int32Array(5),
    wins: new Int32Array(5),
    netCents: new Float64Array(5),
    sumR: new Float64Array(5),
  };
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

/**
 * The one trade loop (`mia backtest` and every sweep trial). Sessions are independent (no position crosses a
 * session end; the daily loss limit stops only the rest of its trade date), and without the limit the trades
 * depend only on which candidates may open a position, so the loop walks each session's precomputed trade chain
 * (`tradeChain`, cached per plan and shared by every set with the same WEAK), sizes each trade by its tier,
 * applies costs and the limit, and leaves the session at a halt. With `tierDetail` (default) it also counts,
 * per tier, the candidates the chain steps over (in position, halted, untradable); the sweep's mode skips them,
 * so a scan costs O(trades), not O(candidates).
 */
export function scanPlan(plan: TradePlan, thresholds: Thresholds, multipliers: Multipliers, params: SimParams, opts: ScanOptions = {}): SimResult {
  checkCompatible(plan, params);
  const summaryOnly = opts.summaryOnly === true;
  const detail = opts.tierDetail !== false;
  const { bars } = plan;
  const { open, high, low } = bars;
  const { tick, tickValue } = params.instrument;
  const tvCents = tickValue * 100;
  const commSideCents = Math.round(params.commissionPerSide * 100);
  const slip = params.slippageTicks;
  const limitCents = Math.round(params.dailyLossLimit * 100);
  // per tier: contracts and the round trip's fixed costs (cents), initial risk for R, cents per tick of the position
  const sizes = new Int32Array(5);
  const commT = new Float64Array(5);
  const slipT = new Float64Array(5);
  const riskT = new Float64Array(5);
  const tvcT = new Float64Array(5);
  for (let t = 1; t <= 4; t++) {
    const c = contractsFor(params.baseContracts, multiplierOf(t, multipliers));
    sizes[t] = c;
    commT[t] = 2 * commSideCents * c;
    slipT[t] = Math.round(2 * slip * tvCents * c);
    riskT[t] = Math.round(plan.stopTicks * tvCents * c) + commT[t]! + slipT[t]!;
    tvcT[t] = tvCents * c;
  }

  const tiers = newTierCounts();
  if (detail) countSignals(plan, thresholds, tiers);
  else signalsFromSortedScores(plan, thresholds, tiers);
  const daily = new Float64Array(plan.sessionDates.length);
  const trades: Trade[] = [];
  let tradeCount = 0, wins = 0, losses = 0, haltedDays = 0;
  let netCents = 0, grossCents = 0, commissionCents = 0, slippageCents = 0, grossProfitCents = 0, grossLossCents = 0;
  let busyUntil = -1; // signals on bars before the open trade's exit bar are "in position"
  // typed arrays in locals: the hot loop reloads nothing from the plan or the counters object
  const { signalBar, sessionEnd, direction, entryBar, entryPrice } = plan;
  const pExitBar = plan.exitBar, pExitPrice = plan.exitPrice, pExitReason = plan.exitReason;
  const pMfe = plan.mfeTicks;
  const { taken, wins: tWins, netCents: tNet, sumR } = tiers;

  const P4 = thresholds.premium, P3 = thresholds.strong, P2 = thresholds.good, P1 = thresholds.weak;
  const ordered = P4 > P3 && P3 > P2 && P2 > P1;
  const { rows: chainRows, dayStart, score: cScore, pnlTicks: cPnl, maeTicks: cMae } = tradeChain(plan, thresholds, sizes);
  const S = plan.sessionDates.length;
  let k = 0; // tierDetail: the first candidate not yet counted
  for (let s = 0; s < S; s++) {
    const end = dayStart[s + 1]!;
    let i = dayStart[s]!;
    if (!detail && i === end) continue;
    let day = 0; // this session's realised pnl after costs (cents)
    let halted = false;
    for (; i < end; i++) {
      const row = chainRows[i]!;
      // the candidates the chain stepped over: in position, below WEAK, or unable to open a position
      if (detail) countSkipped(plan, thresholds, k, row, busyUntil, false, tiers);
      k = row + 1;
      const score = cScore[i]!;
      // tierOf's tier; for ordered thresholds (always, once validated) it is the number of thresholds at or below the score
      const tier = ordered ? +(score >= P4) + +(score >= P3) + +(score >= P2) + +(score >= P1) : tierFor(score, thresholds);
      const c = sizes[tier]!;
      let pnlTicks = cPnl[i]!;
      let mae = cMae[i]!;
      const comm = commT[tier]!;
      const slipCents = slipT[tier]!;
      // the planned exit holds unless the limit closes the trade first (only then are the trade's bars read)
      let limitHit = false;
      let lExitBar = 0, lExitPrice = 0, lMfe = 0;

      const room = limitCents + day - comm - slipCents;
      // Far from the limit (two ticks to spare past the trade's whole MAE) the exact test below cannot fire: skip its
      // division. A NaN excursion fails this comparison and takes the exact path.
      if (limitCents > 0 && !((mae + 2) * tvcT[tier]! < room)) {
        // Adverse ticks A at which realised + this trade's pnl (costs included) first reaches -limit.
        const a = Math.ceil(room / tvcT[tier]! - EPS_TICKS);
        if (a <= 0) {
          // The round-trip costs alone would reach the limit: the trade is not opened and the day is over.
          if (detail) tiers.halted[tier]!++;
          halted = true;
          break;
        }
        // written as !(x < y) so a NaN excursion (unknown prices) still walks the bars instead of skipping the check
        if (!(mae < a - EPS_TICKS)) {
          const dir = direction[row]!;
          const e = entryBar[row]!;
          const entry = entryPrice[row]!;
          let exitBar = pExitBar[row]!;
          let exitPrice = pExitPrice[row]!;
          let reason: number = pExitReason[row]!;
          // Walk the trade's bars to the first one whose adverse extreme reaches A (the plan's MAE says one does).
          for (let j = e; j <= exitBar; j++) {
            const advOpen = ((entry - open[j]!) * dir) / tick;
            if (advOpen >= a - EPS_TICKS) {
              // A gap through the limit level fills at the open; if the planned stop filled at this very open, it stays a stop.
              if (!(j === exitBar && reason === STOP && exitPrice === open[j])) {
                exitBar = j, exitPrice = open[j]!, reason = DAILY_LIMIT;
                mae = Math.max(0, Math.round(advOpen * 1e6) / 1e6);
              }
              break;
            }
            const adv = ((entry - (dir > 0 ? low[j]! : high[j]!)) * dir) / tick;
            const stopBar = j === exitBar && reason === STOP;
            // On the planned stop's bar the limit wins only if its level is nearer than the stop.
            if (stopBar ? a < plan.stopTicks - EPS_TICKS : adv >= a - EPS_TICKS) {
              exitBar = j, exitPrice = entry - dir * a * tick, reason = DAILY_LIMIT;
              mae = a;
              break;
            }
            if (j === exitBar) break;
          }
          if (reason === DAILY_LIMIT) {
            limitHit = true;
            lExitBar = exitBar;
            lExitPrice = exitPrice;
            pnlTicks = Math.round(((exitPrice - entry) * dir * 1e6) / tick) / 1e6;
            // MFE up to the limit bar: bars before it in full, the limit bar's favourable side only to its open.
            lMfe = favourableUpTo(plan, e, exitBar, entry, dir, pMfe[row]!);
          }
        }
      }

      const gross = Math.round(pnlTicks * tvCents * c);
      const pnl = gross - comm - slipCents;
      day += pnl;
      netCents += pnl;
      grossCents += gross;
      commissionCents += comm;
      slippageCents += slipCents;
      tradeCount++;
      taken[tier]!++;
      tNet[tier]! += pnl;
      sumR[tier]! += pnl / riskT[tier]!;
      // branch-free: the sign of a trade's P&L is a coin flip the CPU cannot predict
      const won = +(pnl > 0);
      wins += won;
      tWins[tier]! += won;
      losses += +(pnl < 0);
      grossProfitCents += Math.max(pnl, 0);
      grossLossCents += Math.max(-pnl, 0);
      if (detail || !summaryOnly) {
        const exitBar = limitHit ? lExitBar : pExitBar[row]!;
        busyUntil = exitBar;
        if (!summaryOnly) {
          const dir = direction[row]!;
          const e = entryBar[row]!;
          const entry = entryPrice[row]!;
          trades.push({
            signalBar: signalBar[row]!,
            entryBar: e,
            exitBar,
            direction: dir > 0 ? 1 : -1,
            contracts: c,
            entryPrice: roundPrice(entry + dir * slip * tick),
            exitPrice: roundPrice((limitHit ? lExitPrice : pExitPrice[row]!) - dir * slip * tick),
            tier,
            score,
            exitReason: EXIT_REASONS[limitHit ? DAILY_LIMIT : pExitReason[row]!]!,
            pnlUsd: pnl / 100,
            pnlTicks,
            commissionUsd: comm / 100,
            slippageUsd: slipCents / 100,
            maeTicks: mae,
            mfeTicks: limitHit ? lMfe : pMfe[row]!,
            contract: bars.contracts[bars.contractId[e]!] ?? '',
            tradeDate: plan.sessionDates[s]!,
            pnlCents: pnl,
          });
        }
      }
      // The limit stops trading for the rest of the trade date: the session's remaining chain is never opened.
      if (limitHit || (limitCents > 0 && day <= -limitCents)) {
        halted = true;
        break;
      }
    }
    daily[s] = day;
    if (halted) haltedDays++;
    if (detail) {
      const to = sessionEnd[s]!;
      countSkipped(plan, thresholds, k, to, busyUntil, halted, tiers);
      k = to;
    }
  }

  return {
    trades,
    tradeCount,
    wins,
    losses,
    netCents,
    grossCents,
    commissionCents,
    slippageCents,
    grossProfitCents,
    grossLossCents,
    dailyPnlCents: daily,
    haltedDays,
    tiers,
    tierDetail: detail,
  };
}

/** Signals and sessions-with-signal per tier: one pass over every candidate (tier 0 = below WEAK). */
function countSignals(plan: TradePlan, th: Thresholds, tiers: TierCounts): void {
  const last = [-1, -1, -1, -1, -1];
  for (let k = 0; k < plan.n; k++) {
    const tier = tierFor(plan.score[k]!, th);
    tiers.signals[tier]!++;
    const s = plan.sessionIdx[k]!;
    if (last[tier] !== s) {
      last[tier] = s;
      tiers.sessions[tier]!++;
    }
  }
}

/**
 * Per tier, the candidates of rows [from, to) that opened no position: before `busyUntil` (the open trade's exit
 * bar) "in position", else "halted" once the limit stopped the day, else "untradable" (no trade can follow the
 * bar, or its tier is sized 0). Below WEAK is only a signal. Only the backtest's detail mode counts them.
 */
function countSkipped(plan: TradePlan, th: Thresholds, from: number, to: number, busyUntil: number, halted: boolean, tiers: TierCounts): void {
  const { signalBar, score } = plan;
  for (let k = from; k < to; k++) {
    const tier = tierFor(score[k]!, th);
    if (tier === 0) continue;
    if (signalBar[k]! < busyUntil) tiers.inPosition[tier]!++;
    else if (halted) tiers.halted[tier]!++;
    else tiers.untradable[tier]!++;
  }
}

/** Candidates with score >= x, from the ascending scores (x NaN: none, as `score >= NaN` is false). */
function countAtOrAbove(sorted: Float64Array, x: number): number {
  if (Number.isNaN(x)) return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * Signals per tier without visiting the candidates: with PREMIUM > STRONG > GOOD > WEAK, tierOf's tier is
 * the number of thresholds at or below the score, so each tier is a difference of two counts. Unordered
 * thresholds (which validation rejects) fall back to the counting pass.
 */
function signalsFromSortedScores(plan: TradePlan, th: Thresholds, tiers: TierCounts): void {
  if (!(th.premium > th.strong && th.strong > th.good && th.good > th.weak)) {
    countSignals(plan, th, tiers);
    tiers.sessions.fill(0);
    return;
  }
  const sorted = plan.sortedScores;
  const p = countAtOrAbove(sorted, th.premium);
  const s = countAtOrAbove(sorted, th.strong);
  const g = countAtOrAbove(sorted, th.good);
  const w = countAtOrAbove(sorted, th.weak);
  tiers.signals[4] = p;
  tiers.signals[3] = s - p;
  tiers.signals[2] = g - s;
  tiers.signals[1] = w - g;
  tiers.signals[0] = plan.n - w;
}

/** Fill prices carry slippage; rounding keeps non-binary ticks (0.1) from printing float noise. */
function roundPrice(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Favourable excursion over bars e..exitBar-1 in full, plus the exit bar's open (the limit path runs open -> adverse). */
function favourableUpTo(plan: TradePlan, e: number, exitBar: number, entry: number, dir: number, planned: number): number {
  const { open, high, low } = plan.bars;
  const tick = plan.instrument.tick;
  let mfe = 0;
  for (let j = e; j < exitBar; j++) mfe = Math.max(mfe, (((dir > 0 ? high[j]! : low[j]!) - entry) * dir) / tick);
  mfe = Math.max(mfe, ((open[exitBar]! - entry) * dir) / tick);
  return Math.min(planned, Math.round(mfe * 1e6) / 1e6);
}
