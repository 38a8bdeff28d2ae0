// Builds a `Bars` from plain arrays for unit tests. Trade date, RTH and flags are computed simply from
// America/Chicago wall time (RTH 08:30-15:00, trade date rolls at 17:00); no holiday calendar.
import type { Bars } from '../../src/data/types.ts';
import { BarFlag } from '../../src/data/types.ts';
import type { DayContext, Feature } from '../../src/engine/feature.ts';
import { emptyDayContext } from '../../src/engine/feature.ts';
import { SessionState } from '../../src/engine/session-state.ts';

export interface BarsSpec {
  close: number[];
  open?: number[];
  high?: number[];
  low?: number[];
  volume?: number[];
  bidVolume?: number[];
  askVolume?: number[];
  /** bar starts, UTC epoch ms; default: consecutive bars from `start` */
  ts?: number[];
  /** ISO-8601 start of the first bar; default 2024-06-03T13:30:00Z (08:30 CT, an RTH open) */
  start?: string;
  barMs?: number;
  /** contract index per bar (default all 0) */
  contractId?: number[];
  contracts?: string[];
  symbol?: string;
}

const CT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Chicago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function chicago(ts: number): { ymd: number; minutes: number } {
  const parts: Record<string, string> = {};
  for (const p of CT.formatToParts(new Date(ts))) parts[p.type] = p.value;
  return { ymd: Number(`${parts.year}${parts.month}${parts.day}`), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function nextDay(ymd: number): number {
  const y = Math.floor(ymd / 10000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

export function makeBars(spec: BarsSpec): Bars {
  const n = spec.close.length;
  const barMs = spec.barMs ?? 300_000;
  const t0 = Date.parse(spec.start ?? '2024-06-03T13:30:00Z');
  const f = (a: number[] | undefined, dflt: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => a?.[i] ?? dflt(i));
  const close = f(spec.close, () => NaN);
  const open = f(spec.open, (i) => close[i]!);
  const high = f(spec.high, (i) => Math.max(open[i]!, close[i]!));
  const low = f(spec.low, (i) => Math.min(open[i]!, close[i]!));
  const volume = f(spec.volume, () => 1000);
  const bidVolume = f(spec.bidVolume, (i) => volume[i]! / 2);
  const askVolume = f(spec.askVolume, (i) => volume[i]! - bidVolume[i]!);
  const ts = f(spec.ts, (i) => t0 + i * barMs);
  const contractId = Int32Array.from({ length: n }, (_, i) => spec.contractId?.[i] ?? 0);
  const tradeDate = new Int32Array(n);
  const rth = new Uint8Array(n);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const { ymd, minutes } = chicago(ts[i]!);
    tradeDate[i] = minutes >= 17 * 60 ? nextDay(ymd) : ymd;
    rth[i] = minutes >= 8 * 60 + 30 && minutes < 15 * 60 ? 1 : 0;
  }
  for (let i = 0; i < n; i++) {
    let fl = 0;
    if (i === 0 || tradeDate[i] !== tradeDate[i - 1]) fl |= BarFlag.NEW_TRADE_DATE;
    if (i === 0 || contractId[i] !== contractId[i - 1]) fl |= BarFlag.NEW_CONTRACT;
    if (i > 0 && tradeDate[i] === tradeDate[i - 1] && ts[i]! - ts[i - 1]! > barMs) fl |= BarFlag.AFTER_GAP;
    if (rth[i] && (i === 0 || !rth[i - 1] || tradeDate[i] !== tradeDate[i - 1])) fl |= BarFlag.RTH_OPEN;
    if (i === n - 1 || tradeDate[i + 1] !== tradeDate[i]) fl |= BarFlag.LAST_OF_TRADE_DATE;
    if (rth[i] && (i === n - 1 || !rth[i + 1] || tradeDate[i + 1] !== tradeDate[i])) fl |= BarFlag.LAST_OF_RTH;
    if (i === n - 1 || contractId[i + 1] !== contractId[i]) fl |= BarFlag.LAST_OF_CONTRACT;
    flags[i] = fl;
  }
  const maxC = contractId.reduce((m, c) => Math.max(m, c), 0);
  return {
    n,
    symbol: spec.symbol ?? 'ES',
    barMs,
    ts,
    open,
    high,
    low,
    close,
    volume,
    bidVolume,
    askVolume,
    trades: new Float64Array(n).fill(NaN),
    contractId,
    contracts: spec.contracts ?? Array.from({ length: maxC + 1 }, (_, k) => `ESX${k}`),
    tradeDate,
    rth,
    rollWeek: new Uint8Array(n),
    flags,
  };
}

/** Copies bars [from, to) into a new Bars (column subarrays copied so tests may mutate them). */
export function sliceRange(b: Bars, from: number, to: number): Bars {
  return {
    ...b,
    n: to - from,
    ts: b.ts.slice(from, to),
    open: b.open.slice(from, to),
    high: b.high.slice(from, to),
    low: b.low.slice(from, to),
    close: b.close.slice(from, to),
    volume: b.volume.slice(from, to),
    bidVolume: b.bidVolume.slice(from, to),
    askVolume: b.askVolume.slice(from, to),
    trades: b.trades.slice(from, to),
    contractId: b.contractId.slice(from, to),
    tradeDate: b.tradeDate.slice(from, to),
    rth: b.rth.slice(from, to),
    rollWeek: b.rollWeek.slice(from, to),
    flags: b.flags.slice(from, to),
  };
}

// Test drivers for single features over a Bars built above.
/** Feeds bars [0, n) to one feature after a reset (one session); returns its values and availability. */
export function runFeature(f: Feature, b: Bars, day: DayContext = emptyDayContext(), tick = 0.25): { v: number[]; a: boolean[]; s: SessionState } {
  const s = new SessionState(tick);
  s.reset();
  f.reset();
  const v: number[] = [];
  const a: boolean[] = [];
  for (let i = 0; i < b.n; i++) {
    s.update(b, i);
    v.push(f.update(b, i, s, day));
    a.push(f.available);
  }
  return { v, a, s };
}

export function day(over: Partial<DayContext>): DayContext {
  return { ...emptyDayContext(), ...over };
}

export const last = <T>(xs: T[]): T => xs[xs.length - 1]!;
