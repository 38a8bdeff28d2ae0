// Sample moments of a return series, as the PSR/DSR need them: per-observation Sharpe (not annualised),
// skewness γ3 and *non-excess* kurtosis γ4 (normal = 3), the convention of Bailey & López de Prado (2012, 2014).

export interface ReturnMoments {
  n: number;
  mean: number;
  /** sample standard deviation (n − 1) */
  std: number;
  /** mean / std per observation; 0 when std is 0 (a flat series has no risk-adjusted edge to speak of) */
  sharpe: number;
  /** E[(x − μ)³] / σ³ with population σ; 0 when σ is 0 */
  skew: number;
  /** E[(x − μ)⁴] / σ⁴ with population σ (normal = 3); 3 when σ is 0 */
  kurtosis: number;
}

export function returnMoments(x: ArrayLike<number>): ReturnMoments {
  const n = x.length;
  if (n === 0) return { n: 0, mean: 0, std: 0, sharpe: 0, skew: 0, kurtosis: 3 };
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] as number;
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  const popVar = m2 / n;
  // relative guard: a series of equal values can leave rounding dust in m2
  const flat = popVar <= 1e-24 * Math.max(1, mean * mean);
  if (flat) return { n, mean, std: 0, sharpe: 0, skew: 0, kurtosis: 3 };
  return {
    n,
    mean,
    std,
    sharpe: std > 0 ? mean / std : 0,
    skew: m3 / n / Math.pow(popVar, 1.5),
    kurtosis: m4 / n / (popVar * popVar),
  };
}

/** Sample variance (n − 1) of a list of numbers, e.g. the trials' Sharpe ratios; 0 for fewer than 2. */
export function sampleVariance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] as number;
  const m = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += ((x[i] as number) - m) ** 2;
  return v / (n - 1);
}
