// CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016): (μ/μ_w, λ) with rank-one and rank-μ
// covariance updates and cumulative step-size adaptation. No maintained small pure-JS package exists on npm
// (checked `npm view cmaes`, `cma-es`: none), so it is written here; the dimension is ≤ 11, so a Jacobi
// eigendecomposition per generation costs nothing next to the objective.
import { Rng } from './rng.ts';

export interface CmaOptions {
  /** start point and step size */
  mean: ArrayLike<number>;
  sigma: number;
  seed: number;
  /** population size (default 4 + floor(3 ln d)) */
  lambda?: number;
}

/** Ask/tell CMA-ES minimiser. */
export class CmaEs {
  readonly dim: number;
  readonly lambda: number;
  mean: Float64Array;
  sigma: number;
  private readonly mu: number;
  private readonly weights: Float64Array;
  private readonly mueff: number;
  private readonly cc: number;
  private readonly cs: number;
  private readonly c1: number;
  private readonly cmu: number;
  private readonly damps: number;
  private readonly chiN: number;
  private readonly pc: Float64Array;
  private readonly ps: Float64Array;
  private C: Float64Array[];
  private B: Float64Array[];
  private D: Float64Array;
  private gen = 0;
  private readonly rng: Rng;

  constructor(o: CmaOptions) {
    const n = o.mean.length;
    this.dim = n;
    this.mean = Float64Array.from(o.mean);
    this.sigma = o.sigma;
    this.rng = new Rng(o.seed);
    this.lambda = o.lambda ?? 4 + Math.floor(3 * Math.log(n));
    this.mu = Math.floor(this.lambda / 2);
    const w = Float64Array.from({ length: this.mu }, (_, i) => Math.log(this.lambda / 2 + 0.5) - Math.log(i + 1));
    const sw = w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < w.length; i++) w[i] = w[i]! / sw;
    this.weights = w;
    this.mueff = 1 / w.reduce((a, b) => a + b * b, 0);
    const me = this.mueff;
    this.cc = (4 + me / n) / (n + 4 + (2 * me) / n);
    this.cs = (me + 2) / (n + me + 5);
    this.c1 = 2 / ((n + 1.3) ** 2 + me);
    this.cmu = Math.min(1 - this.c1, (2 * (me - 2 + 1 / me)) / ((n + 2) ** 2 + me));
    this.damps = 1 + 2 * Math.max(0, Math.sqrt((me - 1) / (n + 1)) - 1) + this.cs;
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    this.pc = new Float64Array(n);
    this.ps = new Float64Array(n);
    this.C = identity(n);
    this.B = identity(n);
    this.D = new Float64Array(n).fill(1);
  }

  /** λ candidate points for this generation. */
  ask(): Float64Array[] {
    const n = this.dim;
    const out: Float64Array[] = [];
    for (let k = 0; k < this.lambda; k++) {
      const z = Float64Array.from({ length: n }, () => this.rng.normal());
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += this.B[i]![j]! * this.D[j]! * z[j]!;
        x[i] = this.mean[i]! + this.sigma * s;
      }
      out.push(x);
    }
    return out;
  }

  /** Update from the asked points and their costs (lower is better; NaN counts as worst). */
  tell(xs: Float64Array[], costs: number[]): void {
    const n = this.dim;
    const order = costs.map((c, i) => [Number.isNaN(c) ? Infinity : c, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
    const old = this.mean;
    const mean = new Float64Array(n);
    for (let k = 0; k < this.mu; k++) {
      const x = xs[order[k]!]!;
      for (let i = 0; i < n; i++) mean[i] = mean[i]! + this.weights[k]! * x[i]!;
    }
    const y = Float64Array.from(mean, (m, i) => (m - old[i]!) / this.sigma);
    // C^(-1/2) y = B D^-1 B^T y
    const bty = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += this.B[i]![j]! * y[i]!;
      bty[j] = s / this.D[j]!;
    }
    const csn = Math.sqrt(this.cs * (2 - this.cs) * this.mueff);
    let psNorm = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += this.B[i]![j]! * bty[j]!;
      this.ps[i] = (1 - this.cs) * this.ps[i]! + csn * s;
      psNorm += this.ps[i]! ** 2;
    }
    psNorm = Math.sqrt(psNorm);
    this.gen++;
    const hsig = psNorm / Math.sqrt(1 - (1 - this.cs) ** (2 * this.gen)) / this.chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const ccn = Math.sqrt(this.cc * (2 - this.cc) * this.mueff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - this.cc) * this.pc[i]! + hsig * ccn * y[i]!;
    const c1 = this.c1;
    const cmu = this.cmu;
    const keep = 1 - c1 - cmu + (1 - hsig) * c1 * this.cc * (2 - this.cc);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rankMu = 0;
        for (let k = 0; k < this.mu; k++) {
          const x = xs[order[k]!]!;
          rankMu += this.weights[k]! * ((x[i]! - old[i]!) / this.sigma) * ((x[j]! - old[j]!) / this.sigma);
        }
        const v = keep * this.C[i]![j]! + c1 * this.pc[i]! * this.pc[j]! + cmu * rankMu;
        this.C[i]![j] = v;
        this.C[j]![i] = v;
      }
    }
    this.sigma *= Math.exp((this.cs / this.damps) * (psNorm / this.chiN - 1));
    this.mean = mean;
    const { vectors, values } = jacobiEigen(this.C);
    this.B = vectors;
    this.D = Float64Array.from(values, (v) => Math.sqrt(Math.max(v, 1e-20)));
  }
}

function identity(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix by cyclic Jacobi rotations. */
export function jacobiEigen(m: Float64Array[]): { values: Float64Array; vectors: Float64Array[] } {
  const n = m.length;
  const a = m.map((r) => Float64Array.from(r));
  const v = identity(n);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i]![i]!), vectors: v };
}
