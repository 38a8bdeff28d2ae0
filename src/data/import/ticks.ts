// Time-and-sales with aggressor side -> order-flow bars. The exchange's aggressor flag is the truth for
// bid/ask volume (a quote test misclassifies ~20% of prints on fast tape, see the real-data README).
import { MIN_MS } from '../calendar.ts';
import type { Rows } from './rows.ts';
import { MAX_PRICE } from './row-checks.ts';

/** Header of mia's tick format (the shared real samples): the first five columns are required, the rest are read-only context. */
export const TICK_COLUMNS = ['ts_utc', 'sequence', 'price', 'size', 'aggressor'] as const;
const OPTIONAL = new Set(['bid', 'ask', 'bid_size', 'ask_size', 'total_bid_depth', 'total_ask_depth']);

export function isTickHeader(names: string[]): boolean {
  return TICK_COLUMNS.every((c) => names.includes(c));
}

type Fail = (line: number, field: string, msg: string) => void;

/**
 * Aggregates trades into bars of `barMs` on the UTC grid: open/close = first/last print, volume = sum of sizes,
 * ask volume = buyer-initiated (B) size, bid volume = seller-initiated (S) size, trades = prints.
 * Trades must come in time order; a bad print fails its line.
 */
export function parseTicks(file: string, fi: number, text: string, rows: Rows, fail: Fail, fileCid: number, barMs = MIN_MS): void {
  const lines = text.split('\n');
  const names = lines[0]!.replace(/\r$/, '').split(',').map((s) => s.trim().toLowerCase());
  names.forEach((n, k) => {
    if (!(TICK_COLUMNS as readonly string[]).includes(n) && !OPTIONAL.has(n)) fail(1, n, `unknown column in a tick file (known: ${[...TICK_COLUMNS, ...OPTIONAL].join(', ')})`);
    if (names.indexOf(n) !== k) fail(1, n, 'duplicate column');
  });
  const at = (c: string): number => names.indexOf(c);
  const [iTs, iSeq, iPx, iSz, iAgg] = TICK_COLUMNS.map(at) as [number, number, number, number, number];
  let bar = -1; // row index of the bar being built
  let barStart = NaN;
  let lastTs = -Infinity;
  const last = lines.length - 1;
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k]!.replace(/\r$/, '');
    if (raw === '') {
      if (k === last) break;
      fail(k + 1, 'line', 'empty line');
      continue;
    }
    const f = raw.split(',');
    const line = k + 1;
    if (f.length !== names.length) {
      fail(line, 'line', k === last ? `truncated last line (${f.length} of ${names.length} fields)` : `${f.length} fields, header has ${names.length}`);
      continue;
    }
    const ts = Date.parse(f[iTs]!);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(f[iTs]!) || Number.isNaN(ts)) {
      fail(line, 'ts_utc', `'${f[iTs]}' is not an ISO-8601 UTC time (…Z)`);
      continue;
    }
    const seq = Number(f[iSeq]);
    const px = Number(f[iPx]);
    const sz = Number(f[iSz]);
    const agg = f[iAgg]!.trim();
    if (f[iSeq]!.trim() === '' || !Number.isInteger(seq)) {
      fail(line, 'sequence', `'${f[iSeq]}' is not an integer`);
      continue;
    }
    if (f[iPx]!.trim() === '' || !(px > 0 && px <= MAX_PRICE)) {
      fail(line, 'price', `'${f[iPx]!.slice(0, 40)}' is not a positive price up to ${MAX_PRICE}`);
      continue;
    }
    if (f[iSz]!.trim() === '' || !(Number.isInteger(sz) && sz > 0)) {
      fail(line, 'size', `'${f[iSz]}' is not a positive whole number of contracts`);
      continue;
    }
    if (agg !== 'B' && agg !== 'S') {
      fail(line, 'aggressor', `'${agg}' is neither B (buyer-initiated) nor S (seller-initiated)`);
      continue;
    }
    // time must not go backwards; Sierra's record sequence is not monotonic within a timestamp (seen in the
    // 2023-06-29 sample), so it is checked as an integer only
    if (ts < lastTs) {
      fail(line, 'ts_utc', 'trades out of time order (the time goes backwards)');
      continue;
    }
    lastTs = ts;
    const start = Math.floor(ts / barMs) * barMs;
    if (start !== barStart) {
      rows.ensure(1);
      bar = rows.n++;
      barStart = start;
      rows.ts[bar] = start;
      rows.open[bar] = rows.high[bar] = rows.low[bar] = px;
      rows.volume[bar] = rows.bid[bar] = rows.ask[bar] = rows.trades[bar] = 0;
      rows.cid[bar] = fileCid;
      rows.file[bar] = fi;
      rows.line[bar] = line;
      rows.rollDecl[bar] = -1;
    }
    if (px > rows.high[bar]!) rows.high[bar] = px;
    if (px < rows.low[bar]!) rows.low[bar] = px;
    rows.close[bar] = px;
    rows.volume[bar] = rows.volume[bar]! + sz;
    if (agg === 'B') rows.ask[bar] = rows.ask[bar]! + sz;
    else rows.bid[bar] = rows.bid[bar]! + sz;
    rows.trades[bar] = rows.trades[bar]! + 1;
  }
}
