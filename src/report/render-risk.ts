// Section 3: P&L and risk — the backtest's figures (ratios with their interval and days), equity with the ruin
// mark, drawdown, months, the Monte Carlo fan and the random-entry percentile.
import { equityDrawdownSvg } from './charts/equity.ts';
import { fanSvg } from './charts/fan.ts';
import { monthlyPnlSvg } from './charts/monthly.ts';
import { n, pct, ratio, ticks, usd, usdPlain, ymd } from './format.ts';
import { mdTable } from './markdown.ts';
import type { RenderContext } from './render-context.ts';
import { fmtSet } from './warnings.ts';
import type { WeekendData } from './weekend-model.ts';

/** "1.42 (95 % interval 0.10 to 2.61, 44 days)" or "n/a — 12 trading days (fewer than 20)". */
export function ratioCell(v: number, ci: [number, number] | null, reason: string | null, days: number): string {
  if (!Number.isFinite(v)) return `n/a — ${reason ?? 'undefined'}`;
  const end = (x: number | null) => (x === null || !Number.isFinite(x) ? (x !== null && x < 0 ? '−∞' : '∞') : ratio(x));
  return ci ? `${ratio(v)} (95 % interval ${end(ci[0])} to ${end(ci[1])}, ${n(days)} days)` : `${ratio(v)} (${n(days)} days)`;
}

export function renderRisk(d: WeekendData, c: RenderContext): string[] {
  const s = d.backtest.summary;
  const b = d.backtest;
  const out: string[] = ['## 3. P&L and risk (thresholds in force)', ''];
  out.push(mdTable(['Measure', 'Value'], [
    ['Trades', n(s.trades)],
    ['Wins / losses', `${n(s.wins)} / ${n(s.losses)} (win rate ${pct(s.winRate)})`],
    ['Net P&L after costs', usd(s.netUsd)],
    ['Gross P&L before costs', usd(s.grossUsd)],
    ['Commissions', usd(-s.commissionUsd)],
    ['Slippage', usd(-s.slippageUsd)],
    ['Average trade', `${usd(s.expectancyUsd)} (${ticks(s.avgTicks)} per contract, before costs)`],
    ['Profit factor', ratio(s.profitFactor)],
    ['Sharpe (daily, annualised)', ratioCell(s.sharpe, s.sharpeCi, s.sharpeReason, s.ratioDays)],
    ['Sortino (daily, annualised)', ratioCell(s.sortino, s.sortinoCi, s.sortinoReason, s.ratioDays)],
    ['Max drawdown', usd(-s.maxDrawdownUsd)],
    ['Sessions stopped by the daily loss limit', `${n(s.haltedDays)} of ${n(s.sessions)}`],
    ['Trading stopped at the minimum equity (ruin)', b.ruin ? ymd(b.ruin.date) : 'no'],
  ]));
  out.push('');
  out.push(c.img('equity-drawdown.svg', 'Equity curve and drawdown', equityDrawdownSvg({
    title: `Equity and drawdown, thresholds ${fmtSet(d.thresholds.current)}`,
    dates: b.equity.dates,
    equity: b.equity.equity,
    startingCapital: b.startingCapital,
    ruinDate: b.ruin?.date ?? null,
    minEquity: b.minEquity,
  })));
  out.push('');
  out.push(...monteCarloBlock(d, c), ...randomEntryBlock(d));
  out.push('### By tier', '');
  out.push(mdTable(['Tier', 'Signals', 'Trades', 'Win rate', 'Net P&L', 'Average trade'], b.byTier.map((r) => [
    r.tier, n(r.signals), n(r.trades), r.trades ? pct(r.winRate) : '—', r.trades ? usd(r.netUsd) : '—', r.trades ? usd(r.avgUsd) : '—',
  ])));
  out.push('', '### By month', '');
  out.push(mdTable(['Month', 'Trades', 'Win rate', 'Net P&L'], b.byMonth.map((m) => [m.month, n(m.trades), m.trades ? pct(m.winRate) : '—', usd(m.netUsd)])));
  out.push('');
  out.push(c.img('monthly-pnl.svg', 'Net P&L by month', monthlyPnlSvg({
    title: 'Net P&L by month (after costs)',
    months: b.byMonth.map((m) => ({ month: m.month, pnl: m.netUsd })),
  })));
  out.push('');
  return out;
}

