// Which features lose their real inputs when bars carry no bid/ask volume, asked of the engine itself: the
// same bars replayed with and without order flow, compared through the availability summary. No list to keep
// in step with the features by hand.
import type { Bars } from '../data/types.ts';
import { availabilitySummary } from './availability.ts';
import { replay } from './replay.ts';
import type { EngineConfig, FeatureName } from './types.ts';

/** Enough bars for every feature's warm-up (several sessions), few enough to cost milliseconds. */
const PROBE_BARS = 2000;

export function orderFlowFeatures(bars: Bars, config: EngineConfig): FeatureName[] {
  const n = Math.min(bars.n, PROBE_BARS);
  const cut = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => a.slice(0, n) as T;
  const base: Bars = {
    ...bars,
    n,
    ts: cut(bars.ts), open: cut(bars.open), high: cut(bars.high), low: cut(bars.low), close: cut(bars.close),
    volume: cut(bars.volume), trades: cut(bars.trades), contractId: cut(bars.contractId),
    tradeDate: cut(bars.tradeDate), rth: cut(bars.rth), rollWeek: cut(bars.rollWeek), flags: cut(bars.flags),
  };
  // a plausible, uneven split of each bar's volume (buyers 60 %) versus none at all (NaN: the engine's "absent")
  const vol = base.volume;
  // every bar fed (ETH): a file with few RTH bars still shows which features read bid/ask
  config = { ...config, session: 'eth' };
  const withFlow = availabilitySummary(replay({ ...base, bidVolume: vol.map((v) => 0.4 * v), askVolume: vol.map((v) => 0.6 * v) }, null, config));
  const none = new Float64Array(n).fill(NaN);
  const without = availabilitySummary(replay({ ...base, bidVolume: none, askVolume: none }, null, config));
  return withFlow.filter((a, i) => a.real > 0 && without[i]!.real < a.real).map((a) => a.feature);
}
