// Classify every break in the bar sequence: the exchange schedule (daily halt, weekend, holiday, early close)
// versus a real hole (bars missing while the exchange was open — no trade, a feed hole, or a roll window).
import { toChicagoMs, scheduleAt, Sched, DAY_MS, MIN_MS } from './calendar.ts';
import { ScheduleCursor } from './ct-days.ts';

export type GapKind = 'daily halt' | 'weekend' | 'holiday' | 'early close' | 'hole';

export interface Gap {
  /** index of the first bar after the gap */
  index: number;
  /** first missing bar start (UTC ms) = previous bar start + barMs */
  fromMs: number;
  /** start of the bar after the gap (UTC ms) */
  toMs: number;
  /** bar slots in the gap */
  missingBars: number;
  /** bar slots in the gap while the exchange was scheduled to trade */
  openMissing: number;
  kind: GapKind;
  /** the contract changes across the gap */
  roll: boolean;
}

// rank of closed reasons: a gap touching a holiday is a holiday gap even if it also spans a weekend
const RANK: Record<number, number> = { [Sched.DAILY_HALT]: 1, [Sched.WEEKEND]: 2, [Sched.EARLY_CLOSE]: 3, [Sched.HOLIDAY]: 4 };
const KIND: Record<number, GapKind> = {
  [Sched.DAILY_HALT]: 'daily halt',
  [Sched.WEEKEND]: 'weekend',
  [Sched.EARLY_CLOSE]: 'early close',
  [Sched.HOLIDAY]: 'holiday',
};

/** Scheduled state of the bar slot starting at a UTC instant. */
export function slotSchedule(utcMs: number): number {
  const l = toChicagoMs(utcMs);
  const days = Math.floor(l / DAY_MS);
  return scheduleAt(days, Math.floor((l - days * DAY_MS) / MIN_MS));
}

const QUARTER_MS = 15 * MIN_MS;

export function findGaps(ts: Float64Array, barMs: number, contractId: Int32Array): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < ts.length; i++) {
    const prevEnd = ts[i - 1]! + barMs;
    if (ts[i]! <= prevEnd) continue;
    let open = 0;
    let slots = 0;
    let worst = 0;
    // the exchange schedule only changes on quarter hours (CT offsets are whole hours): a long gap is walked a
    // quarter hour at a time, so describing a file stays linear in its rows, not in the span between its bars
    const coarse = (ts[i]! - prevEnd) / barMs > 4096 && QUARTER_MS % barMs === 0;
    for (let t = prevEnd; t < ts[i]!; ) {
      const step = coarse && t % QUARTER_MS === 0 && t + QUARTER_MS <= ts[i]! ? QUARTER_MS : barMs;
      const k = step / barMs;
      slots += k;
      const s = slotSchedule(t);
      if (s === Sched.OPEN) open += k;
      else if ((RANK[s] ?? 0) > (RANK[worst] ?? 0)) worst = s;
      t += step;
    }
    gaps.push({
      index: i,
      fromMs: prevEnd,
      toMs: ts[i]!,
      missingBars: slots,
      openMissing: open,
      kind: open > 0 ? 'hole' : (KIND[worst] ?? 'hole'),
      roll: contractId[i] !== contractId[i - 1],
    });
  }
  return gaps;
}

/**
 * Sets `bit` in flags[i] for every bar i that follows a hole: exactly findGaps' 'hole' gaps (a gap is a hole when
 * at least one of its slots was scheduled open), decided without describing each gap: the walk stops at the first
 * open slot and jumps over closed time from one schedule break (SCHEDULE_BREAKS) to the next, so a weekend costs
 * a few steps instead of ~600 slots.
 */
export function markAfterHoles(ts: Float64Array, barMs: number, flags: Uint8Array, bit: number): void {
  const n = ts.length;
  if (n < 2) return;
  const schedule = new ScheduleCursor({ first: ts[0]!, last: ts[n - 1]! });
  for (let i = 1; i < n; i++) {
    const prevEnd = ts[i - 1]! + barMs;
    if (ts[i]! > prevEnd && anyOpenSlot(prevEnd, ts[i]!, barMs, schedule)) flags[i] = flags[i]! | bit;
  }
}

/** Whether a slot starting in [from, to) on the bar grid (from + k * barMs) is scheduled open. */
function anyOpenSlot(from: number, to: number, barMs: number, schedule: ScheduleCursor): boolean {
  for (let t = from; t < to; ) {
    if (schedule.stateAt(t) === Sched.OPEN) return true;
    // closed until the stretch ends: the first slot at or after it, in whole steps from `from` (exact)
    const u = schedule.stretchEnd;
    let next = from + Math.ceil((u - from) / barMs) * barMs;
    while (next - barMs >= u) next -= barMs;
    while (next < u) next += barMs;
    t = next > t ? next : t + barMs;
  }
  return false;
}
