// Where random entries may go, built once per benchmark: two plans of the one simulator over every bar (all long,
// all short: planTrades walks each bar's trade exactly as it would for a signal there), each session's tradable
// rows, and the engine's trade scores per session (their tiers size the random entries). A draw picks rows and
// sides; `drawPlan` copies those rows into a TradePlan, which is what planTrades would return for signals on
// exactly those bars (rows depend only on their bar and side), at a fraction of the cost.
import type { Bars } from '../data/types.ts';
import { indexCandidates, planTrades } from '../simulate/plan-trades.ts';
import type { SimParams, SimResult, Signals, TradePlan } from '../simulate/types.ts';

export interface EntrySlots {
  long: TradePlan;
  short: TradePlan;
  /** per session s, slots slotStart[s] .. slotStart[s+1]-1: plan rows of the session's tradable bars, ascending */
  slotStart: Int32Array;
  row: Int32Array;
  /** per session s, the engine's trade scores scoreStart[s] .. scoreStart[s+1]-1, in trade order */
  scoreStart: Int32Array;
  scores: Float64Array;
}

/** One draw: plan rows, their sides and the engine scores that size them, in bar order. */
export interface Draw {
  n: number;
  row: Int32Array;
  dir: Int8Array;
  score: Float64Array;
  /** drawPlan's reusable arrays */
  buffers?: PlanBuffers;
}

function everyBar(signals: Signals, dir: 1 | -1): Signals {
  const n = signals.active.length;
  return { score: new Float64Array(n).fill(1), direction: new Int8Array(n).fill(dir), active: signals.active };
}

export function entrySlots(bars: Bars, signals: Signals, params: SimParams, plan: TradePlan, sim: SimResult): EntrySlots {
  const long = planTrades(bars, everyBar(signals, 1), params);
  const short = planTrades(bars, everyBar(signals, -1), params);
  // same bars and session filter as the engine's plan, so the session indices agree
  const S = plan.sessionDates.length;
  const slotStart = new Int32Array(S + 1);
  const rows: number[] = [];
  for (let s = 0, k = 0; s < S; s++) {
    slotStart[s] = rows.length;
    for (; k < long.n && long.sessionIdx[k]! === s; k++) if (long.tradable[k]) rows.push(k);
  }
  slotStart[S] = rows.length;
  const sessionOf = new Map<number, number>();
  plan.sessionDates.forEach((d, i) => sessionOf.set(d, i));
  const scoreStart = new Int32Array(S + 1);
  for (const t of sim.trades) scoreStart[sessionOf.get(t.tradeDate)! + 1]!++;
  for (let s = 0; s < S; s++) scoreStart[s + 1]! += scoreStart[s]!;
  const scores = Float64Array.from(sim.trades, (t) => t.score);
  return { long, short, slotStart, row: Int32Array.from(rows), scoreStart, scores };
}

export function newDraw(sl: EntrySlots): Draw {
  const k = sl.scores.length;
  return { n: 0, row: new Int32Array(k), dir: new Int8Array(k), score: new Float64Array(k) };
}

/**
 * Per session with k engine entries: k random entries in bar order, each at a uniform random gap of 0 to
 * (free bars left) / (entries left) bars after the previous random trade's exit (or the session's first tradable
 * bar), so the entries spread over the whole session and nearly always all fit; an entry past the last tradable
 * bar is dropped. Side: a fair coin. Fills `d` in place.
 */
