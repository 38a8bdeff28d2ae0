// The weekend report's "two engines" section: the same bars through mia's engine and through the original
// (`--engine original`), tier distributions and backtest P&L side by side. Self-contained: build + render.
import type { Bars, DailyContext } from '../data/types.ts';
import type { EngineConfig, EngineKind, EngineOutput } from '../engine/types.ts';
import { TIER_NAMES } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { planTrades } from '../simulate/plan-trades.ts';
import { scanPlan } from '../simulate/scan-plan.ts';
import { buildResult, type BacktestInput, type BacktestResult } from '../simulate/run-backtest.ts';
import { mdTable } from './markdown.ts';
import { n, pct, usd } from './format.ts';

export interface EngineColumn {
  engine: EngineKind;
  /** processed bars by tier, PREMIUM first (every fed bar, with or without a side) */
  tiers: Record<string, number>;
  processed: number;
  /** bars with a side (D1 vote) and a tier above NO_TRADE: what the backtest may trade */
  signalBars: number;
  trades: number;
  winRate: number;
  netUsd: number;
  profitFactor: number | null;
}

export interface EngineComparison {
  columns: EngineColumn[];
  /** processed bars where the two engines give a different tier */
  tierDiffers: number;
}

function column(engine: EngineKind, out: EngineOutput, bt: BacktestResult): EngineColumn {
  const tiers: Record<string, number> = Object.fromEntries([...TIER_NAMES].reverse().map((t) => [t, 0]));
  let processed = 0;
  let signalBars = 0;
  for (let i = 0; i < out.n; i++) {
    if (!out.active[i]) continue;
    processed++;
    tiers[TIER_NAMES[out.tier[i]!]!]!++;
    if (out.direction[i] !== 0 && out.tier[i]! > 0) signalBars++;
  }
  const s = bt.summary;
  return { engine, tiers, processed, signalBars, trades: s.trades, winRate: s.win_rate ?? 0, netUsd: s.net_pnl_usd, profitFactor: s.profit_factor ?? null };
}

/** `base` is the run already made with `engineConfig`; the other engine is replayed and backtested the same way. */
export function compareEngines(base: BacktestInput, out: EngineOutput, bt: BacktestResult): EngineComparison {
  const cfg: EngineConfig = base.engineConfig;
  const other: EngineKind = cfg.engine === 'original' ? 'mia' : 'original';
  const otherCfg: EngineConfig = { ...cfg, engine: other };
  const bars: Bars = base.bars;
  const context: DailyContext | null = base.context;
  const out2 = replay(bars, context, otherCfg);
  const input2: BacktestInput = { ...base, engineConfig: otherCfg };
  const plan2 = planTrades(bars, out2, base.params);
  const bt2 = buildResult(input2, plan2, scanPlan(plan2, base.params.thresholds, base.params.multipliers, base.params));
  let tierDiffers = 0;
  for (let i = 0; i < bars.n; i++) if (out.active[i] && out2.active[i] && out.tier[i] !== out2.tier[i]) tierDiffers++;
  const cols = [column(cfg.engine, out, bt), column(other, out2, bt2)];
  cols.sort((a, b) => (a.engine === 'mia' ? -1 : b.engine === 'mia' ? 1 : 0));
  return { columns: cols, tierDiffers };
}

export function renderEngineComparison(c: EngineComparison): string {
  const [a, b] = c.columns as [EngineColumn, EngineColumn];
  const rows: (string | number)[][] = Object.keys(a.tiers).map((t) => [t, n(a.tiers[t]!), pct(a.processed ? a.tiers[t]! / a.processed : 0), n(b.tiers[t]!), pct(b.processed ? b.tiers[t]! / b.processed : 0)]);
  rows.push(['Bars with a side and a tier', n(a.signalBars), '', n(b.signalBars), '']);
  rows.push(['Trades', n(a.trades), '', n(b.trades), '']);
  rows.push(['Win rate', a.trades ? pct(a.winRate) : '—', '', b.trades ? pct(b.winRate) : '—', '']);
  rows.push(['Net P&L after costs', usd(a.netUsd), '', usd(b.netUsd), '']);
  rows.push(['Profit factor', a.profitFactor === null ? '—' : a.profitFactor.toFixed(2), '', b.profitFactor === null ? '—' : b.profitFactor.toFixed(2), '']);
  return [
    "## Engines: mia's amended engine vs the original (same bars)",
    '',
    "The original is the live system's engine exactly (ENGINE_SPEC §0–§6; `--engine original`): one instance never reset, the mock order " +
      'book, MTF on the current bar with the unsigned +0.2, the unsigned score Σ wₖ·fₖ. It has no direction: its backtest takes the side from ' +
      "the D1 vote over its own features, and most of its bars fall in the vote's dead band (no trade).",
    '',
    mdTable(['Tier / measure', `${a.engine} bars`, 'share', `${b.engine} bars`, 'share'], rows, ['l', 'r', 'r', 'r', 'r']),
    '',
    `The two engines give a different tier on ${n(c.tierDiffers)} of ${n(a.processed)} processed bars.`,
    '',
  ].join('\n');
}
