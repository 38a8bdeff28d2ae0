// Whole-table passes of the import driver: time order, duplicates, column gathers and the bar length.
import { MIN_MS } from '../calendar.ts';

/** null when already in time order, else a stable (ts, input position) ordering. */
export function sortOrder(ts: Float64Array, n: number): Int32Array | null {
  for (let i = 1; i < n; i++) {
    if (ts[i]! < ts[i - 1]!) {
      const idx = Array.from({ length: n }, (_, k) => k);
      idx.sort((a, b) => ts[a]! - ts[b]! || a - b);
      return Int32Array.from(idx);
    }
  }
  return null;
}

export function markDuplicates(ts: Float64Array, order: Int32Array | null, n: number, keep: Uint8Array, dup: (i: number, prev: number) => void): void {
  for (let k = 1; k < n; k++) {
    const i = order ? order[k]! : k;
    const p = order ? order[k - 1]! : k - 1;
    if (ts[i] === ts[p]) {
      dup(i, p);
      keep[i] = 0;
    }
  }
}

export function gather(src: Float64Array, sel: Int32Array): Float64Array {
  const out = new Float64Array(sel.length);
  for (let q = 0; q < sel.length; q++) out[q] = src[sel[q]!]!;
  return out;
}

export function sortedTs(ts: Float64Array, n: number, order: Int32Array | null): Float64Array {
  if (!order) return ts.subarray(0, n);
  const o = new Float64Array(n);
  for (let k = 0; k < n; k++) o[k] = ts[order[k]!]!;
  return o;
}

/** Bar length = the most common positive spacing between consecutive bar times. */
export function inferBarMs(ts: Float64Array, what: string): number {
  const counts = new Map<number, number>();
  let run = 0;
  let runD = 0;
  for (let i = 1; i <= ts.length; i++) {
    const d = i < ts.length ? ts[i]! - ts[i - 1]! : NaN;
    if (d === runD) run++;
    else {
      if (runD > 0) counts.set(runD, (counts.get(runD) ?? 0) + run);
      runD = d;
      run = 1;
    }
  }
  let best = 0;
  let bestN = 0;
  for (const [d, c] of counts) if (c > bestN || (c === bestN && d < best)) [best, bestN] = [d, c];
  // a single bar says nothing about spacing: assume the common 5-minute bars (override with --bar-minutes)
  void what;
  return best > 0 ? best : 5 * MIN_MS;
}
