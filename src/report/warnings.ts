// Warnings computed from the report's own numbers. Each check is listed in the report, so an empty list
// reads as "these checks passed", never as a canned success.
import { level, n, pct, usd, usdPlain } from './format.ts';
import type { WeekendData } from './weekend-model.ts';

export const MIN_TRADES_PER_TIER = 30;
export const MIN_TRADES_TOTAL = 100;
export const DSR_MIN = 0.95;
export const PBO_MAX = 0.5;
export const AVAILABILITY_MIN = 0.9;
export const MAX_DD_SHARE = 0.1;
/** the engine should beat this share of random-entry runs on net P&L before its entries count as information */
export const RANDOM_BEAT_MIN = 0.95;
export const RUIN_MAX = 0.05;

export const CHECKS = [
  `every traded tier has at least ${MIN_TRADES_PER_TIER} trades, and the window at least ${MIN_TRADES_TOTAL}`,
  'net P&L after costs is positive',
  'PREMIUM and STRONG fire within their target rates per session',
  'the recommended set keeps at least half its training Sharpe out of sample, and is profitable there',
  `deflated Sharpe ratio >= ${DSR_MIN}, probability of backtest overfitting <= ${PBO_MAX}`,
  `max drawdown <= ${pct(MAX_DD_SHARE, 0)} of starting capital`,
  `Monte Carlo probability of ruin <= ${pct(RUIN_MAX, 0)}`,
  `the engine beats >= ${pct(RANDOM_BEAT_MIN, 0)} of random-entry runs on net P&L`,
  'no session stopped by the daily loss limit',
  'roll-week sessions in the window (thin front-month volume)',
  `every feature ran on real inputs on >= ${pct(AVAILABILITY_MIN, 0)} of the bars the engine processed (context data present)`,
];

export function computeWarnings(d: WeekendData): string[] {
  const w: string[] = [];
  const s = d.backtest.summary;
  for (const t of d.backtest.byTier) {
    if (t.tier === 'NO_TRADE') continue;
    if (t.trades > 0 && t.trades < MIN_TRADES_PER_TIER) {
      w.push(`**${t.tier}: only ${n(t.trades)} trade${t.trades === 1 ? "" : "s"}** — its win rate (${pct(t.winRate)}) and P&L (${usd(t.netUsd)}) are anecdotes, not statistics (< ${MIN_TRADES_PER_TIER}).`);
    }
  }
  if (s.trades === 0) w.push('**No trades at all** in the window at the thresholds in force: nothing here measures an edge.');
  else if (s.trades < MIN_TRADES_TOTAL) w.push(`**Only ${n(s.trades)} trades** in the whole window (< ${MIN_TRADES_TOTAL}): every figure below has a wide error band.`);
  if (s.trades > 0 && s.netUsd <= 0) w.push(`**The backtest loses money after costs:** ${usd(s.netUsd)} over ${n(s.trades)} trades (commissions ${usd(-s.commissionUsd)}, slippage ${usd(-s.slippageUsd)}).`);
  for (const r of d.distribution) {
    if (!r.target) continue;
    if (r.perSession < r.target.lo) w.push(`**${r.tier} fires ${n(r.perSession, 2)} times per session**, below the target ${r.target.lo}–${r.target.hi}: the ${level(thresholdOf(d, r.tier))} threshold is too high for this data.`);
    else if (r.perSession > r.target.hi) w.push(`**${r.tier} fires ${n(r.perSession, 2)} times per session**, above the target ${r.target.lo}–${r.target.hi}: the ${level(thresholdOf(d, r.tier))} threshold is too low for this data.`);
  }
  const sw = d.sweep;
  if (!sw) {
    w.push('**No out-of-sample test:** the window is too short to split into training and test periods; the recommendation, if any, is untested.');
  } else {
    const best = sw.top[0];
    if (best && best.testNetUsd !== null && best.testSharpe !== null) {
      if (best.testNetUsd <= 0) w.push(`**Out-of-sample loss:** the best training set (${fmtSet(best.thresholds)}) makes ${usd(best.trainNetUsd)} in training but ${usd(best.testNetUsd)} on the test window.`);
      else if (best.trainSharpe > 0 && best.testSharpe < best.trainSharpe / 2) w.push(`**Out-of-sample decay:** Sharpe falls from ${n(best.trainSharpe, 2)} (training) to ${n(best.testSharpe, 2)} (test) for the best training set.`);
    }
    if (sw.dsr !== null && sw.dsr < DSR_MIN) w.push(`**Deflated Sharpe ratio ${n(sw.dsr, 2)} < ${DSR_MIN}:** after ${n(sw.sets)} threshold sets were tried, the best Sharpe is not distinguishable from luck.`);
    if (sw.pbo !== null && sw.pbo > PBO_MAX) w.push(`**Probability of backtest overfitting ${pct(sw.pbo)}:** the set that wins in-sample ranks below the median out of sample more often than not.`);
  }
  if (s.maxDrawdownUsd > MAX_DD_SHARE * d.backtest.startingCapital) {
    w.push(`**Max drawdown ${usd(-s.maxDrawdownUsd)}** is ${pct(s.maxDrawdownUsd / d.backtest.startingCapital)} of the ${usdPlain(d.backtest.startingCapital)} starting capital.`);
  }
  const mc = d.risk.monteCarlo;
  if (mc && mc.ruin_probability > RUIN_MAX) {
    w.push(`**Probability of ruin ${pct(mc.ruin_probability)}:** ${n(mc.paths)} resampled paths of ${n(mc.days)} trading days reach ${usdPlain(mc.min_equity_usd)} equity that often.`);
  }
  const re = d.risk.randomEntry;
  if (re && re.net_pnl_percentile < RANDOM_BEAT_MIN) {
    w.push(`**The engine's entries carry no demonstrated information:** ${re.sentence} (random bars and sides, same sessions, entries, exits, sizing and costs).`);
  }
  if (s.haltedDays > 0) w.push(`**Daily loss limit hit on ${n(s.haltedDays)} session(s):** trading stopped early those days.`);
  if (d.span.rollWeekSessions > 0) {
    w.push(`**${n(d.span.rollWeekSessions)} of ${n(d.span.sessions)} sessions are in a roll week:** front-month volume migrates to the next contract, so volume and order-flow features read thinner than usual there.`);
  }
  if (d.span.contextRows === 0) w.push('**No context data** (VIX, GEX, put/call): the features that need it sat on their spec defaults for the whole window.');
  const low = d.availability.filter((a) => a.available < AVAILABILITY_MIN);
  if (low.length) {
    w.push(`**Features that sat on their defaults:** ${low.map((a) => `${a.feature} (real inputs on ${pct(a.available)} of bars)`).join(', ')}. Their weight in the score carries no information there.`);
  }
  return w;
}

function thresholdOf(d: WeekendData, tier: string): number {
  const t = d.thresholds.current;
  return tier === 'PREMIUM' ? t.premium : tier === 'STRONG' ? t.strong : tier === 'GOOD' ? t.good : t.weak;
}

export function fmtSet(t: { premium: number; strong: number; good: number; weak: number }): string {
  return [t.premium, t.strong, t.good, t.weak].map(level).join('/');
}
