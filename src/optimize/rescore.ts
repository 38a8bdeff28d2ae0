// The score and the D1 vote are linear in the weights: per row, vote = Σ_dir w_k·2(f_k − 0.5) and
// score = Σ w_k·f'_k (f' mirrored for a short), a matrix–vector product over the feature matrix. Terms are
// added in the engine's order (src/engine/engine.ts), so the result is bit-identical to the replay's.
// Rows with no side get a NaN score: the trade scan never takes them.

/** Writes side (1, −1, 0) and side-aligned score (NaN for side 0) per row of the ten columns. */
export function rescoreInto(cols: Float64Array[], w: ArrayLike<number>, deadBand: number, score: Float64Array, direction: Int8Array): void {
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
    direction[i] = side;
    if (side === 0) {
      score[i] = NaN;
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
    score[i] = sc < 0 ? 0 : sc > 1 ? 1 : sc;
  }
}

/** The engine's own score for direction-0 rows too (scored as long, for the distribution): used by the equality test. */
export function longScore(cols: Float64Array[], w: ArrayLike<number>, i: number): number {
  let sc = 0;
  for (let k = 0; k < 10; k++) sc += (w[k] as number) * cols[k]![i]!;
  return sc < 0 ? 0 : sc > 1 ? 1 : sc;
}
