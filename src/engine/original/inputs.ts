import type { Bars } from '../../data/types.ts';
import type { DayContext } from '../feature.ts';

// One bar's inputs to the original engine (ENGINE_SPEC §1), filled from the bar, its optional extra columns
// (src/data/extra-columns.ts) and the day's context. Groups absent on the bar carry has* = false.

export const BOOK_LEVELS = 5;

export class OriginalInputs {
  o = 0;
  h = 0;
  l = 0;
  c = 0;
  v = 0;
  hasFlow = false;
  bid = 0;
  ask = 0;
  aggBuys = 0;
  aggSells = 0;
  netDelta = 0;
  hasOptions = false;
  callWall = 0;
  putWall = 0;
  volTrigger = 0;
  netGamma = 0;
  callVolume = 0;
  putVolume = 0;
  putCallRatio = 0;
  hasStructure = false;
  vwap = 0;
  sd1Up = 0;
  sd1Down = 0;
  vwapSlope = 0;
  hasSierra = false;
  battleNavale = 0;
  baseQuality = 0;
  trendContinuation = 0;
  battleStrength = 0;
  /** levels on each side (0 = no book given: the mock book is used) */
  nBids = 0;
  nAsks = 0;
  readonly bidPx = new Float64Array(BOOK_LEVELS);
  readonly bidSz = new Float64Array(BOOK_LEVELS);
  readonly askPx = new Float64Array(BOOK_LEVELS);
  readonly askSz = new Float64Array(BOOK_LEVELS);
  hasBook = false;
  /** the recorded volume_imbalance_signal, NaN when absent */
  volumeImbalance = NaN;
}

const num = (x: number | undefined): number => (x !== undefined && x === x ? x : 0);
const isNum = (x: number): boolean => x === x;

/** A group is on the bar when its has_ flag is not 0 and at least one of its columns has a value. */
function groupOn(cols: Partial<Record<string, Float64Array>>, flag: string, names: readonly string[], r: number): boolean {
  const f = cols[flag];
  if (f !== undefined && f[r] === 0) return false;
  for (const nm of names) {
    const c = cols[nm];
    if (c !== undefined && c[r]! === c[r]!) return true;
  }
  return false;
}

const FLOW = ['aggressive_buys', 'aggressive_sells', 'net_delta'] as const;
const OPTIONS = ['call_wall', 'put_wall', 'vol_trigger', 'net_gamma', 'call_volume', 'put_volume', 'put_call_ratio'] as const;
const STRUCTURE = ['vwap_price', 'vwap_sd1_up', 'vwap_sd1_down', 'vwap_slope'] as const;
const SIERRA = ['battle_navale_signal', 'base_quality', 'trend_continuation', 'battle_strength'] as const;
const BOOK = ['bid_px1', 'ask_px1'] as const;

/** Fills `x` for bar i. `day` is the daily context (options fallback when the bar has no option columns). */
export function fillInputs(x: OriginalInputs, b: Bars, i: number, day: DayContext): void {
  x.o = b.open[i]!;
  x.h = b.high[i]!;
  x.l = b.low[i]!;
  x.c = b.close[i]!;
  x.v = b.volume[i]!;
  const bid = b.bidVolume[i]!;
  const ask = b.askVolume[i]!;
  // defaults (ENGINE_SPEC §1): aggressive buys = ask volume, sells = bid volume, net delta = ask - bid
  x.hasFlow = isNum(bid) && isNum(ask);
  x.bid = num(bid);
  x.ask = num(ask);
  x.aggBuys = x.ask;
  x.aggSells = x.bid;
  x.netDelta = x.ask - x.bid;
  dayOptions(x, day);
  x.hasStructure = false;
  x.hasSierra = false;
  x.nBids = 0;
  x.nAsks = 0;
  x.hasBook = false;
  x.volumeImbalance = NaN;
  const e = b.extra;
  if (e === undefined) return;
  const r = e.rowOf.get(b.ts[i]!);
  if (r === undefined) return;
  fillExtra(x, e.cols, r);
}

