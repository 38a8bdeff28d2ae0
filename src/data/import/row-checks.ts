// Value checks shared by every container (CSV dialects, Arrow, Parquet): per-row OHLC/volume sanity and the
// whole-table checks (bar grid, tick, roll week). Bad rows go to the Ctx sink (fail, or skip with --skip-bad-rows).
import { MIN_MS } from '../calendar.ts';
import { CtDayCursor, type Span } from '../ct-days.ts';
import { ROLL_DAYS_BEFORE_EXPIRY } from '../derive.ts';
import { isoTime, type Ctx } from './common.ts';

/**
 * Per-row checks that need the whole table (bar grid, tick, roll week), kept in a small function of typed arrays so
 * V8 optimises the loop; `fail` is only called for bad rows.
 */
export function checkRows(
  ts: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array,
  rollDecl: Int8Array, cid: Int32Array, n: number, keep: Uint8Array, gridMs: number, tick: number, rollDay: Float64Array,
  fail: (i: number, field: string, msg: string) => void, span: Span,
): void {
  const inv = 1 / tick;
  const days = new CtDayCursor(span);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const t = ts[i]!;
    if (gridMs > 0 && !onGrid(t, gridMs)) {
      fail(i, 'ts', `bar start ${isoTime(t)} is not on the ${gridMs / MIN_MS}-minute grid`);
      keep[i] = 0;
      continue;
    }
    const o = open[i]! * inv;
    const h = high[i]! * inv;
    const l = low[i]! * inv;
    const c = close[i]! * inv;
    if (o !== Math.round(o) || h !== Math.round(h) || l !== Math.round(l) || c !== Math.round(c)) {
      // exact test failed: allow float noise for ticks like 0.1, else name the first bad price
      const names = ['open', 'high', 'low', 'close'];
      const vals = [open[i]!, high[i]!, low[i]!, close[i]!];
      const k = vals.findIndex((v) => offTick(v / tick));
      if (k >= 0) {
        fail(i, names[k]!, `price ${vals[k]} is not a multiple of the tick ${tick}`);
        keep[i] = 0;
        continue;
      }
    }
    const decl = rollDecl[i]!;
    if (decl >= 0) {
      const rw = days.day(t) >= rollDay[cid[i]!]! ? 1 : 0;
      if (rw !== decl) {
        fail(i, 'roll_week', `roll_week ${decl} disagrees with the calendar (${rw}: CT date ${rw ? 'on/after' : 'before'} expiry - ${ROLL_DAYS_BEFORE_EXPIRY} days`);
        keep[i] = 0;
      }
    }
  }
}

/**
 * t % gridMs === 0, without the libc fmod call V8 makes for a double %: below 2^53 the quotient is an exact
 * integer when gridMs divides t, and otherwise is at least 1/gridMs from any integer, more than its rounding error.
 */
function onGrid(t: number, gridMs: number): boolean {
  if (!(Math.abs(t) < 2 ** 53)) return t % gridMs === 0;
  const q = t / gridMs;
  return q === Math.floor(q);
}

function offTick(q: number): boolean {
  return Math.abs(q - Math.round(q)) > 1e-6;
}

/** No future trades above this: a larger price is a unit or parsing mistake (ES has never reached 10,000). */
export const MAX_PRICE = 1e6;

/** OHLC consistency and volume sanity, the test alone (no message): a reader's fast path calls it directly. */
export function rowValid(o: number, h: number, l: number, c: number, v: number, bv: number, av: number, tr: number): boolean {
  return h >= l && h >= o && h >= c && l <= o && l <= c && l > 0 && h <= MAX_PRICE && v >= 0 && v % 1 === 0 && (bv !== bv ? av !== av : bv >= 0 && av >= 0 && bv + av <= v) && (tr !== tr || (tr >= 0 && tr <= v));
}

/** OHLC consistency and volume sanity for one row; reports the first failing field. */
export function rowOk(
  ctx: Ctx, file: string, line: number, names: string[],
  cH: number, cL: number, cV: number, cB: number, cA: number, cT: number,
  o: number, h: number, l: number, c: number, v: number, bv: number, av: number, tr: number,
): boolean {
  if (rowValid(o, h, l, c, v, bv, av, tr)) return true;
  return rowFail(ctx, file, line, names, cH, cL, cV, cB, cA, cT, o, h, l, c, v, bv, av, tr);
}

// the slow path: say which field is wrong (kept out of rowOk so the per-row check stays small and closure-free)
function rowFail(
  ctx: Ctx, file: string, line: number, names: string[],
  cH: number, cL: number, cV: number, cB: number, cA: number, cT: number,
  o: number, h: number, l: number, c: number, v: number, bv: number, av: number, tr: number,
): false {
  const nm = (k: number, d: string): string => (k >= 0 ? names[k]! : d);
  const bad = [o, h, l, c].findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) ctx.fail(file, line, bad === 1 ? nm(cH, 'high') : bad === 2 ? nm(cL, 'low') : ['open', 'high', 'low', 'close'][bad]!, `not a finite price: ${[o, h, l, c][bad]}`);
  else if (h < l) ctx.fail(file, line, nm(cH, 'high'), `high ${h} < low ${l}`);
  else if (h < o || h < c) ctx.fail(file, line, nm(cH, 'high'), `high ${h} below open ${o} or close ${c}`);
  else if (l > o || l > c) ctx.fail(file, line, nm(cL, 'low'), `low ${l} above open ${o} or close ${c}`);
  else if (!(l > 0)) ctx.fail(file, line, nm(cL, 'low'), `price ${l} is not positive`);
  else if (!(h <= MAX_PRICE)) ctx.fail(file, line, nm(cH, 'high'), `price ${h} is absurd (> ${MAX_PRICE})`);
  else if (!(v >= 0) || v % 1 !== 0) ctx.fail(file, line, nm(cV, 'volume'), `volume must be a whole number >= 0, got ${v}`);
  else if (!(bv >= 0)) ctx.fail(file, line, nm(cB, 'bid_volume'), `bid volume must be >= 0, got ${bv}`);
  else if (!(av >= 0)) ctx.fail(file, line, nm(cA, 'ask_volume'), `ask volume must be >= 0, got ${av}`);
  else if (bv + av > v) ctx.fail(file, line, nm(cA, 'ask_volume'), `bid volume ${bv} + ask volume ${av} > volume ${v}`);
  else ctx.fail(file, line, nm(cT, 'trades'), `trades must be a count from 0 to the volume ${v}, got ${tr}`);
  return false;
}
