// The score and the D1 vote are linear in the weights: per row, vote = Σ_dir w_k·2(f_k − 0.5) and
// score = Σ w_k·f'_k (f' mirrored for a short), a matrix–vector product over the feature matrix. Terms are
// added in the engine's order (src/engine/engine.ts), so the result is bit-identical to the replay's.
// The result goes straight into the dual plan's score column (side-plans.ts): row 2i (long) or 2i + 1 (short)
// gets the score of the side the vote picks, the other row NaN; both NaN when there is no side (never traded).

/** Added to a side's score: NaN (not this side) or 0 (this side; x + 0 === x for the scores, never -0). */
const OFF_ON = Float64Array.of(NaN, 0);

/**
 * Writes the side-aligned scores of every feature row into `dual` (length 2n). Both sides' sums are computed,
 * each in the engine's order (so each is bit-identical to the engine's score for that side), and the vote
 * selects one without a branch: the side of a bar is close to a coin flip, and a mispredicted branch per row
 * cost more than the ten extra multiply-adds.
 */
export function rescoreInto(cols: Float64Array[], w: ArrayLike<number>, deadBand: number, dual: Float64Array): void {
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const w0 = w[0] as number, w1 = w[1] as number, w2 = w[2] as number, w3 = w[3] as number, w4 = w[4] as number;
  const w5 = w[5] as number, w6 = w[6] as number, w7 = w[7] as number, w8 = w[8] as number, w9 = w[9] as number;
  const n = c0.length;
  // side 1 needs vote > 0 and vote >= deadBand: one comparison with the smallest positive double when the band is 0
  const up = deadBand > 0 ? deadBand : Number.MIN_VALUE;
  for (let i = 0; i < n; i++) {
    const x2 = c2[i]!, x4 = c4[i]!, x5 = c5[i]!, x8 = c8[i]!, x9 = c9[i]!;
    const y0 = c0[i]!, y1 = c1[i]!, y3 = c3[i]!, y6 = c6[i]!, y7 = c7[i]!;
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
    dual[2 * i] = Math.min(1, Math.max(0, lo)) + OFF_ON[+(vote >= up)]!;
    dual[2 * i + 1] = Math.min(1, Math.max(0, sh)) + OFF_ON[+(vote <= -up)]!;
  }
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
