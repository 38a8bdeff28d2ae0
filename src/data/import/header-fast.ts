// The header-CSV reader's fast path: plain lines (every field where the format puts it, every value valid, the
// contract and symbol of the line before) parsed and stored by one small function. The careful path in
// header-csv.ts takes every other line, one at a time, and decides and words everything; for the lines taken here
// it would store the same values. Why a separate function: the careful loop is a large function, and V8 compiled
// its one-shot loop late (~20 ms of compiling per file, twice, after running it interpreted), and fell back to
// the interpreter when it reached code not yet seen; this loop is small and optimised within a few hundred lines.
import { DAY_MS } from '../calendar.ts';
import { parseDate, parseIsoInstant, parseTimeAt, splitLineFast } from './bytes.ts';
import { rowValid } from './row-checks.ts';
import type { Rows } from './rows.ts';

/** One file's layout (column indices, -1 = absent) and the reader's state between the two paths. */
export interface FastCsv {
  buf: Uint8Array;
  len: number;
  nf: number;
  sep: number;
  isNum: Uint8Array;
  vals: Float64Array;
  fs: Int32Array;
  fe: Int32Array;
  out: Int32Array;
  toUtc: (l: number) => number;
  fi: number;
  fileCid: number;
  cTs: number;
  cUnix: number;
  cDate: number;
  cTime: number;
  cO: number;
  cH: number;
  cL: number;
  cC: number;
  cV: number;
  cB: number;
  cA: number;
  cT: number;
  cK: number;
  cS: number;
  cR: number;
  /** byte offset of the next line, its 1-based line number minus one, the next row index */
  pos: number;
  line: number;
  ri: number;
  /** the contract id and bytes of the last accepted contract field (lastK -1: none yet); the same for symbol */
  lastK: number;
  lastKs: number;
  lastKe: number;
  lastS: number;
  lastSs: number;
  lastSe: number;
}

/** Parses and stores lines from st.pos while they are plain; stops (st.pos at that line) at the first other one. */
export function fastLines(st: FastCsv, rows: Rows): void {
  const { buf, len, nf, sep, isNum, vals, fs, fe, out, fi, cTs, cUnix, cO, cH, cL, cC, cV, cB, cA, cT, cK, cS, cR, lastK, lastKs, lastKe, lastS, lastSs, lastSe } = st;
  // every st field read here, once: a property read first reached inside the optimised loop sent it back to the
  // interpreter, call after call
  const cid = cK >= 0 ? lastK : st.fileCid;
  const { ts: Rts, open: Ropen, high: Rhigh, low: Rlow, close: Rclose, volume: Rvol, bid: Rbid, ask: Rask, trades: Rtr, cid: Rcid, file: Rfile, line: Rline, rollDecl: Rroll } = rows;
  let pos = st.pos;
  let line = st.line;
  let ri = st.ri;
  while (pos < len) {
    const next = splitLineFast(buf, pos, len, nf, sep, isNum, vals, fs, fe);
    if (next < 0) break;
    let t: number;
    if (cUnix >= 0) {
      // the shared files: epoch seconds, and the ISO time beside them must say the same instant
      const u = vals[cUnix]!;
      t = Math.round(u * 1000);
      if (!(u - u === 0) || (cTs >= 0 && parseIsoInstant(buf, fs[cTs]!, fe[cTs]!, out) !== t)) break;
    } else {
      t = otherTime(st);
      if (!(t - t === 0)) break;
    }
    const o = vals[cO]!;
    const h = vals[cH]!;
    const l = vals[cL]!;
    const c = vals[cC]!;
    const v = vals[cV]!;
    const bv = vals[cB]!;
    const av = vals[cA]!;
    const tr = cT >= 0 ? vals[cT]! : NaN;
    if (o !== o || h !== h || l !== l || c !== c || v !== v || bv !== bv || av !== av || (cT >= 0 && fs[cT] !== fe[cT] && tr !== tr)) break;
    if (!rowValid(o, h, l, c, v, bv, av, tr)) break;
    if (cK >= 0 && !(lastK >= 0 && sameBytes(buf, lastKs, lastKe, fs[cK]!, fe[cK]!))) break;
    if (cS >= 0 && !(lastS >= 0 && sameBytes(buf, lastSs, lastSe, fs[cS]!, fe[cS]!))) break;
    let rd = -1;
    if (cR >= 0) {
      rd = vals[cR]!;
      if (rd !== 0 && rd !== 1) break;
    }
    line++;
    Rts[ri] = t;
    Ropen[ri] = o;
    Rhigh[ri] = h;
    Rlow[ri] = l;
    Rclose[ri] = c;
    Rvol[ri] = v;
    Rbid[ri] = bv;
    Rask[ri] = av;
    Rtr[ri] = tr;
    Rcid[ri] = cid;
    Rfile[ri] = fi;
    Rline[ri] = line;
    Rroll[ri] = rd;
    ri++;
    pos = next;
  }
  st.pos = pos;
  st.line = line;
  st.ri = ri;
}

/**
 * The bar start of the line just split when it has no time_unix column (an ISO time, or Sierra Chart's date and
 * time), if the careful path would accept it without a message; else NaN.
 */
function otherTime(st: FastCsv): number {
  const { buf, fs, fe, out, cTs } = st;
  if (cTs >= 0) return parseIsoInstant(buf, fs[cTs]!, fe[cTs]!, out); // NaN and -Infinity: the careful path words it
  const day = parseDate(buf, fs[st.cDate]!, fe[st.cDate]!);
  if (day !== day) return NaN;
  const tm = parseTimeAt(buf, fs[st.cTime]!, fe[st.cTime]!, out);
  if (tm !== tm || out[0] !== fe[st.cTime]) return NaN;
  return st.toUtc(day * DAY_MS + tm);
}

export function sameBytes(buf: Uint8Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (buf[a0 + k] !== buf[b0 + k]) return false;
  return true;
}
