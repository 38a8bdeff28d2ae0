// Section 5: how the trades behave — holding time, P&L by hour of entry, excursions, exit reasons, long vs short.
import { n, pct, ratio, usd } from './format.ts';
import { mdTable } from './markdown.ts';
import type { WeekendData } from './weekend-model.ts';

const minutes = (v: number) => (Number.isFinite(v) ? `${n(v)} min` : '—');
const tk = (v: number) => (Number.isFinite(v) ? n(v, 1) : '—');
const pf = (v: number, wins: number) => (Number.isFinite(v) ? ratio(v) : wins > 0 ? '∞' : 'n/a');

export function renderTrades(d: WeekendData): string[] {
  const t = d.trades;
  const out: string[] = ['## 5. Trades', ''];
  if (!d.backtest.summary.trades) return [...out, 'No trades in the window.', ''];
  out.push('### Holding time (entry to exit)', '');
  out.push(mdTable(['Trades', 'Count', 'Median', '90th percentile', 'Longest'], t.holding.map((h) => [h.group, n(h.trades), minutes(h.p50Min), minutes(h.p90Min), minutes(h.maxMin)])));
  out.push('', '### P&L by hour of entry (exchange time, Central)', '');
  out.push(mdTable(['Hour', 'Trades', 'Win rate', 'Net P&L'], t.byHour.map((h) => [h.hour, n(h.trades), pct(h.winRate), usd(h.netUsd)])));
  out.push('', '### Adverse and favourable excursion (ticks per contract)', '');
  out.push(mdTable(['Trades', 'Count', 'MAE median', 'MAE 90th pct', 'MFE median', 'MFE 90th pct'], t.excursions.map((e) => [e.group, n(e.trades), tk(e.maeP50), tk(e.maeP90), tk(e.mfeP50), tk(e.mfeP90)])));
  out.push('', '### Exit reasons', '');
  out.push(mdTable(['Exit', 'Trades', 'Win rate', 'Net P&L', 'Profit factor'], t.exitReasons.map((r) => [r.reason, n(r.trades), pct(r.winRate), usd(r.netUsd), pf(r.profitFactor, r.wins)])));
  out.push('', '### Long vs short', '');
  out.push(mdTable(['Side', 'Trades', 'Win rate', 'Net P&L', 'Profit factor'], t.sides.map((r) => [r.side, n(r.trades), r.trades ? pct(r.winRate) : '—', usd(r.netUsd), pf(r.profitFactor, r.wins)])));
  out.push('');
  return out;
}