function dayOptions(x: OriginalInputs, day: DayContext): void {
  // the original's OptionsData defaults every missing level to 0; the object exists when the day has any input
  x.hasOptions =
    isNum(day.callWall) || isNum(day.putWall) || isNum(day.volTrigger) || isNum(day.netGammaBn) || isNum(day.putCallRatio) || isNum(day.callVolume) || isNum(day.putVolume);
  x.callWall = num(day.callWall);
  x.putWall = num(day.putWall);
  x.volTrigger = num(day.volTrigger);
  x.netGamma = num(day.netGammaBn);
  x.callVolume = num(day.callVolume);
  x.putVolume = num(day.putVolume);
  // OptionsData.__post_init__: put/call from the volumes when there are calls
  x.putCallRatio = x.callVolume > 0 ? x.putVolume / x.callVolume : num(day.putCallRatio);
}

function fillExtra(x: OriginalInputs, cols: Partial<Record<string, Float64Array>>, r: number): void {
  const at = (nm: string): number => num(cols[nm]?.[r]);
  const has = (nm: string): boolean => {
    const c = cols[nm];
    return c !== undefined && c[r]! === c[r]!;
  };
  if (cols.has_orderflow !== undefined && cols.has_orderflow[r] === 0) x.hasFlow = false;
  else if (groupOn(cols, 'has_orderflow', FLOW, r) || x.hasFlow) {
    x.hasFlow = true;
    if (has('aggressive_buys')) x.aggBuys = at('aggressive_buys');
    if (has('aggressive_sells')) x.aggSells = at('aggressive_sells');
    if (has('net_delta')) x.netDelta = at('net_delta');
  }
  const anyOptionColumn = OPTIONS.some((nm) => cols[nm] !== undefined);
  if (cols.has_options !== undefined && cols.has_options[r] === 0) x.hasOptions = false;
  else if (anyOptionColumn && groupOn(cols, 'has_options', OPTIONS, r)) {
    // explicit per-bar options: every attribute the original reads, missing ones 0 (as its dataclass)
    x.hasOptions = true;
    x.callWall = at('call_wall');
    x.putWall = at('put_wall');
    x.volTrigger = at('vol_trigger');
    x.netGamma = at('net_gamma');
    x.callVolume = at('call_volume');
    x.putVolume = at('put_volume');
    x.putCallRatio = at('put_call_ratio');
  }
  if (groupOn(cols, 'has_structure', STRUCTURE, r)) {
    x.hasStructure = true;
    x.vwap = at('vwap_price');
    x.sd1Up = at('vwap_sd1_up');
    x.sd1Down = at('vwap_sd1_down');
    x.vwapSlope = at('vwap_slope');
  }
  if (groupOn(cols, 'has_sierra', SIERRA, r)) {
    x.hasSierra = true;
    x.battleNavale = at('battle_navale_signal');
    x.baseQuality = at('base_quality');
    x.trendContinuation = at('trend_continuation');
    x.battleStrength = at('battle_strength');
  }
  if (groupOn(cols, 'has_book', BOOK, r)) fillBook(x, cols, r);
  const vis = cols.volume_imbalance_signal;
  if (vis !== undefined) x.volumeImbalance = vis[r]!;
}

/** Levels are read best first and stop at the first level without a price and a size. */
function fillBook(x: OriginalInputs, cols: Partial<Record<string, Float64Array>>, r: number): void {
  x.hasBook = true;
  x.nBids = side(cols, 'bid', r, x.bidPx, x.bidSz);
  x.nAsks = side(cols, 'ask', r, x.askPx, x.askSz);
}

function side(cols: Partial<Record<string, Float64Array>>, s: 'bid' | 'ask', r: number, px: Float64Array, sz: Float64Array): number {
  let n = 0;
  for (let k = 1; k <= BOOK_LEVELS; k++) {
    const p = cols[`${s}_px${k}`]?.[r];
    const z = cols[`${s}_sz${k}`]?.[r];
    if (p === undefined || z === undefined || p !== p || z !== z) break;
    px[n] = p;
    sz[n] = z;
    n++;
  }
  return n;
}
