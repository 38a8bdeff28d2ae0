// The score and the D1 vote are linear in the weights: per row, vote = Σ_dir w_k·2(f_k − 0.5) and
// score = Σ w_k·f'_k (f' mirrored for a short), a matrix–vector product over the feature matrix. Terms are
// added in the engine's order (src/engine/engine.ts), so the result is bit-identical to the replay's.
// The result goes straight into the dual plan's score column (side-plans.ts): row 2i (long) or 2i + 1 (short)
// gets the score of the side the vote picks, the other row NaN; both NaN when there is no side (never traded).

/** Added to a side's score: NaN (not this side) or 0 (this side; x + 0 === x for the scores, never -0). */
const OFF_ON = Float64Array.of(NaN, 0);

/** Scratch for the selection when the caller wants none (nothing is listed: floor +Infinity; never read back). */
const scratchList = new Int32Array(2);
let scratchTrad = new Uint8Array(0);

/** What the rescoring pass also lists: the dual rows a gate at `floor` could open (tradable, score >= floor). */
export interface Selection {
  /** per feature row: 1 when its bar may open a position (the same for both sides: tradability is the bar's) */
  trad: Uint8Array;
  floor: number;
  /** receives the dual rows 2i / 2i + 1, ascending; capacity >= 2n */
  list: Int32Array;
}

/** The feature columns row-major: the ten values of row i at [10i, 10i + 10), so a row is one cache line or two. */
export function rowMajor(cols: Float64Array[]): Float64Array {
  const n = cols[0]?.length ?? 0;
  const f = new Float64Array(10 * n);
  for (let k = 0; k < 10; k++) {
    const c = cols[k]!;
    for (let i = 0; i < n; i++) f[10 * i + k] = c[i]!;
  }
  return f;
}

/** rescoreRows over column-major features (transposed first: for tests and one-off use, not a hot loop). */
export function rescoreInto(cols: Float64Array[], w: ArrayLike<number>, deadBand: number, dual: Float64Array, sel?: Selection): number {
  return rescoreRows(rowMajor(cols), w, deadBand, dual, sel);
}

/**
 * Writes the side-aligned scores of every feature row of `f` (row-major, rowMajor) into `dual` (length 2n) and
 * returns how many dual rows `sel` lists (0 without `sel`). Both sides' sums are computed, each in the engine's
 * order (so each is bit-identical to the engine's score for that side), and the vote selects one without a
 * branch: the side of a bar is close to a coin flip, and a mispredicted branch per row cost more than the ten
 * extra multiply-adds. The selection is built in the same pass (branch-free appends), so the trade chain never
 * re-reads the 2n scores to find its entries. Row-major features: ten separate columns cost ~1.5x the time
 * (ten base pointers and bounds checks per row). `from`/`to` restrict the pass to feature rows [from, to) and
 * `e0` is how many rows `sel.list` already holds (the optimiser rescores lazily, a few sessions at a time).
 */
export function rescoreRows(f: Float64Array, w: ArrayLike<number>, deadBand: number, dual: Float64Array, sel?: Selection, from = 0, to = f.length / 10, e0 = 0): number {
  const w0 = w[0] as number, w1 = w[1] as number, w2 = w[2] as number, w3 = w[3] as number, w4 = w[4] as number;
  const w5 = w[5] as number, w6 = w[6] as number, w7 = w[7] as number, w8 = w[8] as number, w9 = w[9] as number;
  const n = to;
  if (!sel && scratchTrad.length < n) scratchTrad = new Uint8Array(n);
  const trad = sel ? sel.trad : scratchTrad;
  const list = sel ? sel.list : scratchList;
  const floor = sel ? sel.floor : Infinity;
  // side 1 needs vote > 0 and vote >= deadBand: one comparison with the smallest positive double when the band is 0
  const up = deadBand > 0 ? deadBand : Number.MIN_VALUE;
  let e = sel ? e0 : 0;
  for (let i = from, o = 10 * from; i < n; i++, o += 10) {
    const y0 = f[o]!, y1 = f[o + 1]!, x2 = f[o + 2]!, y3 = f[o + 3]!, x4 = f[o + 4]!;
    const x5 = f[o + 5]!, y6 = f[o + 6]!, y7 = f[o + 7]!, x8 = f[o + 8]!, x9 = f[o + 9]!;
    let vote = 0;
    vote += w2 * 2 * (x2 - 0.5);
    vote += w4 * 2 * (x4 - 0.5);
    vote += w5 * 2 * (x5 - 0.5);
    vote += w8 * 2 * (x8 - 0.5);
    vote += w9 * 2 * (x9 - 0.5);
    let lo = 0;
    lo += w0 * y0;
    lo += w1 * y1;
    let sh = lo;
    lo += w2 * x2;
    sh += w2 * (1 - x2);
    lo += w3 * y3;
    sh += w3 * y3;
    lo += w4 * x4;
    sh += w4 * (1 - x4);
    lo += w5 * x5;
    sh += w5 * (1 - x5);
    lo += w6 * y6;
    sh += w6 * y6;
    lo += w7 * y7;
    sh += w7 * y7;
    lo += w8 * x8;
    sh += w8 * (1 - x8);
    lo += w9 * x9;
    sh += w9 * (1 - x9);
    // clamp to [0, 1] (the engine's), then + 0 on the voted side and + NaN on the other: no branch either
    const dl = Math.min(1, Math.max(0, lo)) + OFF_ON[+(vote >= up)]!;
    const ds = Math.min(1, Math.max(0, sh)) + OFF_ON[+(vote <= -up)]!;
    dual[2 * i] = dl;
    dual[2 * i + 1] = ds;
    // NaN (the side not voted) compares false: never listed
    const t = trad[i]!;
    list[e] = 2 * i;
    e += +(dl >= floor) & t;
    list[e] = 2 * i + 1;
    e += +(ds >= floor) & t;
  }
  return sel ? e : 0;
}

/** Side (1, −1, 0) and score (NaN for side 0) of feature row i from a dual score column. */
export function readDual(dual: Float64Array, i: number): { side: number; score: number } {
  const l = dual[2 * i]!;
  const s = dual[2 * i + 1]!;
  return Number.isNaN(l) ? (Number.isNaN(s) ? { side: 0, score: NaN } : { side: -1, score: s }) : { side: 1, score: l };
}

/** The engine's own score for direction-0 rows too (scored as long, for the distribution): used by the equality test. */
export function longScore(cols: Float64Array[], w: ArrayLike<number>, i: number): number {
  let sc = 0;
  for (let k = 0; k < 10; k++) sc += (w[k] as number) * cols[k]![i]!;
  return sc < 0 ? 0 : sc > 1 ? 1 : sc;
}
