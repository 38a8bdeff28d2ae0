// What `mia data info` reports: span, contracts, sessions, roll points and gaps, computed from Bars.
import type { Bars } from './types.ts';
import { findGaps, type GapKind } from './gaps.ts';
import { formatChicago, isoDate } from './calendar.ts';
import { table } from '../util/table.ts';

export interface ContractInfo {
  code: string;
  first_bar: string;
  last_bar: string;
  rows: number;
  low: number;
  low_at: string;
  high: number;
  high_at: string;
}

export interface RollPoint {
  /** first bar of the new contract, CT */
  at: string;
  from: string;
  to: string;
  last_close: number;
  first_open: number;
  /** first open of the new contract - last close of the old one (unadjusted series: not a market move) */
  jump: number;
}

export interface HoleInfo {
  /** first missing bar start, CT */
  from: string;
  /** next bar start, CT */
  to: string;
  missing_bars: number;
  /** missing bars while the exchange was scheduled to trade */
  open_missing: number;
  roll: boolean;
}

export interface BarsInfo {
  symbol: string;
  bar_minutes: number;
  rows: number;
  first_bar_ct: string;
  last_bar_ct: string;
  first_trade_date: string;
  last_trade_date: string;
  trade_dates: number;
  rth_sessions: number;
  rth_bars: number;
  roll_week_bars: number;
  order_flow: boolean;
  contracts: ContractInfo[];
  roll_points: RollPoint[];
  gaps: Record<GapKind, number>;
  holes: HoleInfo[];
}

export function describeBars(b: Bars): BarsInfo {
  const contracts: ContractInfo[] = b.contracts.map((code) => ({ code, first_bar: '', last_bar: '', rows: 0, low: Infinity, low_at: '', high: -Infinity, high_at: '' }));
  const lowIdx = new Int32Array(b.contracts.length).fill(-1);
  const highIdx = new Int32Array(b.contracts.length).fill(-1);
  const firstIdx = new Int32Array(b.contracts.length).fill(-1);
  const lastIdx = new Int32Array(b.contracts.length).fill(-1);
  let tradeDates = 0;
  let rthSessions = 0;
  let rthBars = 0;
  let rollWeek = 0;
  let lastTd = -1;
  let lastRthTd = -1;
  let flow = false;
  for (let i = 0; i < b.n; i++) {
    const c = b.contractId[i]!;
    const ci = contracts[c]!;
    ci.rows++;
    if (firstIdx[c] === -1) firstIdx[c] = i;
    lastIdx[c] = i;
    if (b.low[i]! < ci.low) {
      ci.low = b.low[i]!;
      lowIdx[c] = i;
    }
    if (b.high[i]! > ci.high) {
      ci.high = b.high[i]!;
      highIdx[c] = i;
    }
    const td = b.tradeDate[i]!;
    if (td !== lastTd) {
      tradeDates++;
      lastTd = td;
    }
    if (b.rth[i]) {
      rthBars++;
      if (td !== lastRthTd) {
        rthSessions++;
        lastRthTd = td;
      }
    }
    rollWeek += b.rollWeek[i]!;
    if (!flow && !Number.isNaN(b.bidVolume[i]!)) flow = true;
  }
  contracts.forEach((ci, c) => {
    ci.first_bar = formatChicago(b.ts[firstIdx[c]!]!);
    ci.last_bar = formatChicago(b.ts[lastIdx[c]!]!);
    ci.low_at = formatChicago(b.ts[lowIdx[c]!]!);
    ci.high_at = formatChicago(b.ts[highIdx[c]!]!);
  });
  const rolls: RollPoint[] = [];
  for (let i = 1; i < b.n; i++) {
    if (b.contractId[i] !== b.contractId[i - 1]) {
      rolls.push({
        at: formatChicago(b.ts[i]!),
        from: b.contracts[b.contractId[i - 1]!]!,
        to: b.contracts[b.contractId[i]!]!,
        last_close: b.close[i - 1]!,
        first_open: b.open[i]!,
        jump: b.open[i]! - b.close[i - 1]!,
      });
    }
  }
  const gaps: Record<GapKind, number> = { 'daily halt': 0, weekend: 0, holiday: 0, 'early close': 0, hole: 0 };
  const holes: HoleInfo[] = [];
  for (const g of findGaps(b.ts, b.barMs, b.contractId)) {
    gaps[g.kind]++;
    if (g.kind === 'hole') {
      holes.push({ from: formatChicago(g.fromMs), to: formatChicago(g.toMs), missing_bars: g.missingBars, open_missing: g.openMissing, roll: g.roll });
    }
  }
  return {
    symbol: b.symbol,
    bar_minutes: b.barMs / 60000,
    rows: b.n,
    first_bar_ct: formatChicago(b.ts[0]!),
    last_bar_ct: formatChicago(b.ts[b.n - 1]!),
    first_trade_date: isoDate(b.tradeDate[0]!),
    last_trade_date: isoDate(b.tradeDate[b.n - 1]!),
    trade_dates: tradeDates,
    rth_sessions: rthSessions,
    rth_bars: rthBars,
    roll_week_bars: rollWeek,
    order_flow: flow,
    contracts,
    roll_points: rolls,
    gaps,
    holes,
  };
}

export function formatInfo(info: BarsInfo, file: string, maxHoles = 40): string {
  const out: string[] = [];
  out.push(`${file}`);
  out.push(
    `${info.symbol} ${info.bar_minutes}-minute bars: ${info.rows} rows, ${info.first_bar_ct} .. ${info.last_bar_ct} CT` +
      `\ntrade dates ${info.first_trade_date} .. ${info.last_trade_date}: ${info.trade_dates} trade dates, ${info.rth_sessions} RTH sessions (${info.rth_bars} RTH bars)` +
      `\norder flow (bid/ask volume): ${info.order_flow ? 'yes' : 'no'}; roll-week bars: ${info.roll_week_bars}`,
  );
  out.push(
    table(
      ['contract', 'first bar (CT)', 'last bar (CT)', 'rows', 'low', 'low at', 'high', 'high at'],
      info.contracts.map((c) => [c.code, c.first_bar, c.last_bar, c.rows, c.low.toFixed(2), c.low_at, c.high.toFixed(2), c.high_at]),
      { title: `contracts (${info.contracts.length})` },
    ),
  );
  if (info.roll_points.length) {
    out.push(
      table(
        ['first bar of new (CT)', 'from', 'to', 'last close', 'first open', 'jump'],
        info.roll_points.map((r) => [r.at, r.from, r.to, r.last_close.toFixed(2), r.first_open.toFixed(2), (r.jump >= 0 ? '+' : '') + r.jump.toFixed(2)]),
        { title: `roll points (${info.roll_points.length}): unadjusted series, the jump is not a market move` },
      ),
    );
  }
  const g = info.gaps;
  out.push(
    `gaps: exchange schedule — daily halt ${g['daily halt']}, weekend ${g.weekend}, holiday ${g.holiday}, early close ${g['early close']}; real holes ${g.hole}` +
      ` (${info.holes.filter((h) => h.roll).length} at a roll)`,
  );
  if (info.holes.length) {
    const shown = info.holes.slice(0, maxHoles);
    out.push(
      table(
        ['from (CT)', 'to (CT)', 'missing bars', 'while open', 'roll'],
        shown.map((h) => [h.from, h.to, h.missing_bars, h.open_missing, h.roll ? 'yes' : '']),
        { title: `real holes${info.holes.length > shown.length ? ` (first ${shown.length} of ${info.holes.length}; --json lists all)` : ''}` },
      ),
    );
  }
  return `${out.join('\n\n')}\n`;
}
