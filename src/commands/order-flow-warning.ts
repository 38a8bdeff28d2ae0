// The warning every command that scores bars prints when the bars carry little or no order flow: on stderr
// (even with --quiet: it is a finding, not progress) and, for --json, as the `order_flow` field.
import type { Bars } from '../data/types.ts';
import type { EngineConfig, FeatureName } from '../engine/types.ts';
import { orderFlowPresence, type OrderFlowPresence } from '../data/order-flow.ts';
import { orderFlowFeatures } from '../engine/order-flow-features.ts';

/** Below this share of bars with bid/ask volume the order-flow features are mostly on their defaults. */
const WARN_BELOW = 0.95;

export interface OrderFlowReport extends OrderFlowPresence {
  /** features that run on their defaults on the bars without order flow (empty when there is no warning) */
  features_on_defaults: FeatureName[];
  warning: string | null;
}

export function orderFlowReport(bars: Bars, config: EngineConfig): OrderFlowReport {
  const p = orderFlowPresence(bars);
  if (p.share >= WARN_BELOW || bars.n === 0) return { ...p, features_on_defaults: [], warning: null };
  const features = orderFlowFeatures(bars, config);
  const which = p.share === 0 ? 'the bars carry no bid/ask volume (e.g. a NinjaTrader export)' : `only ${(100 * p.share).toFixed(1)}% of the bars carry bid/ask volume`;
  const named = features.length ? `${features.length} order-flow features run on their defaults${p.share === 0 ? '' : ' on the other bars'}: ${features.join(', ')}` : 'the order-flow features run on their defaults (too few bars to name them)';
  const warning = `WARNING: ${which}: ${named}. Their weight in the score carries no information there.`;
  return { ...p, features_on_defaults: features, warning };
}

/** Prints the warning (if any) on stderr and returns the report for a --json document. */
export function warnOrderFlow(bars: Bars, config: EngineConfig): OrderFlowReport {
  const r = orderFlowReport(bars, config);
  if (r.warning) process.stderr.write(`mia: ${r.warning}\n`);
  return r;
}
