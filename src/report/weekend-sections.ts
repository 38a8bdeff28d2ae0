// The weekend report's section builders: the backtest section (equity, ruin), the sweep section (current and
// recommended rows), the gate note. Split from weekend-build.ts, which runs the pipeline once and assembles the data.
import type { Thresholds } from '../engine/types.ts';
import type { BacktestInput, BacktestResult } from '../simulate/run-backtest.ts';
import type { TradePlan } from '../simulate/types.ts';
import type { SweepResult } from '../sweep/run-sweep.ts';
import { DEFAULT_OBJECTIVE } from '../sweep/recommend.ts';
import { planWindow, sessionRange } from '../sweep/plan-window.ts';
import { setFigures, type SetFigures } from '../sweep/set-figures.ts';
import type { Period } from '../sweep/period.ts';
import type { BacktestSection, SweepSection, SweepSetRow, TierName } from './weekend-model.ts';
import type { ScoreDistribution } from '../sweep/score-distribution.ts';

/** The objective the report's sweep section ranks by (the one recommender's default). */
const SWEEP_OBJECTIVE = DEFAULT_OBJECTIVE;
const nn = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

export function isoRange(p: Period): string {
  const f = (d: number) => `${Math.floor(d / 10000)}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`;
  return `${f(p.from)}:${f(p.to)}`;
}

/** The report's backtest section from the backtest document: no figure recomputed, only re-shaped. */
export function backtestSection(bt: BacktestResult, equity: { dates: number[]; equity: number[] }, startingCapital: number, minEquity = 0): BacktestSection {
  const s = bt.summary;
  let ticks = 0;
  for (const t of bt.trades) ticks += t.pnl_ticks;
  return {
    summary: {
      trades: s.trades,
      wins: s.wins,
      losses: s.losses,
      winRate: nn(s.win_rate),
      netUsd: s.net_pnl_usd,
      grossUsd: s.gross_pnl_usd,
      commissionUsd: s.commissions_usd,
      slippageUsd: s.slippage_usd,
      profitFactor: s.profit_factor ?? (s.wins > 0 && s.losses === 0 ? Infinity : NaN),
      expectancyUsd: nn(s.expectancy_usd),
      maxDrawdownUsd: s.max_drawdown_usd,
      sharpe: nn(s.sharpe_annualised),
      sharpeReason: s.sharpe_null_reason,
      sharpeCi: s.sharpe_ci95,
      sortino: nn(s.sortino_annualised),
      sortinoReason: s.sortino_null_reason,
      sortinoCi: s.sortino_ci95,
      ratioDays: s.ratio_days,
      sessions: s.sessions,
      haltedDays: s.halted_days,
      avgTicks: bt.trades.length ? ticks / bt.trades.length : NaN,
    },
    byTier: bt.tiers.filter((r) => r.tier !== 'NO_TRADE').map((r) => ({
      tier: r.tier as TierName,
      signals: r.signals,
      trades: r.taken,
      wins: r.wins,
      netUsd: r.net_pnl_usd,
      avgUsd: nn(r.avg_pnl_usd),
      winRate: nn(r.win_rate),
    })),
    byMonth: bt.months.map((m) => ({ month: m.key, trades: m.trades, netUsd: m.net_pnl_usd, winRate: nn(m.win_rate) })),
    equity,
    startingCapital,
    ruin: ruinOf(bt),
    minEquity,
  };
}

/**
 * The simulator's ruin date, when the backtest carries one (`ruin` on the result: trading stopped at the minimum
 * equity). Read defensively: the field belongs to the simulator, the chart only marks it.
 */
export function ruinOf(bt: BacktestResult): { date: number } | null {
  const r = (bt as { ruin?: { date?: string | number | null } | null }).ruin;
  const d = r?.date;
  if (d === undefined || d === null) return null;
  const ymd = typeof d === 'number' ? d : Number(String(d).slice(0, 10).replace(/-/g, ''));
  return Number.isInteger(ymd) && ymd > 19000000 ? { date: ymd } : null;
}

/** The thresholds in force on the training and test windows, for comparison with the sweep's picks. */
export function currentRow(base: BacktestInput, plan: TradePlan, t: Thresholds, train: Period, test: Period): { train: SetFigures; test: SetFigures } {
  const tr = sessionRange(plan, train.from, train.to);
  const te = sessionRange(plan, test.from, test.to);
  return {
    train: setFigures(base, planWindow(plan, tr.from, tr.to), t, SWEEP_OBJECTIVE).figures,
    test: setFigures(base, planWindow(plan, te.from, te.to), t, SWEEP_OBJECTIVE).figures,
  };
}

export function rowOf(t: Thresholds, train: SetFigures, test: SetFigures | null): SweepSetRow {
  return {
    thresholds: t,
    trainNetUsd: train.net_pnl_usd,
    trainSharpe: nn(train.sharpe),
    trainTrades: train.trades,
    testNetUsd: test ? test.net_pnl_usd : null,
    testSharpe: test ? nn(test.sharpe) : null,
    testTrades: test ? test.trades : null,
  };
}

/** Axis titles carry their unit: thresholds are confluence scores. */
export function withUnit(label: string): string {
  return label.includes('(') ? label : `${label} (score)`;
}

export function sweepSectionOf(sw: SweepResult, t: Thresholds, current: { train: SetFigures; test: SetFigures }): SweepSection {
  const h = sw.heatmap;
  const z = h.z_label === 'sharpe' ? 'Sharpe (annualised)' : h.z_label;
  return {
    sets: sw.trials,
    metric: `annualised Sharpe (at least ${sw.min_trades} trades)`,
    top: sw.top.map((r) => rowOf(r.thresholds, r.sample, r.test)),
    heatmap: h.x.length && h.y.length
      ? { title: `Training window: best ${z} by PREMIUM × STRONG threshold (over GOOD/WEAK)`, xLabel: withUnit(h.x_label), yLabel: withUnit(h.y_label), zLabel: z, xValues: h.x, yValues: h.y, z: h.z }
      : null,
    current: rowOf(t, current.train, current.test),
    dsr: sw.overfitting.dsr?.value ?? null,
    pbo: sw.overfitting.pbo?.value ?? null,
    verdict: sw.overfitting.verdict.text,
  };
}

/**
 * The traded-side score in words, and whether the gate in force or the recommended one sits below its 1st
 * percentile: such a gate admits every directional bar, so the other thresholds only change position size.
 */
export function gateNote(d: ScoreDistribution, current: Thresholds, recommended: Thresholds | null): string {
  const at = (q: number) => d.quantiles.find((x) => x.q === q)?.score ?? NaN;
  const p1 = at(0.01);
  const parts = [`Traded-side score over ${d.candidates.toLocaleString('en-US')} candidate bars: p1 ${p1.toFixed(3)}, median ${at(0.5).toFixed(3)}, p99 ${at(0.99).toFixed(3)}.`];
  const gates: [string, Thresholds | null][] = [['in force', current], ['recommended', recommended]];
  for (const [name, t] of gates) {
    if (t && t.weak < p1) parts.push(`The gate ${name} (WEAK ${t.weak}) is below the score floor: every directional bar is a candidate, and the other thresholds only change position size.`);
  }
  return parts.join(' ');
}
