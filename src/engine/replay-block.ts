import type { Engine } from './engine.ts';

/** Bars staged before they are copied into the output columns. */
const BLOCK = 256;
/** staged doubles per bar: the ten feature values, then the score */
const NF = 11;

/**
 * The replay's 24 output columns (ten features, ten availability flags, score, tier, direction, active) are
 * written through a small staging block: each fed bar's values go into a ~25 KB buffer that stays in L1, and
 * every 256 bars each column receives one contiguous copy. Storing every bar straight into 24 columns of
 * 333k rows touched 24 far-apart memory streams per bar and cost ~150 ns of the ~1.5 µs per bar (ETH replay,
 * loaded machine). Values are copied bit for bit: the outputs do not change.
 */
export class ReplayBlock {
  // column-major staging: value c of the k-th staged bar at c * BLOCK + k
  private readonly f = new Float64Array(NF * BLOCK);
  private readonly a = new Uint8Array(10 * BLOCK);
  private readonly t = new Uint8Array(BLOCK);
  private readonly d = new Int8Array(BLOCK);
  /** the staged bars' indices in the output */
  private readonly idx = new Int32Array(BLOCK);
  private m = 0;

  /** `values`: the ten feature columns then the score; `avail`: the ten availability columns. */
  constructor(
    private readonly values: Float64Array[],
    private readonly avail: Uint8Array[],
    private readonly tier: Uint8Array,
    private readonly direction: Int8Array,
    private readonly active: Uint8Array,
  ) {}

  /** Stages bar i's results from the engine's last step. */
  add(i: number, e: Engine): void {
    const m = this.m;
    const f = this.f;
    const a = this.a;
    const v = e.values;
    const av = e.available;
    for (let c = 0; c < 10; c++) {
      f[c * BLOCK + m] = v[c]!;
      a[c * BLOCK + m] = av[c]!;
    }
    f[10 * BLOCK + m] = e.score;
    this.t[m] = e.tier;
    this.d[m] = e.direction;
    this.idx[m] = i;
    this.m = m + 1;
    if (m + 1 === BLOCK) this.flush();
  }

  /** Copies the staged bars into the output columns (call once more after the last bar). */
  flush(): void {
    const m = this.m;
    if (m === 0) return;
    const idx = this.idx;
    const first = idx[0]!;
    if (idx[m - 1]! - first === m - 1) {
      // consecutive bars (always in ETH mode, within a session in RTH mode): one copy per column
      for (let c = 0; c < NF; c++) this.values[c]!.set(this.f.subarray(c * BLOCK, c * BLOCK + m), first);
      for (let c = 0; c < 10; c++) this.avail[c]!.set(this.a.subarray(c * BLOCK, c * BLOCK + m), first);
      this.tier.set(this.t.subarray(0, m), first);
      this.direction.set(this.d.subarray(0, m), first);
      this.active.fill(1, first, first + m);
    } else {
      for (let c = 0; c < NF; c++) {
        const col = this.values[c]!;
        for (let k = 0; k < m; k++) col[idx[k]!] = this.f[c * BLOCK + k]!;
      }
      for (let c = 0; c < 10; c++) {
        const col = this.avail[c]!;
        for (let k = 0; k < m; k++) col[idx[k]!] = this.a[c * BLOCK + k]!;
      }
      for (let k = 0; k < m; k++) {
        const i = idx[k]!;
        this.tier[i] = this.t[k]!;
        this.direction[i] = this.d[k]!;
        this.active[i] = 1;
      }
    }
    this.m = 0;
  }
}
