import type { Bars, DailyContext } from '../../data/types.ts';
import { contextRowForBars } from '../../data/context-align.ts';
import { FEATURE_NAMES } from '../types.ts';
import type { EngineConfig, EngineOutput, FeatureName } from '../types.ts';
import { emptyDayContext } from '../feature.ts';
import { fillDayContext, rthClosesByDate } from '../day-context.ts';
import { OriginalEngine } from './engine.ts';

/**
 * The original engine over the bars (`--engine original`): one engine instance for the whole run, never reset
 * (not at sessions, rolls or gaps: the live system kept one calculator). The session mode only selects which
 * bars are fed (RTH only, or every bar with --eth). Options come from the bar's extra columns when it has
 * them, else from the day's context. `direction` is the D1 vote over the original features (backtests only).
 */
export function replayOriginal(bars: Bars, context: DailyContext | null, config: EngineConfig, opts: { onProgress?: (done: number) => void } = {}): EngineOutput {
  const n = bars.n;
  const eth = config.session === 'eth';
  const features = {} as Record<FeatureName, Float64Array>;
  const available = {} as Record<FeatureName, Uint8Array>;
  const cols: Float64Array[] = [];
  const avail: Uint8Array[] = [];
  for (const name of FEATURE_NAMES) {
    const c = new Float64Array(n).fill(NaN);
    const a = new Uint8Array(n);
    features[name] = c;
    available[name] = a;
    cols.push(c);
    avail.push(a);
  }
  const score = new Float64Array(n).fill(NaN);
  const tier = new Uint8Array(n);
  const direction = new Int8Array(n);
  const active = new Uint8Array(n);
  const rows = context ? contextRowForBars(bars, context) : null;
  const closes = context ? rthClosesByDate(bars) : new Map<number, { close: number; contractId: number }>();
  const engine = new OriginalEngine(config);
  const day = emptyDayContext();
  const { rth, tradeDate, contractId } = bars;
  const values = engine.values;
  const av = engine.available;
  let lastDate = -1;
  let lastContract = -1;
  const onProgress = opts.onProgress;
  for (let i = 0; i < n; i++) {
    if (!eth && rth[i] !== 1) continue;
    const d = tradeDate[i]!;
    const c = contractId[i]!;
    if (d !== lastDate || c !== lastContract) {
      fillDayContext(context, rows ? rows[i]! : -1, c, closes, day);
      lastDate = d;
      lastContract = c;
    }
    engine.step(bars, i, day);
    for (let k = 0; k < 10; k++) {
      cols[k]![i] = values[k]!;
      avail[k]![i] = av[k]!;
    }
    score[i] = engine.score;
    tier[i] = engine.tier;
    direction[i] = engine.direction;
    active[i] = 1;
    if (onProgress !== undefined && (i & 0xffff) === 0) onProgress(i);
  }
  if (onProgress !== undefined) onProgress(n);
  return { n, features, available, score, tier, direction, active, config };
}
