// The importer's passes over all rows after the checks, each a small function of typed arrays: in one large
// function V8 optimised these one-shot loops late (each ran interpreted for most of its 333k rows).

/** First kept bar time of each contract (NaN: none): a one-digit year resolves near it. */
export function firstTsPerContract(ts: Float64Array, cid: Int32Array, keep: Uint8Array, n: number, nContracts: number): Float64Array {
  const first = new Float64Array(nContracts).fill(NaN);
  for (let i = 0; i < n; i++) if (keep[i] && first[cid[i]!] !== first[cid[i]!]) first[cid[i]!] = ts[i]!;
  return first;
}

export function countKept(keep: Uint8Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i]!;
  return m;
}

/** Kept rows in time order (`order` null: already in order), m of them. */
export function keptInOrder(order: Int32Array | null, keep: Uint8Array, n: number, m: number): Int32Array {
  const sel = new Int32Array(m);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    if (keep[i]) sel[j++] = i;
  }
  return sel;
}

/** Contract ids renumbered in order of first appearance in time, and that list of contracts. */
export function contractsInTimeOrder(cid: Int32Array, sel: Int32Array, contracts: string[]): { contractId: Int32Array; contracts: string[] } {
  const m = sel.length;
  const remap = new Int32Array(contracts.length).fill(-1);
  const finalContracts: string[] = [];
  const contractId = new Int32Array(m);
  for (let q = 0; q < m; q++) {
    const c = cid[sel[q]!]!;
    if (remap[c] === -1) {
      remap[c] = finalContracts.length;
      finalContracts.push(contracts[c]!);
    }
    contractId[q] = remap[c]!;
  }
  return { contractId, contracts: finalContracts };
}

export function rowsPerFile(file: Int32Array, sel: Int32Array, nFiles: number): Int32Array {
  const perFile = new Int32Array(nFiles);
  for (let q = 0; q < sel.length; q++) {
    const f = file[sel[q]!]!;
    perFile[f] = perFile[f]! + 1;
  }
  return perFile;
}
