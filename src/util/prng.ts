// The one seeded generator of the project (Monte Carlo, random-entry draws, bootstrap intervals, test fixtures):
// a 32-bit linear congruential generator (Numerical Recipes constants), uniform in [0, 1). Same seed -> same
// sequence on every machine, which is all the resampling needs; it is not for cryptography.
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A uniform integer in [0, n) from a generator. */
export function randInt(rnd: () => number, n: number): number {
  return Math.floor(rnd() * n);
}
