// Stage 2 of the simulator: the threshold-dependent sequential pass over a TradePlan — tiers, sizing,
// one position at a time, costs and the daily loss limit. The sweep calls it thousands of times, so it
// allocates only its result (and Trade objects unless `summaryOnly`).
import { tierOf, multiplierOf } from '../engine/config.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { EXIT_REASONS, ExitCode } from './types.ts';
import type { ScanOptions, SimParams, SimResult, TierCounts, Trade, TradePlan } from './types.ts';

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
    plan.instrument.tick === p.instrument.tick &&
    plan.instrument.tickValue === p.instrument.tickValue;
  if (!same) throw new MiaError('scanPlan: the plan was built with other stop/target/time-stop/session/instrument parameters');
}

/**
 * The one trade loop (`mia backtest` and every sweep trial). It visits only the candidates where a position
 * could open: after a trade it jumps to the first candidate at or after the exit bar (`plan.nextCandidate`),
 * and once the daily loss limit stops a trade date it jumps to the next session (`plan.sessionEnd`). The
 * candidates it jumps over are exactly the ones the rules count "in position" / "halted" — with `tierDetail`
 * (default) it counts them per tier; the sweep's mode skips them, so a scan costs O(trades), not O(candidates).
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
  let haltedSession = -1;
  const n = plan.n;
  // typed arrays in locals: the hot loop reloads nothing from the plan or the counters object
  const { signalBar, sessionIdx, nextCandidate, sessionEnd, tradable, direction, entryBar, entryPrice } = plan;
  const pScore = plan.score, pExitBar = plan.exitBar, pExitPrice = plan.exitPrice, pExitReason = plan.exitReason;
  const pPnlTicks = plan.pnlTicks, pMae = plan.maeTicks, pMfe = plan.mfeTicks;
  const { taken, untradable, wins: tWins, netCents: tNet, sumR } = tiers;

  const P4 = thresholds.premium, P3 = thresholds.strong, P2 = thresholds.good, P1 = thresholds.weak;
  const ordered = P4 > P3 && P3 > P2 && P2 > P1;
  let k = 0;
  while (k < n) {
    // In position: every candidate before the exit bar (checked before the halt, as a signal in both is "in position").
    if (signalBar[k]! < busyUntil) {
      const next = nextCandidate[busyUntil]!;
      if (detail) countTiers(plan, thresholds, k, next, tiers.inPosition);
      k = next;
      continue;
    }
    const s = sessionIdx[k]!;
    // Trading stopped for this trade date: the rest of the session's candidates are "halted".
    if (haltedSession === s) {
      const next = sessionEnd[s]!;
      if (detail) countTiers(plan, thresholds, k, next, tiers.halted);
      k = next;
      continue;
    }
    const row = k++;
    const score = pScore[row]!;
    // tierOf's tier; for ordered thresholds (always, once validated) it is the number of thresholds at or below the score
    const tier = ordered ? +(score >= P4) + +(score >= P3) + +(score >= P2) + +(score >= P1) : tierFor(score, thresholds);
    if (tier === 0) continue;
    const c = sizes[tier]!;
    if (tradable[row] !== 1 || c === 0) {
      untradable[tier]!++;
      continue;
    }

    const dir = direction[row]!;
    const e = entryBar[row]!;
    const entry = entryPrice[row]!;
    let exitBar = pExitBar[row]!;
    let exitPrice = pExitPrice[row]!;
    let reason: number = pExitReason[row]!;
    let pnlTicks = pPnlTicks[row]!;
    let mae = pMae[row]!;
    let mfe = pMfe[row]!;
    const comm = commT[tier]!;
    const slipCents = slipT[tier]!;

    if (limitCents > 0) {
      // Adverse ticks A at which realised + this trade's pnl (costs included) first reaches -limit.
      const room = limitCents + daily[s]! - comm - slipCents;
      const a = Math.ceil(room / tvcT[tier]! - EPS_TICKS);
      if (a <= 0) {
        // The round-trip costs alone would reach the limit: the trade is not opened and the day is over.
        if (detail) tiers.halted[tier]!++;
        haltedSession = s;
        haltedDays++;
        continue;
      }
      // written as !(x < y) so a NaN excursion (unknown prices) still walks the bars instead of skipping the check
      if (!(mae < a - EPS_TICKS)) {
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
          pnlTicks = Math.round(((exitPrice - entry) * dir * 1e6) / tick) / 1e6;
          // MFE up to the limit bar: bars before it in full, the limit bar's favourable side only to its open.
          mfe = favourableUpTo(plan, e, exitBar, entry, dir, mfe);
        }
      }
    }

    const gross = Math.round(pnlTicks * tvCents * c);
    const pnl = gross - comm - slipCents;
    daily[s]! += pnl;
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
    busyUntil = exitBar;
    if (reason === DAILY_LIMIT || (limitCents > 0 && daily[s]! <= -limitCents)) {
      haltedSession = s;
      haltedDays++;
    }
    if (!summaryOnly) {
      trades.push({
        signalBar: signalBar[row]!,
        entryBar: e,
        exitBar,
        direction: dir > 0 ? 1 : -1,
        contracts: c,
        entryPrice: roundPrice(entry + dir * slip * tick),
        exitPrice: roundPrice(exitPrice - dir * slip * tick),
        tier,
        score,
        exitReason: EXIT_REASONS[reason]!,
        pnlUsd: pnl / 100,
        pnlTicks,
        commissionUsd: comm / 100,
        slippageUsd: slipCents / 100,
        maeTicks: mae,
        mfeTicks: mfe,
        contract: bars.contracts[bars.contractId[e]!] ?? '',
        tradeDate: plan.sessionDates[s]!,
        pnlCents: pnl,
      });
    }
    // The sweep's mode counts no skipped signal: go straight to the next candidate that could open a position
    // (the loop's own checks would land on the same row one iteration later).
    if (!detail) k = haltedSession === s ? Math.max(sessionEnd[s]!, nextCandidate[exitBar]!) : nextCandidate[exitBar]!;
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

/** Adds 1 per candidate of rows [from, to) to `into[tier]`, tiers 1..4 (a NO_TRADE signal is never skipped, only scored). */
function countTiers(plan: TradePlan, th: Thresholds, from: number, to: number, into: Int32Array): void {
  for (let k = from; k < to; k++) {
    const tier = tierFor(plan.score[k]!, th);
    if (tier !== 0) into[tier]!++;
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
