// Stage 2 of the simulator: the threshold-dependent sequential pass over a TradePlan — tiers, sizing,
// one position at a time, costs and the daily loss limit. The sweep calls it thousands of times, so it
// allocates only its result (and Trade objects unless `summaryOnly`).
import { tierOf, multiplierOf } from '../engine/config.ts';
import type { Multipliers, Thresholds } from '../engine/types.ts';
import { MiaError } from '../util/errors.ts';
import { EXIT_REASONS, ExitCode } from './types.ts';
import type { ScanOptions, SimParams, SimResult, TierCounts, Trade, TradePlan } from './types.ts';

const EPS_TICKS = 1e-6;

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

export function scanPlan(plan: TradePlan, thresholds: Thresholds, multipliers: Multipliers, params: SimParams, opts: ScanOptions = {}): SimResult {
  checkCompatible(plan, params);
  const summaryOnly = opts.summaryOnly === true;
  const { bars } = plan;
  const { open, high, low } = bars;
  const { tick, tickValue } = params.instrument;
  const tvCents = tickValue * 100;
  const commSideCents = Math.round(params.commissionPerSide * 100);
  const slip = params.slippageTicks;
  const limitCents = Math.round(params.dailyLossLimit * 100);
  const sizes = new Int32Array(5);
  for (let t = 1; t <= 4; t++) sizes[t] = contractsFor(params.baseContracts, multiplierOf(t, multipliers));

  const tiers = newTierCounts();
  const lastSession = new Int32Array(5).fill(-1);
  const daily = new Float64Array(plan.sessionDates.length);
  const trades: Trade[] = [];
  let tradeCount = 0, wins = 0, losses = 0, haltedDays = 0;
  let netCents = 0, grossCents = 0, commissionCents = 0, slippageCents = 0, grossProfitCents = 0, grossLossCents = 0;
  let busyUntil = -1; // signals on bars before the open trade's exit bar are "in position"
  let haltedSession = -1;

  for (let k = 0; k < plan.n; k++) {
    const s = plan.sessionIdx[k]!;
    const score = plan.score[k]!;
    const tier = tierOf(score, thresholds);
    tiers.signals[tier]!++;
    if (lastSession[tier] !== s) {
      lastSession[tier] = s;
      tiers.sessions[tier]!++;
    }
    if (tier === 0) continue;
    const t = plan.signalBar[k]!;
    if (t < busyUntil) {
      tiers.inPosition[tier]!++;
      continue;
    }
    if (haltedSession === s) {
      tiers.halted[tier]!++;
      continue;
    }
    const c = sizes[tier]!;
    if (plan.tradable[k] !== 1 || c === 0) {
      tiers.untradable[tier]!++;
      continue;
    }

    const dir = plan.direction[k]!;
    const e = plan.entryBar[k]!;
    const entry = plan.entryPrice[k]!;
    let exitBar = plan.exitBar[k]!;
    let exitPrice = plan.exitPrice[k]!;
    let reason: number = plan.exitReason[k]!;
    let pnlTicks = plan.pnlTicks[k]!;
    let mae = plan.maeTicks[k]!;
    let mfe = plan.mfeTicks[k]!;
    const comm = 2 * commSideCents * c;
    const slipCents = Math.round(2 * slip * tvCents * c);

    if (limitCents > 0) {
      // Adverse ticks A at which realised + this trade's pnl (costs included) first reaches -limit.
      const room = limitCents + daily[s]! - comm - slipCents;
      const a = Math.ceil(room / (tvCents * c) - EPS_TICKS);
      if (a <= 0) {
        // The round-trip costs alone would reach the limit: the trade is not opened and the day is over.
        tiers.halted[tier]!++;
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
            if (!(j === exitBar && reason === ExitCode.stop && exitPrice === open[j])) {
              exitBar = j, exitPrice = open[j]!, reason = ExitCode.daily_limit;
              mae = Math.max(0, Math.round(advOpen * 1e6) / 1e6);
            }
            break;
          }
          const adv = ((entry - (dir > 0 ? low[j]! : high[j]!)) * dir) / tick;
          const stopBar = j === exitBar && reason === ExitCode.stop;
          // On the planned stop's bar the limit wins only if its level is nearer than the stop.
          if (stopBar ? a < plan.stopTicks - EPS_TICKS : adv >= a - EPS_TICKS) {
            exitBar = j, exitPrice = entry - dir * a * tick, reason = ExitCode.daily_limit;
            mae = a;
            break;
          }
          if (j === exitBar) break;
        }
        if (reason === ExitCode.daily_limit) {
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
    tiers.taken[tier]!++;
    tiers.netCents[tier]! += pnl;
    const risk = Math.round(plan.stopTicks * tvCents * c) + comm + slipCents;
    tiers.sumR[tier]! += pnl / risk;
    if (pnl > 0) {
      wins++;
      tiers.wins[tier]!++;
      grossProfitCents += pnl;
    } else if (pnl < 0) {
      losses++;
      grossLossCents -= pnl;
    }
    busyUntil = exitBar;
    if (reason === ExitCode.daily_limit || (limitCents > 0 && daily[s]! <= -limitCents)) {
      haltedSession = s;
      haltedDays++;
    }
    if (!summaryOnly) {
      trades.push({
        signalBar: t,
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
  };
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
