// Assemble the daily context from whichever sources are given; every field stays NaN where no source has it.
import { basename } from 'node:path';
import type { DailyContext, SourceInfo } from '../types.ts';
import { MiaError } from '../../util/errors.ts';
import { fileSha256 } from '../../util/hash.ts';
import { emptyContext } from '../context-arrow.ts';
import { parseDayArg } from '../day-arg.ts';
import { isoDate } from '../calendar.ts';
import { readDaily, type DailySeries } from './daily-csv.ts';
import { readChains } from './chain.ts';
import { chainLevels, type ChainLevels } from './levels.ts';

export interface ContextInputs {
  vix?: string;
  squeeze?: string;
  putcall?: string;
  chains?: string[];
  from?: string;
  to?: string;
}

export interface LevelSummary {
  snapshot: string;
  asof: string;
  kind: string;
  callWall: number;
  putWall: number;
  gammaFlip: number | null;
  netGex: number;
  putCallRatio: number;
  putCallOiRatio: number;
  optionsUsed: number;
}

export interface ContextResult {
  context: DailyContext;
  sources: SourceInfo[];
  sourceMeta: string;
  method: string;
  filled: Record<string, number>;
  levels: LevelSummary[];
}

export const CONTEXT_METHOD =
  'row date = as-of session (engine uses rows with date < trade date); VIX/SPX/GEX/DIX/put-call as published for that date; ' +
  'chain levels: expirations after the as-of session, OI > 0; walls = argmax strike of gamma*OI*100*spot; ' +
  'net GEX = sum(sign*gamma*OI*100*S^2*0.01), calls +, puts -; gamma flip = zero of the Black-Scholes (r=q=0, chain iv) ' +
  're-priced profile within +-15% of spot nearest spot; put/call from the Cboe file, else chain volumes';

export function buildContext(inp: ContextInputs): ContextResult {
  if (!inp.vix && !inp.squeeze && !inp.putcall && !(inp.chains && inp.chains.length)) {
    throw new MiaError('give at least one of --vix, --squeeze, --putcall, --chains');
  }
  const from = inp.from !== undefined ? parseDayArg(inp.from, 'from') : -Infinity;
  const to = inp.to !== undefined ? parseDayArg(inp.to, 'to') : Infinity;
  const sources: SourceInfo[] = [];
  const series: [DailySeries, Record<string, string>][] = [];
  const add = (s: DailySeries, map: Record<string, string>) => {
    series.push([s, map]);
    sources.push({ path: s.file, sha256: fileSha256(s.file), rows: s.date.length });
  };
  // plausible ranges: a value outside is a unit or parsing mistake (VIX has never left 5..90, GEX is ~±1e10 $)
  const vixB: [number, number] = [0, 1000];
  if (inp.vix) add(readDaily(inp.vix, { o: ['open'], h: ['high'], l: ['low'], c: ['close'] }, [], { o: vixB, h: vixB, l: vixB, c: vixB }), { o: 'vixOpen', h: 'vixHigh', l: 'vixLow', c: 'vixClose' });
  if (inp.squeeze) {
    add(readDaily(inp.squeeze, { spx: ['spx_close', 'price'], dix: ['dix'], gex: ['gex'] }, [], { spx: [0, 1e6], dix: [0, 1], gex: [-1e13, 1e13] }), { spx: 'spxClose', dix: 'dix', gex: 'gex' });
  }
  if (inp.putcall) {
    add(
      readDaily(inp.putcall, { cv: ['call_volume', 'calls'], pv: ['put_volume', 'puts'], r: ['put_call_ratio', 'p/c ratio'] }, ['total_volume', 'total'], { cv: [0, 1e12], pv: [0, 1e12], r: [0, 100] }),
      { cv: 'callVolume', pv: 'putVolume', r: 'putCallRatio' },
    );
  }
  const snaps = inp.chains && inp.chains.length ? readChains(inp.chains) : [];
  // one snapshot per as-of session: an end-of-day download beats an intraday one, later in the list beats earlier
  const bySession = new Map<number, (typeof snaps)[number]>();
  for (const s of snaps) {
    const prev = bySession.get(s.chain.asofSession);
    if (!prev || !(prev.kind === 'eod' && s.kind !== 'eod')) bySession.set(s.chain.asofSession, s);
  }
  for (const s of snaps) sources.push({ path: s.file, sha256: fileSha256(s.file), rows: s.chain.n });

  const dates = new Set<number>();
  for (const [s] of series) for (const d of s.date) if (d >= from && d <= to) dates.add(d);
  for (const d of bySession.keys()) if (d >= from && d <= to) dates.add(d);
  const sorted = [...dates].sort((a, b) => a - b);
  const ctx = emptyContext(sorted.length);
  ctx.putCallOiRatio = new Float64Array(sorted.length).fill(NaN);
  const row = new Map(sorted.map((d, i) => [d, i]));
  sorted.forEach((d, i) => (ctx.date[i] = d));
  const target = ctx as unknown as Record<string, Float64Array>;
  for (const [s, map] of series) {
    s.date.forEach((d, k) => {
      const i = row.get(d);
      if (i === undefined) return;
      for (const [col, field] of Object.entries(map)) target[field]![i] = s.cols[col]![k]!;
    });
  }
  const levels: LevelSummary[] = [];
  for (const [d, s] of [...bySession].sort((a, b) => a[0] - b[0])) {
    const i = row.get(d);
    if (i === undefined) continue;
    const L: ChainLevels = chainLevels(s.chain);
    ctx.callWall[i] = L.callWall;
    ctx.putWall[i] = L.putWall;
    ctx.gammaFlip[i] = L.gammaFlip;
    ctx.netGex[i] = L.netGex;
    const pcr = L.callVolume > 0 ? L.putVolume / L.callVolume : NaN;
    const pcoi = L.callOi > 0 ? L.putOi / L.callOi : NaN;
    ctx.putCallOiRatio[i] = pcoi;
    if (Number.isNaN(ctx.putCallRatio[i]!)) {
      ctx.putCallRatio[i] = pcr;
      ctx.callVolume[i] = L.callVolume;
      ctx.putVolume[i] = L.putVolume;
    }
    levels.push({
      snapshot: s.id,
      asof: isoDate(d),
      kind: s.kind,
      callWall: L.callWall,
      putWall: L.putWall,
      gammaFlip: Number.isNaN(L.gammaFlip) ? null : L.gammaFlip,
      netGex: L.netGex,
      putCallRatio: pcr,
      putCallOiRatio: pcoi,
      optionsUsed: L.optionsUsed,
    });
  }
  const filled: Record<string, number> = {};
  for (const [k, v] of Object.entries(target)) {
    if (!(v instanceof Float64Array)) continue;
    let c = 0;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i]!)) c++;
    if (c) filled[k] = c;
  }
  const window = inp.from !== undefined || inp.to !== undefined ? `; dates ${inp.from ?? '…'}..${inp.to ?? '…'}` : '';
  const sourceMeta = sources.map((s) => `${basename(s.path)} sha256:${s.sha256}`).join('; ') + window;
  return { context: ctx, sources, sourceMeta, method: CONTEXT_METHOD, filled, levels };
}
