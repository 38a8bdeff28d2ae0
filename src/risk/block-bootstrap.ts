// Stationary block bootstrap (Politis & Romano 1994): a resampled day sequence is a chain of blocks of the
// original days, each starting at a uniform random day, with geometric lengths of mean L (each next day ends the
// block with probability 1/L), wrapping circularly. It keeps the days' short-range dependence (a losing streak
// stays a streak) while reshuffling the order. Mean block length rule: L = max(1, round(n^(1/3))), the n^(1/3)
// rate of Politis & White's optimal block length, for n days (L = 6 for one year of 252 sessions).

/** The mean block length for n days when none is given. */
export function meanBlockLength(n: number): number {
  return Math.max(1, Math.round(Math.cbrt(n)));
}

export const BLOCK_RULE = 'stationary block bootstrap (Politis-Romano), mean block length L = max(1, round(n^(1/3))) for n days';

/** Fills `out` with the source-day indices of one resampled path of out.length days drawn from n days. */
export function stationaryIndices(n: number, L: number, rnd: () => number, out: Int32Array): void {
  const pNew = 1 / L;
  let i = Math.floor(rnd() * n);
  for (let t = 0; t < out.length; t++) {
    if (t > 0) {
      if (rnd() < pNew) i = Math.floor(rnd() * n);
      else if (++i === n) i = 0;
    }
    out[t] = i;
  }
}
