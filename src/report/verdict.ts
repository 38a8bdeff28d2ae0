// The one-line verdict, derived from the numbers with fixed rules (stated in the report's header).
import { n, usd, usdPlain } from './format.ts';
import { DSR_MIN, MIN_TRADES_TOTAL, PBO_MAX } from './warnings.ts';
import type { WeekendData } from './weekend-model.ts';

export const VERDICT_RULE =
  `NOT READY when the window loses money after costs or the recommended set loses out of sample; ` +
  `UNPROVEN when it makes money but has < ${MIN_TRADES_TOTAL} trades, no out-of-sample test, DSR < ${DSR_MIN} or PBO > ${PBO_MAX}; ` +
  `otherwise EDGE SUPPORTED.`;

export function verdict(d: WeekendData): string {
  const s = d.backtest.summary;
  if (s.trades === 0) return 'NO TRADES — the engine produced no tradable signal at the thresholds in force.';
  if (s.netUsd <= 0) return `NOT READY — the thresholds in force lose ${usdPlain(-s.netUsd, 2)} after costs over ${n(s.trades)} trades.`;
  const sw = d.sweep;
  const best = sw?.top[0];
  if (best && best.testNetUsd !== null && best.testNetUsd <= 0) {
    return `NOT READY — in-sample profit (${usd(s.netUsd)}), but the best training set loses ${usdPlain(-best.testNetUsd, 2)} out of sample.`;
  }
  const doubts: string[] = [];
  if (s.trades < MIN_TRADES_TOTAL) doubts.push(`only ${n(s.trades)} trades`);
  if (!sw) doubts.push('no out-of-sample test');
  if (sw?.dsr !== null && sw?.dsr !== undefined && sw.dsr < DSR_MIN) doubts.push(`DSR ${n(sw.dsr, 2)} < ${DSR_MIN}`);
  if (sw?.pbo !== null && sw?.pbo !== undefined && sw.pbo > PBO_MAX) doubts.push(`PBO ${n(sw.pbo, 2)} > ${PBO_MAX}`);
  if (doubts.length) return `UNPROVEN — ${usd(s.netUsd)} over ${n(s.trades)} trades, but ${doubts.join(', ')}.`;
  return `EDGE SUPPORTED — ${usd(s.netUsd)} over ${n(s.trades)} trades, profitable out of sample, DSR and PBO within limits.`;
}
