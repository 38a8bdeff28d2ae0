// Regime buckets per session, from what is known before its open: the previous session's VIX close (context)
// or the previous session's realised volatility (bars). VIX cut points are given; realised-volatility cut
// points are quantiles of the training sessions only.
import type { Bars, DailyContext } from '../data/types.ts';
import { MiaError } from '../util/errors.ts';

export type RegimeSpec = { kind: 'vix'; cuts: number[]; text: string } | { kind: 'rv'; buckets: number; text: string };

export function parseRegime(text: string): RegimeSpec {
  const m = /^(vix|rv):(.+)$/.exec(text.trim());
  if (!m) throw new MiaError(`--regime ${text}: expected vix:CUT,CUT (e.g. vix:15,25) or rv:N (e.g. rv:3)`);
  if (m[1] === 'rv') {
    const n = Number(m[2]);
    if (!Number.isInteger(n) || n < 2 || n > 5) throw new MiaError(`--regime ${text}: rv needs a whole number of buckets in 2..5`);
    return { kind: 'rv', buckets: n, text };
  }
  const cuts = m[2]!.split(',').map(Number);
  if (cuts.some((c) => !Number.isFinite(c)) || cuts.some((c, i) => i > 0 && c <= cuts[i - 1]!)) throw new MiaError(`--regime ${text}: VIX cut points must be increasing numbers`);
  return { kind: 'vix', cuts, text };
}

export function bucketCount(spec: RegimeSpec): number {
  return spec.kind === 'vix' ? spec.cuts.length + 1 : spec.buckets;
}

/** Per session date: the regime variable known before that session (NaN when unknown). */
export function regimeValues(spec: RegimeSpec, bars: Bars, context: DailyContext | null, dates: Int32Array, rthOnly: boolean): Float64Array {
  const out = new Float64Array(dates.length).fill(NaN);
  if (spec.kind === 'vix') {
    if (!context) throw new MiaError(`--regime ${spec.text}: needs a context with VIX (--context)`);
    let r = -1;
    for (let s = 0; s < dates.length; s++) {
      while (r + 1 < context.n && context.date[r + 1]! < dates[s]!) r++;
      if (r >= 0) out[s] = context.vixClose[r]!;
    }
    return out;
  }
  const rv = sessionRealisedVol(bars, dates, rthOnly);
  for (let s = 1; s < dates.length; s++) out[s] = rv[s - 1]!;
  return out;
}

/** √Σ (log return)² of consecutive closes inside the session filter, within one contract, per session date. */
function sessionRealisedVol(bars: Bars, dates: Int32Array, rthOnly: boolean): Float64Array {
  const idx = new Map<number, number>();
  dates.forEach((d, i) => idx.set(d, i));
  const ss = new Float64Array(dates.length);
  const { close, tradeDate, rth, contractId } = bars;
  let prev = -1;
  for (let i = 0; i < bars.n; i++) {
    if (rthOnly && rth[i] !== 1) continue;
    if (prev >= 0 && tradeDate[prev] === tradeDate[i] && contractId[prev] === contractId[i]) {
      const s = idx.get(tradeDate[i]!);
      const r = Math.log(close[i]! / close[prev]!);
      if (s !== undefined && Number.isFinite(r)) ss[s] = ss[s]! + r * r;
    }
    prev = i;
  }
  return Float64Array.from(ss, Math.sqrt);
}

/** Cut points: VIX as given; rv at the i/N quantiles of the known values of sessions [from, to). */
export function cutPoints(spec: RegimeSpec, values: Float64Array, from: number, to: number): number[] {
  if (spec.kind === 'vix') return spec.cuts;
  const known = Array.from(values.subarray(from, to)).filter(Number.isFinite).sort((a, b) => a - b);
  if (known.length < spec.buckets) return [];
  return Array.from({ length: spec.buckets - 1 }, (_, i) => known[Math.floor(((i + 1) * known.length) / spec.buckets)]!);
}

/** Bucket of a value: the number of cut points at or below it; −1 when unknown. */
export function bucketOf(v: number, cuts: number[]): number {
  if (!Number.isFinite(v)) return -1;
  let b = 0;
  while (b < cuts.length && v >= cuts[b]!) b++;
  return b;
}
