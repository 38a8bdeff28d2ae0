// Joins several loaded bar tables (e.g. the two shared 5-year CSVs) into one, re-basing contract ids.
import type { Bars } from '../src/data/types.ts';

export function concatBars(parts: Bars[]): Bars {
  const n = parts.reduce((s, b) => s + b.n, 0);
  const f64 = (k: 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'bidVolume' | 'askVolume' | 'trades') => {
    const out = new Float64Array(n);
    let o = 0;
    for (const b of parts) {
      out.set(b[k], o);
      o += b.n;
    }
    return out;
  };
  const contracts: string[] = [];
  const contractId = new Int32Array(n);
  const tradeDate = new Int32Array(n);
  const rth = new Uint8Array(n);
  const rollWeek = new Uint8Array(n);
  const flags = new Uint8Array(n);
  let o = 0;
  for (const b of parts) {
    const base = contracts.length;
    contracts.push(...b.contracts);
    for (let i = 0; i < b.n; i++) contractId[o + i] = b.contractId[i]! + base;
    tradeDate.set(b.tradeDate, o);
    rth.set(b.rth, o);
    rollWeek.set(b.rollWeek, o);
    flags.set(b.flags, o);
    o += b.n;
  }
  const first = parts[0]!;
  return { n, symbol: first.symbol, barMs: first.barMs, ts: f64('ts'), open: f64('open'), high: f64('high'), low: f64('low'), close: f64('close'), volume: f64('volume'), bidVolume: f64('bidVolume'), askVolume: f64('askVolume'), trades: f64('trades'), contractId, contracts, tradeDate, rth, rollWeek, flags };
}
