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
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9] = avail as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
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
    // unrolled over ten fixed column references, as in mia's replay
    c0[i] = values[0]!;
    c1[i] = values[1]!;
    c2[i] = values[2]!;
    c3[i] = values[3]!;
    c4[i] = values[4]!;
    c5[i] = values[5]!;
    c6[i] = values[6]!;
    c7[i] = values[7]!;
    c8[i] = values[8]!;
    c9[i] = values[9]!;
    a0[i] = av[0]!;
    a1[i] = av[1]!;
    a2[i] = av[2]!;
    a3[i] = av[3]!;
    a4[i] = av[4]!;
    a5[i] = av[5]!;
    a6[i] = av[6]!;
    a7[i] = av[7]!;
    a8[i] = av[8]!;
    a9[i] = av[9]!;
    score[i] = engine.score;
    tier[i] = engine.tier;
    direction[i] = engine.direction;
    active[i] = 1;
    if (onProgress !== undefined && (i & 0xffff) === 0) onProgress(i);
  }
  if (onProgress !== undefined) onProgress(n);
  return { n, features, available, score, tier, direction, active, config };
}
