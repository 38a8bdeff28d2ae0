import type { Bars, DailyContext } from '../data/types.ts';
import { BarFlag } from '../data/types.ts';
import { contextRowForBars } from '../data/context-align.ts';
import { FEATURE_NAMES } from './types.ts';
import type { EngineConfig, EngineOutput, FeatureName } from './types.ts';
import { validateEngineConfig } from './config.ts';
import { Engine } from './engine.ts';
import { ReplayBlock } from './replay-block.ts';
import { emptyDayContext } from './feature.ts';
import { fillDayContext, rthClosesByDate } from './day-context.ts';
import { replayOriginal } from './original/replay.ts';

const RESET_FLAGS = BarFlag.NEW_CONTRACT | BarFlag.AFTER_GAP;

/**
 * Replays the engine over the bars in one pass. Session 'rth' feeds only RTH bars (state resets at each
 * RTH open), 'eth' feeds every bar (resets at each CME trade date). Every window also restarts at a
 * contract change and after a data gap. Bars not fed: score NaN, tier 0, direction 0, active 0.
 */
export function replay(bars: Bars, context: DailyContext | null, config: EngineConfig, opts: { onProgress?: (done: number) => void } = {}): EngineOutput {
  validateEngineConfig(config);
  if (config.engine === 'original') return replayOriginal(bars, context, config, opts);
  const n = bars.n;
  const eth = config.session === 'eth';
  // ETH mode writes every bar below, so the NaN prefill (for bars not fed) is only needed in RTH mode
  const unfed = (a: Float64Array): Float64Array => (eth ? a : a.fill(NaN));
  const cols: Float64Array[] = [];
  const avail: Uint8Array[] = [];
  const features = {} as Record<FeatureName, Float64Array>;
  const available = {} as Record<FeatureName, Uint8Array>;
  for (const name of FEATURE_NAMES) {
    const c = unfed(new Float64Array(n));
    const a = new Uint8Array(n);
    features[name] = c;
    available[name] = a;
    cols.push(c);
    avail.push(a);
  }
  const score = unfed(new Float64Array(n));
  const tier = new Uint8Array(n);
  const direction = new Int8Array(n);
  const active = new Uint8Array(n);

  const rows = context ? contextRowForBars(bars, context) : null;
  const closes = context ? rthClosesByDate(bars) : new Map<number, { close: number; contractId: number }>();
  const engine = new Engine(config, bars.barMs);
  const day = emptyDayContext();
  const { rth, tradeDate, contractId, flags } = bars;
  const block = new ReplayBlock([...cols, score], avail, tier, direction, active);
  let lastDate = -1;
  let lastContract = -1;
  let pendingReset = true;
  const onProgress = opts.onProgress;

  for (let i = 0; i < n; i++) {
    // a roll or gap flagged on a bar the session filter skips still restarts the windows
    if (flags[i]! & RESET_FLAGS) pendingReset = true;
    if (!eth && rth[i] !== 1) continue;
    const d = tradeDate[i]!;
    const c = contractId[i]!;
    if (d !== lastDate || c !== lastContract) {
      pendingReset = true;
      fillDayContext(context, rows ? rows[i]! : -1, c, closes, day);
      lastDate = d;
      lastContract = c;
    }
    if (pendingReset) {
      engine.reset();
      pendingReset = false;
    }
    engine.step(bars, i, day);
    block.add(i, engine);
    if (onProgress !== undefined && (i & 0xffff) === 0) onProgress(i);
  }
  block.flush();
  if (onProgress !== undefined) onProgress(n);
  return { n, features, available, score, tier, direction, active, config };
}
