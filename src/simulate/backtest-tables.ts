// Terminal rendering of a BacktestResult: the same figures as --json, sized for an 80-column terminal.
import { table } from '../util/table.ts';
import type { FillCounts } from './fill-resolve.ts';
import type { BacktestResult, GroupRow } from './run-backtest.ts';

export function money(x: number | null): string {
  if (x === null) return 'n/a';
  const s = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return x < 0 ? `-${s}` : s;
}
export function pct(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}
function fixed(x: number | null, digits = 2): string {
  return x === null ? 'n/a' : x.toFixed(digits);
}
/** Profit factor is undefined without losses: "∞" when there were wins, "n/a" when there were none. */
export function pf(x: number | null, wins: number): string {
  return x !== null ? x.toFixed(2) : wins > 0 ? '∞' : 'n/a';
}

function groupTable(title: string, head: string, rows: GroupRow[], withSessions: boolean): string {
  const cols = [head, ...(withSessions ? ['sess'] : []), 'trades', 'win%', 'net $', 'avg $', 'PF'];
  const body = rows.map((r) => [r.key, ...(withSessions ? [r.sessions] : []), r.trades, pct(r.win_rate), money(r.net_pnl_usd), money(r.avg_pnl_usd), pf(r.profit_factor, r.wins)]);
  const tot = rows.reduce((a, r) => ({ trades: a.trades + r.trades, net: a.net + Math.round(r.net_pnl_usd * 100), sessions: a.sessions + r.sessions }), { trades: 0, net: 0, sessions: 0 });
  body.push(['total', ...(withSessions ? [tot.sessions] : []), tot.trades, '', money(tot.net / 100), '', '']);
  return table(cols, body, { title });
}

export function renderBacktest(r: BacktestResult): string {
  const s = r.summary;
  const p = r.manifest.parameters as Record<string, unknown>;
  const out: string[] = [];
  const range = s.first_date ? `${s.first_date} .. ${s.last_date}` : 'no sessions';
  for (const h of r.headline) out.push(...wrap(`NOTE: ${h}`, 78));
  out.push(`mia backtest  ${range}  ${s.sessions} sessions, ${s.bars} bars (${String(p.session).toUpperCase()})`);
  out.push(
    table(
      ['metric', 'value', 'metric', 'value'],
      [
        ['net P&L', money(s.net_pnl_usd), 'trades', s.trades],
        ['gross P&L', money(s.gross_pnl_usd), 'win rate', pct(s.win_rate)],
        ['commissions', money(s.commissions_usd), 'profit factor', pf(s.profit_factor, s.wins)],
        ['slippage', money(s.slippage_usd), 'expectancy $', money(s.expectancy_usd)],
        ['avg win', money(s.avg_win_usd), 'expectancy R', fixed(s.expectancy_r)],
        ['avg loss', money(s.avg_loss_usd), 'Sharpe (daily)', fixed(s.sharpe_annualised)],
        ['largest win', money(s.largest_win_usd), 'Sortino (daily)', fixed(s.sortino_annualised)],
        ['largest loss', money(s.largest_loss_usd), 'return on cap.', pct(s.return_on_capital, 2)],
        ['max drawdown', money(s.max_drawdown_usd), 'max DD %', pct(s.max_drawdown_pct, 2)],
        ['DD sessions', s.max_drawdown_sessions, 'losing streak', s.longest_losing_streak],
        ['capital', money(s.starting_capital_usd), 'ending equity', money(s.ending_equity_usd)],
        ['limit days', s.halted_days, 'DD peak', s.max_drawdown_peak_date ?? 'n/a'],
      ],
      { title: 'Summary', align: ['left', 'right', 'left', 'right'] },
    ),
  );
  out.push(ratioLine('Sharpe', s.sharpe_annualised, s.sharpe_ci95, s.sharpe_null_reason, s.ratio_days));
  out.push(ratioLine('Sortino', s.sortino_annualised, s.sortino_ci95, s.sortino_null_reason, s.ratio_days));
  out.push(
    table(
      ['tier', 'x', 'signals', '/sess', '%bars', 'taken', 'win%', 'avg $', 'R'],
      r.tiers.map((t) => {
        const none = t.tier === 'NO_TRADE';
        return [
          t.tier,
          none ? '' : `${t.multiplier}x${t.contracts}`,
          t.signals,
          fixed(t.signals_per_session, 1),
          pct(t.share_of_bars),
          none ? '' : t.taken,
          none ? '' : pct(t.win_rate),
          none ? '' : money(t.avg_pnl_usd),
          none ? '' : fixed(t.expectancy_r),
        ];
      }),
      { title: `By tier  thresholds ${r.tiers.filter((t) => t.threshold !== null).map((t) => t.threshold!.toFixed(2)).join('/')}  (x = multiplier x contracts)` },
    ),
  );
  out.push(groupTable('By month', 'month', r.months, true));
  out.push(groupTable('By weekday (trade date)', 'day', r.weekdays, true));
  out.push(groupTable('Long vs short', 'side', r.sides, false));
  out.push(groupTable('By exit reason', 'exit', r.exit_reasons.filter((x) => x.trades > 0), false));
  out.push(fillLine(r.fill_resolution));
  out.push('Execution model:');
  for (const n of r.execution_notes) out.push(wrap(n, 76).map((l, i) => (i ? '    ' : '  - ') + l).join('\n'));
  return out.join('\n') + '\n';
}

/** One bar spanning stop and target: how many trades that decided, and what settled them. */
function fillLine(f: FillCounts): string {
  const head = `Bars spanning stop and target: ${f.ambiguous_bars} of the trades' exit bars`;
  const body = f.fill_data === null
    ? `; all booked stop first (--fill-data FILE resolves them from a finer series)`
    : `; resolved from ${f.fill_data}: ${f.resolved} (${f.resolved_target} target first, ${f.resolved_stop} stop first), unresolved ${f.unresolved} (booked stop first)`;
  return wrap(head + body, 78).join('\n') + '\n';
}

/** "Sharpe 0.84 (95% interval -0.40 to 2.10, 249 days)" or "Sharpe n/a: 12 trading days (fewer than 20)". */
export function ratioLine(name: string, v: number | null, ci: [number, number] | null, reason: string | null, days: number): string {
  if (v === null) return `${name} n/a: ${reason ?? 'undefined'}`;
  const c = ci ? `95% interval ${ciEnd(ci[0])} to ${ciEnd(ci[1])}, ` : '';
  return `${name} ${v.toFixed(2)} (${c}${days} days)`;
}
function ciEnd(x: number | null): string {
  // JSON turns an infinite bootstrap end into null
  return x === null || !Number.isFinite(x) ? (x !== null && x < 0 ? '-inf' : 'inf') : x.toFixed(2);
}

export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}
