// Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV),
// Bailey, Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting" (2015).
//
// M is a T×N performance matrix (rows = time, e.g. daily P&L; columns = trials). Split the rows into S
// contiguous blocks; for every one of the C(S, S/2) ways to pick half the blocks as in-sample (IS) J and
// the rest as out-of-sample (OOS) J̄: take n* = argmax of the IS performance, its OOS relative rank
// ω = rank/(N + 1) (rank 1 = worst), logit λ = ln(ω / (1 − ω)). PBO = share of combinations with λ ≤ 0,
// i.e. how often the IS winner lands at or below the OOS median.
// Only per-block sums are needed (Σx, Σx², count), so the sweep never holds the whole T×N matrix.
import { MiaError } from '../util/errors.ts';

export type PboMetric = 'sharpe' | 'mean';

/** Per-trial sufficient statistics of each row block: arrays are block-major, index b·N + j. */
export interface BlockStats {
  S: number;
  N: number;
  /** rows in each block */
  count: Float64Array;
  sum: Float64Array;
  sumSq: Float64Array;
}

export interface PboResult {
  S: number;
  N: number;
  metric: PboMetric;
  combinations: number;
  /** share of combinations whose IS-best trial ranks at or below the OOS median (λ ≤ 0) */
  pbo: number;
  /** λ per combination, in lexicographic order of the IS block sets */
  logits: number[];
  /** OLS of the IS-best's OOS performance on its IS performance across combinations: slope < 0 = degradation */
  degradation: { slope: number | null; intercept: number | null };
  /** share of combinations where the IS-best trial's OOS performance is below zero */
  probLoss: number;
  /** IS and OOS performance of the IS-best trial per combination */
  isPerf: number[];
  oosPerf: number[];
}

/** Block boundaries over T rows: S contiguous blocks whose sizes differ by at most one (the first T mod S get the extra row), so no row is dropped. */
export function blockBounds(T: number, S: number): Int32Array {
  const b = new Int32Array(S + 1);
  const base = Math.floor(T / S);
  const extra = T % S;
  for (let k = 0; k < S; k++) b[k + 1] = (b[k] as number) + base + (k < extra ? 1 : 0);
  return b;
}

/** Block statistics of a row-major T×N matrix. */
export function blockStatsFromMatrix(values: Float64Array, T: number, N: number, S: number): BlockStats {
  checkShape(T, N, S);
  if (values.length !== T * N) throw new MiaError(`PBO: matrix has ${values.length} values, expected ${T}×${N}`);
  const bounds = blockBounds(T, S);
  const acc = newBlockStats(S, N);
  for (let k = 0; k < S; k++) {
    acc.count[k] = (bounds[k + 1] as number) - (bounds[k] as number);
    for (let t = bounds[k] as number; t < (bounds[k + 1] as number); t++) {
      for (let j = 0; j < N; j++) {
        const v = values[t * N + j] as number;
        acc.sum[k * N + j] = (acc.sum[k * N + j] as number) + v;
        acc.sumSq[k * N + j] = (acc.sumSq[k * N + j] as number) + v * v;
      }
    }
  }
  return acc;
}

export function newBlockStats(S: number, N: number): BlockStats {
  return { S, N, count: new Float64Array(S), sum: new Float64Array(S * N), sumSq: new Float64Array(S * N) };
}

