// The daily loss limit inside a trade: where, bar by bar, realised + open loss first reaches the limit, and the
// exit it forces. Rare (only when the trade's MAE says the limit may be reached), so it reads the bars directly.
import { ExitCode } from './types.ts';
import type { TradePlan } from './types.ts';

const EPS_TICKS = 1e-6;
const STOP = ExitCode.stop;

/** The forced exit (hit = false: the planned exit holds). */
export interface LimitExit {
  hit: boolean;
  exitBar: number;
  exitPrice: number;
  pnlTicks: number;
  mae: number;
  mfe: number;
}

/**
 * Walks candidate `row`'s trade bar by bar to the first bar whose adverse extreme reaches `a` ticks (the plan's MAE
 * says one may) and, if the daily loss limit closes the trade before its planned exit, fills `out` (out.hit = true).
 */
export function limitExit(plan: TradePlan, row: number, a: number, out: LimitExit): void {
  const { open, high, low } = plan.bars;
  const tick = plan.instrument.tick;
  const dir = plan.direction[row]!;
  const e = plan.entryBar[row]!;
  const entry = plan.entryPrice[row]!;
  const plannedBar = plan.exitBar[row]!;
  const plannedStop = plan.exitReason[row] === STOP;
  for (let j = e; j <= plannedBar; j++) {
    const advOpen = ((entry - open[j]!) * dir) / tick;
    if (advOpen >= a - EPS_TICKS) {
      // A gap through the limit level fills at the open; if the planned stop filled at this very open, it stays a stop.
      if (j === plannedBar && plannedStop && plan.exitPrice[row] === open[j]) return;
      return fillLimit(plan, row, j, open[j]!, Math.max(0, Math.round(advOpen * 1e6) / 1e6), out);
    }
    const adv = ((entry - (dir > 0 ? low[j]! : high[j]!)) * dir) / tick;
    // On the planned stop's bar the limit wins only if its level is nearer than the stop.
    if (j === plannedBar && plannedStop ? a < plan.stopTicks - EPS_TICKS : adv >= a - EPS_TICKS) {
      return fillLimit(plan, row, j, entry - dir * a * tick, a, out);
    }
  }
}

function fillLimit(plan: TradePlan, row: number, exitBar: number, exitPrice: number, mae: number, out: LimitExit): void {
  const dir = plan.direction[row]!;
  const entry = plan.entryPrice[row]!;
  out.hit = true;
  out.exitBar = exitBar;
  out.exitPrice = exitPrice;
  out.mae = mae;
  out.pnlTicks = Math.round(((exitPrice - entry) * dir * 1e6) / plan.instrument.tick) / 1e6;
  // MFE up to the limit bar: bars before it in full, the limit bar's favourable side only to its open.
  out.mfe = favourableUpTo(plan, plan.entryBar[row]!, exitBar, entry, dir, plan.mfeTicks[row]!);
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