export function drawEntries(sl: EntrySlots, rnd: () => number, d: Draw): void {
  const { long, short } = sl;
  const S = sl.slotStart.length - 1;
  d.n = 0;
  for (let s = 0; s < S; s++) {
    const k0 = sl.scoreStart[s]!;
    const k = sl.scoreStart[s + 1]! - k0;
    const a = sl.slotStart[s]!;
    const m = sl.slotStart[s + 1]! - a;
    let next = 0; // first slot (offset from a) the next entry may use
    for (let i = 0; i < k && next < m; i++) {
      const share = Math.floor((m - next) / (k - i));
      const r = next + Math.floor(rnd() * (share + 1));
      if (r >= m) break;
      const row = sl.row[a + r]!;
      const dir = rnd() < 0.5 ? 1 : -1;
      d.row[d.n] = row;
      d.dir[d.n] = dir;
      d.score[d.n] = sl.scores[k0 + i]!;
      d.n++;
      // one position at a time: the next entry's signal bar is at or after this trade's exit bar
      const exit = (dir > 0 ? long : short).exitBar[row]!;
      next = r + 1;
      while (next < m && long.signalBar[sl.row[a + next]!]! < exit) next++;
    }
  }
}

/**
 * The TradePlan planTrades would build for signals exactly at the draw's bars, sides and scores. Its arrays are
 * views of buffers the draw owns and reuses (a plan lives only until the next draw), so 1,000 draws allocate once.
 */
export function drawPlan(sl: EntrySlots, d: Draw): TradePlan {
  const { long, short } = sl;
  const n = d.n;
  const b = (d.buffers ??= planBuffers(d.row.length, long));
  const p: TradePlan = {
    ...long,
    n,
    signalBar: b.signalBar.subarray(0, n),
    score: d.score.subarray(0, n),
    direction: d.dir.subarray(0, n),
    sessionIdx: b.sessionIdx.subarray(0, n),
    tradable: b.tradable.subarray(0, n),
    entryBar: b.entryBar.subarray(0, n),
    exitBar: b.exitBar.subarray(0, n),
    exitReason: b.exitReason.subarray(0, n),
    entryPrice: b.entryPrice.subarray(0, n),
    exitPrice: b.exitPrice.subarray(0, n),
    pnlTicks: b.pnlTicks.subarray(0, n),
    maeTicks: b.maeTicks.subarray(0, n),
    mfeTicks: b.mfeTicks.subarray(0, n),
    nextCandidate: b.nextCandidate,
    sessionEnd: b.sessionEnd,
  };
  for (let i = 0; i < n; i++) {
    const k = d.row[i]!;
    const src = d.dir[i]! > 0 ? long : short;
    p.signalBar[i] = src.signalBar[k]!;
    p.sessionIdx[i] = src.sessionIdx[k]!;
    p.entryBar[i] = src.entryBar[k]!;
    p.exitBar[i] = src.exitBar[k]!;
    p.exitReason[i] = src.exitReason[k]!;
    p.entryPrice[i] = src.entryPrice[k]!;
    p.exitPrice[i] = src.exitPrice[k]!;
    p.pnlTicks[i] = src.pnlTicks[k]!;
    p.maeTicks[i] = src.maeTicks[k]!;
    p.mfeTicks[i] = src.mfeTicks[k]!;
  }
  indexCandidates(p);
  return p;
}

type PlanBuffers = ReturnType<typeof planBuffers>;
function planBuffers(k: number, like: TradePlan) {
  return {
    signalBar: new Int32Array(k),
    sessionIdx: new Int32Array(k),
    tradable: new Uint8Array(k).fill(1),
    entryBar: new Int32Array(k),
    exitBar: new Int32Array(k),
    exitReason: new Uint8Array(k),
    entryPrice: new Float64Array(k),
    exitPrice: new Float64Array(k),
    pnlTicks: new Float64Array(k),
    maeTicks: new Float64Array(k),
    mfeTicks: new Float64Array(k),
    nextCandidate: new Int32Array(like.nextCandidate.length),
    sessionEnd: new Int32Array(like.sessionEnd.length),
  };
}

/** The draw as engine-style signals (for the equivalence test and for inspection): direction and score per bar. */
export function drawSignals(sl: EntrySlots, d: Draw, active: Uint8Array): Signals {
  const n = active.length;
  const score = new Float64Array(n);
  const direction = new Int8Array(n);
  for (let i = 0; i < d.n; i++) {
    const b = sl.long.signalBar[d.row[i]!]!;
    score[b] = d.score[i]!;
    direction[b] = d.dir[i]!;
  }
  return { score, direction, active };
}