function monteCarloBlock(d: WeekendData, c: RenderContext): string[] {
  const mc = d.risk.monteCarlo;
  if (!mc) return ['### Monte Carlo', '', 'Not run (`--monte-carlo 0`).', ''];
  const out = ['### Monte Carlo over the trading days', ''];
  out.push(`${n(mc.paths)} paths of ${n(mc.days)} trading days resampled from the backtest's daily P&L (seed ${mc.seed}): ${mc.method}.`);
  out.push('');
  out.push(mdTable(['Over the horizon', '5 %', 'Median', '95 %'], [
    ['Net P&L', usd(mc.net_pnl_usd.p5), usd(mc.net_pnl_usd.p50), usd(mc.net_pnl_usd.p95)],
    ['Max drawdown', usd(-mc.max_drawdown_usd.p5), usd(-mc.max_drawdown_usd.p50), usd(-mc.max_drawdown_usd.p95)],
    ['Ending equity', usdPlain(mc.ending_equity_usd.p5), usdPlain(mc.ending_equity_usd.p50), usdPlain(mc.ending_equity_usd.p95)],
  ], ['l', 'r', 'r', 'r']));
  out.push('');
  out.push(`**Probability of ruin** (equity at or below ${usdPlain(mc.min_equity_usd)} within ${n(mc.days)} trading days): **${pct(mc.ruin_probability)}**.`);
  out.push('');
  out.push(c.img('monte-carlo-fan.svg', 'Monte Carlo equity fan', fanSvg({
    title: `Monte Carlo: equity over ${n(mc.days)} resampled trading days (${n(mc.paths)} paths)`,
    day: mc.fan.day, p5: mc.fan.p5, p50: mc.fan.p50, p95: mc.fan.p95,
    startingCapital: mc.starting_capital_usd,
    minEquity: mc.min_equity_usd,
  })));
  out.push('');
  return out;
}

function randomEntryBlock(d: WeekendData): string[] {
  const re = d.risk.randomEntry;
  if (!re) return ['### Random-entry benchmark', '', 'Not run (`--random-entry 0`).', ''];
  const out = ['### Random-entry benchmark: does the engine know anything?', ''];
  out.push(`**${re.sentence[0]!.toUpperCase()}${re.sentence.slice(1)}.** Method (seed ${re.seed}): ${re.method}. Random runs open ${n(re.mean_random_trades, 1)} trades on average against the engine's ${n(re.engine_trades)} (the daily loss limit can end a random day sooner).`);
  out.push('');
  const sh = (x: number | null) => (x === null ? 'n/a' : ratio(x));
  const money = (x: number | null) => (x === null ? 'n/a' : usd(x));
  out.push(mdTable(['', 'Engine', 'Random 5 %', 'Random median', 'Random 95 %', 'Engine beats'], [
    ['Net P&L', usd(re.engine_net_pnl_usd), money(re.null_net_pnl_usd.p5), money(re.null_net_pnl_usd.p50), money(re.null_net_pnl_usd.p95), pct(re.net_pnl_percentile, 0)],
    ['Sharpe', sh(re.engine_sharpe), sh(re.null_sharpe.p5), sh(re.null_sharpe.p50), sh(re.null_sharpe.p95), re.sharpe_percentile === null ? 'n/a' : pct(re.sharpe_percentile, 0)],
  ], ['l', 'r', 'r', 'r', 'r', 'r']));
  out.push('');
  return out;
}
