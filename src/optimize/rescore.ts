// The score and the D1 vote are linear in the weights: per row, vote = Σ_dir w_k·2(f_k − 0.5) and
// score = Σ w_k·f'_k (f' mirrored for a short), a matrix–vector product over the feature matrix. Terms are
// added in the engine's order (src/engine/engine.ts), so the result is bit-identical to the replay's.
// The result goes straight into the dual plan's score column (side-plans.ts): row 2i (long) or 2i + 1 (short)
// gets the score of the side the vote picks, the other row NaN; both NaN when there is no side (never traded).

/** Writes the side-aligned scores of every feature row into `dual` (length 2n). */
export function rescoreInto(cols: Float64Array[], w: ArrayLike<number>, deadBand: number, dual: Float64Array): void {
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const w0 = w[0] as number, w1 = w[1] as number, w2 = w[2] as number, w3 = w[3] as number, w4 = w[4] as number;
  const w5 = w[5] as number, w6 = w[6] as number, w7 = w[7] as number, w8 = w[8] as number, w9 = w[9] as number;
  const n = c0.length;
  for (let i = 0; i < n; i++) {
    const x2 = c2[i]!, x4 = c4[i]!, x5 = c5[i]!, x8 = c8[i]!, x9 = c9[i]!;
    let vote = 0;
    vote += w2 * 2 * (x2 - 0.5);
    vote += w4 * 2 * (x4 - 0.5);
    vote += w5 * 2 * (x5 - 0.5);
    vote += w8 * 2 * (x8 - 0.5);
    vote += w9 * 2 * (x9 - 0.5);
    const side = vote > 0 && vote >= deadBand ? 1 : vote < 0 && vote <= -deadBand ? -1 : 0;
    if (side === 0) {
      dual[2 * i] = NaN;
      dual[2 * i + 1] = NaN;
      continue;
    }
    let sc = 0;
    sc += w0 * c0[i]!;
    sc += w1 * c1[i]!;
    if (side === -1) {
      sc += w2 * (1 - x2);
      sc += w3 * c3[i]!;
      sc += w4 * (1 - x4);
      sc += w5 * (1 - x5);
      sc += w6 * c6[i]!;
      sc += w7 * c7[i]!;
      sc += w8 * (1 - x8);
      sc += w9 * (1 - x9);
    } else {
      sc += w2 * x2;
      sc += w3 * c3[i]!;
      sc += w4 * x4;
      sc += w5 * x5;
      sc += w6 * c6[i]!;
      sc += w7 * c7[i]!;
      sc += w8 * x8;
      sc += w9 * x9;
    }
    const v = sc < 0 ? 0 : sc > 1 ? 1 : sc;
    dual[2 * i] = side === 1 ? v : NaN;
    dual[2 * i + 1] = side === 1 ? NaN : v;
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