/** Binomial coefficient, exact for the small S CSCV uses. */
export function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * The largest even S ≤ maxS (default 16, the paper's choice) whose cost C(S,S/2)·S·N stays under
 * `maxOps` (3e7 ≈ 0.1 s: 16 blocks up to ~150 trials, 12 up to ~2,700, 10 up to ~12,000), with at least 2 rows per block; throws when even S = 2 is impossible (T < 4).
 */
export function chooseBlocks(T: number, N: number, maxS = 16, maxOps = 3e7): number {
  let S = maxS - (maxS % 2);
  while (S > 2 && (T < 2 * S || choose(S, S / 2) * S * N > maxOps)) S -= 2;
  if (T < 2 * S) throw new MiaError(`PBO needs at least ${2 * S} periods (rows), got ${T}`);
  return S;
}

function checkShape(T: number, N: number, S: number): void {
  if (!Number.isInteger(S) || S < 2 || S % 2 !== 0) throw new MiaError(`PBO: S must be an even integer >= 2, got ${S}`);
  if (N < 2) throw new MiaError(`PBO needs at least 2 trials, got ${N}`);
  if (T < S) throw new MiaError(`PBO: ${T} rows cannot fill ${S} blocks`);
}

/** Sharpe of rows with count n, Σx = s, Σx² = q. */
function sharpeOf(n: number, s: number, q: number): number {
  const mean = s / n;
  const v = n > 1 ? (q - n * mean * mean) / (n - 1) : 0;
  // a flat column (no trades in these blocks) has no risk-adjusted performance: 0, not ±∞
  return v > 1e-18 * Math.max(1, mean * mean) ? mean / Math.sqrt(v) : 0;
}

export function probabilityOfBacktestOverfitting(blocks: BlockStats, opts: { metric?: PboMetric } = {}): PboResult {
  const { S, N } = blocks;
  const metric = opts.metric ?? 'sharpe';
  let rowsTotal = 0;
  for (let k = 0; k < S; k++) rowsTotal += blocks.count[k] as number;
  checkShape(rowsTotal, N, S);
  const half = S / 2;
  // totals per trial: OOS sums = total − IS sums
  const totS = new Float64Array(N);
  const totQ = new Float64Array(N);
  for (let k = 0; k < S; k++) {
    for (let j = 0; j < N; j++) {
      totS[j] = (totS[j] as number) + (blocks.sum[k * N + j] as number);
      totQ[j] = (totQ[j] as number) + (blocks.sumSq[k * N + j] as number);
    }
  }
  const isS = new Float64Array(N);
  const isQ = new Float64Array(N);
  const oos = new Float64Array(N);
  const { sum, sumSq, count } = blocks;
  const sharpe = metric === 'sharpe';
  const logits: number[] = [];
  const isPerf: number[] = [];
  const oosPerf: number[] = [];
  let overfit = 0;
  let losses = 0;
  const pick = Array.from({ length: half }, (_, i) => i);
  // hot loop (C(S,S/2)·N·S/2 adds): locals and an inlined metric, no calls per trial
  for (;;) {
    const k0 = pick[0] as number;
    isS.set(sum.subarray(k0 * N, k0 * N + N));
    isQ.set(sumSq.subarray(k0 * N, k0 * N + N));
    let nIs = count[k0] as number;
    for (let m = 1; m < half; m++) {
      const k = pick[m] as number;
      nIs += count[k] as number;
      const off = k * N;
      for (let j = 0; j < N; j++) {
        isS[j] = (isS[j] as number) + (sum[off + j] as number);
        isQ[j] = (isQ[j] as number) + (sumSq[off + j] as number);
      }
    }
    const nOos = rowsTotal - nIs;
    // IS winner: first index among ties, so the result does not depend on anything but the matrix
    let best = 0;
    let bestPerf = -Infinity;
    for (let j = 0; j < N; j++) {
      const si = isS[j] as number;
      const so = (totS[j] as number) - si;
      let p: number;
      if (sharpe) {
        p = sharpeOf(nIs, si, isQ[j] as number);
        oos[j] = sharpeOf(nOos, so, (totQ[j] as number) - (isQ[j] as number));
      } else {
        p = si / nIs;
        oos[j] = so / nOos;
      }
      if (p > bestPerf) {
        bestPerf = p;
        best = j;
      }
    }
    const target = oos[best] as number;
    // relative rank with mid-ranks for ties: 1 = worst, N = best
    let below = 0;
    let equal = 0;
    for (let j = 0; j < N; j++) {
      const v = oos[j] as number;
      if (v < target) below++;
      else if (v === target) equal++;
    }
    const rank = below + (equal + 1) / 2;
    const omega = rank / (N + 1);
    const lambda = Math.log(omega / (1 - omega));
    logits.push(lambda);
    isPerf.push(bestPerf);
    oosPerf.push(target);
    if (lambda <= 0) overfit++;
    if (target < 0) losses++;
    // next combination in lexicographic order
    let i = half - 1;
    while (i >= 0 && (pick[i] as number) === S - half + i) i--;
    if (i < 0) break;
    pick[i] = (pick[i] as number) + 1;
    for (let m = i + 1; m < half; m++) pick[m] = (pick[m - 1] as number) + 1;
  }
  const C = logits.length;
  return {
    S,
    N,
    metric,
    combinations: C,
    pbo: overfit / C,
    logits,
    degradation: olsLine(isPerf, oosPerf),
    probLoss: losses / C,
    isPerf,
    oosPerf,
  };
}

function olsLine(x: number[], y: number[]): { slope: number | null; intercept: number | null } {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((y[i] as number) - my);
  }
  if (!(sxx > 0) || !Number.isFinite(sxx)) return { slope: null, intercept: null };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
