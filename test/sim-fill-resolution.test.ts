// --fill-data: a finer series settles stop vs target inside one signal bar (NinjaTrader's high fill
// resolution). It may change the P&L of ambiguous bars only; bars it cannot settle stay "stop first".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBars } from './helpers/bars.ts';
import { HAS_SHARED, SKIP_SHARED, SHARED_REAL } from './helpers/shared.ts';
import { planTrades } from '../src/simulate/plan-trades.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { ExitCode, type SimParams } from '../src/simulate/types.ts';
import { FillRes } from '../src/simulate/fill-resolve.ts';
import { runBacktest } from '../src/simulate/run-backtest.ts';
import { loadBars } from '../src/data/load.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import type { Bars } from '../src/data/types.ts';

const SOURCE = { path: 'fine.csv', sha256: '0', rows: 0 };
const T0 = Date.parse('2024-06-03T14:00:00Z'); // 09:00 CT

/** Two 5-minute bars: a long signal on bar 0, entry at 100 on bar 1, which spans stop (98) and target (102). */
function coarse(): Bars {
  return makeBars({ start: '2024-06-03T14:00:00Z', open: [99, 100, 101], high: [100, 102.5, 101], low: [99, 97.5, 101], close: [100, 101, 101] });
}

/** Five 1-minute bars inside coarse bar 1 (09:05-09:09 CT) from [high, low] pairs. */
function fine(hl: [number, number][], skip = -1): Bars {
  const keep = hl.map((_, i) => i).filter((i) => i !== skip);
  return makeBars({
    barMs: 60_000,
    ts: keep.map((i) => T0 + 300_000 + i * 60_000),
    close: keep.map((i) => (hl[i]![0] + hl[i]![1]) / 2),
    high: keep.map((i) => hl[i]![0]),
    low: keep.map((i) => hl[i]![1]),
    open: keep.map((i) => (hl[i]![0] + hl[i]![1]) / 2),
  });
}

function plan1(fineBars: Bars | null) {
  const bars = coarse();
  const signals = { score: Float64Array.from([0.5, NaN, NaN]), direction: Int8Array.from([1, 0, 0]), active: new Uint8Array(3).fill(1) };
  const params: SimParams = { ...defaultSimParams(), stopTicks: 8, targetTicks: 8 };
  if (fineBars) params.fillData = { source: SOURCE, bars: fineBars };
  return planTrades(bars, signals, params);
}

test('hand-built: the first finer bar touching a level decides; holes, gaps and double touches stay stop first', () => {
  const none = plan1(null);
  assert.equal(none.exitReason[0], ExitCode.stop);
  assert.equal(none.pnlTicks[0], -8);
  assert.equal(none.fillRes[0], FillRes.unresolved);

  const targetFirst = plan1(fine([[100.5, 99.5], [102.25, 100], [101, 99], [100, 97.5], [99, 98.5]]));
  assert.equal(targetFirst.fillRes[0], FillRes.target);
  assert.equal(targetFirst.exitReason[0], ExitCode.target);
  assert.equal(targetFirst.exitPrice[0], 102);
  assert.equal(targetFirst.pnlTicks[0], 8);
  assert.equal(targetFirst.maeTicks[0], 2, 'adverse excursion up to the finer bar that hit the target (100 - 99.5)');
  assert.equal(targetFirst.exitBar[0], none.exitBar[0], 'same exit bar: the next trade is unchanged');

  const stopFirst = plan1(fine([[100.5, 99.5], [100, 97.75], [102.5, 99], [101, 100], [101, 100]]));
  assert.equal(stopFirst.fillRes[0], FillRes.stop);
  assert.equal(stopFirst.pnlTicks[0], -8);
  assert.deepEqual([stopFirst.exitPrice[0], stopFirst.maeTicks[0], stopFirst.mfeTicks[0]], [none.exitPrice[0], none.maeTicks[0], none.mfeTicks[0]]);

  const both = plan1(fine([[100.5, 99.5], [102.5, 97.5], [101, 99], [101, 100], [101, 100]]));
  assert.equal(both.fillRes[0], FillRes.unresolved);
  assert.equal(both.pnlTicks[0], -8);

  const hole = plan1(fine([[100.5, 99.5], [102.25, 100], [101, 99], [100, 97.5], [99, 98.5]], 0));
  assert.equal(hole.fillRes[0], FillRes.unresolved, 'a missing first minute could hide the stop');
  assert.equal(hole.pnlTicks[0], -8);

  const otherDay = makeBars({ barMs: 60_000, start: '2024-06-04T14:05:00Z', close: [100, 102.25, 97.5] });
  assert.equal(plan1(otherDay).fillRes[0], FillRes.unresolved, 'bars the finer series does not cover');
});

test('hand-built: a finer series that is not finer is refused with a named error', () => {
  const same = makeBars({ start: '2024-06-03T14:00:00Z', close: [100, 101] });
  assert.throws(() => plan1(same), /--fill-data: its 5-minute bars do not divide the 5-minute signal bars/);
});

/** The shared 1-minute sample aggregated to 5 minutes, in the same CSV dialect (independent of mia's code). */
function aggregate5m(csv: string): string {
  const lines = csv.trim().split('\n');
  const out = [lines[0]!];
  let cur: string[] | null = null;
  let key = -1;
  const flush = () => cur && out.push(cur.join(','));
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const k = Math.floor(Number(f[1]) / 300);
    if (k !== key) {
      flush();
      key = k;
      const t = k * 300;
      // ts_et of the 5-minute bar start: the 1-minute stamp's offset, minutes floored
      const stamp = f[0]!;
      const mm = String(Math.floor(Number(stamp.slice(14, 16)) / 5) * 5).padStart(2, '0');
      cur = [`${stamp.slice(0, 14)}${mm}${stamp.slice(16)}`, String(t), f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, f[7]!, f[8]!, f[9]!];
    } else {
      cur![4] = String(Math.max(Number(cur![4]), Number(f[4])));
      cur![5] = String(Math.min(Number(cur![5]), Number(f[5])));
      cur![6] = f[6]!;
      for (const c of [7, 8, 9]) cur![c] = String(Number(cur![c]) + Number(f[c]));
    }
  }
  flush();
  return out.join('\n') + '\n';
}

test('real 1-minute sample: --fill-data changes the P&L of ambiguous bars only, and counts them', { skip: SKIP_SHARED }, () => {
  if (!HAS_SHARED) return;
  const oneMin = join(SHARED_REAL, 'es', 'es_1m_orderflow_2026-02_sample.csv');
  const dir = mkdtempSync(join(tmpdir(), 'mia-fill-'));
  try {
    const fivePath = join(dir, 'es_5m.csv');
    writeFileSync(fivePath, aggregate5m(readFileSync(oneMin, 'utf8')));
    const { bars, source } = loadBars(fivePath);
    const fineBars = loadBars(oneMin).bars;
    assert.equal(bars.barMs, 300_000);
    const engineConfig = { ...defaultEngineConfig(), session: 'eth' as const };
    const out = replay(bars, null, engineConfig);
    // a tight stop and target make many bars span both
    const base: SimParams = { ...defaultSimParams(), session: 'eth', stopTicks: 6, targetTicks: 6, dailyLossLimit: 0 };
    const withFill: SimParams = { ...base, fillData: { source: { ...source, path: 'es_1m' }, bars: fineBars } };
    const a = planTrades(bars, out, base);
    const b = planTrades(bars, out, withFill);
    let ambiguous = 0, target = 0, stop = 0, unresolved = 0;
    for (let k = 0; k < a.n; k++) {
      assert.equal(a.exitBar[k], b.exitBar[k], 'the exit bar never moves');
      if (b.fillRes[k] === FillRes.clear) {
        assert.equal(a.fillRes[k], FillRes.clear);
        assert.deepEqual([b.pnlTicks[k], b.exitReason[k], b.maeTicks[k], b.mfeTicks[k]], [a.pnlTicks[k], a.exitReason[k], a.maeTicks[k], a.mfeTicks[k]]);
        continue;
      }
      ambiguous++;
      assert.equal(a.fillRes[k], FillRes.unresolved, 'without --fill-data an ambiguous bar is booked stop first');
      assert.equal(a.pnlTicks[k], -6);
      if (b.fillRes[k] === FillRes.target) {
        target++;
        assert.equal(b.pnlTicks[k], 6);
        // independently: the first 1-minute bar of the exit bar that touches a level touches the target only
        const j = b.exitBar[k]!;
        const dir = b.direction[k]!;
        const entry = b.entryPrice[k]!;
        let f = 0;
        while (fineBars.ts[f]! < bars.ts[j]!) f++;
        for (; ; f++) {
          const up = fineBars.high[f]! >= entry + 1.5 - 1e-9, down = fineBars.low[f]! <= entry - 1.5 + 1e-9;
          const hitT = dir > 0 ? up : down, hitS = dir > 0 ? down : up;
          if (hitT || hitS) {
            assert.ok(hitT && !hitS);
            break;
          }
        }
      } else {
        if (b.fillRes[k] === FillRes.stop) stop++;
        else unresolved++;
        assert.equal(b.pnlTicks[k], -6);
      }
    }
    assert.ok(ambiguous > 0 && target > 0 && stop > 0, `ambiguous ${ambiguous}: target ${target}, stop ${stop}, unresolved ${unresolved}`);

    const run = (params: SimParams) => runBacktest({ bars, context: null, sources: [source], from: null, to: null, engineConfig, params, engineOutput: out });
    const ra = run(base);
    const rb = run(withFill);
    assert.equal(ra.fill_resolution.fill_data, null);
    assert.equal(ra.fill_resolution.unresolved, ra.fill_resolution.ambiguous_bars);
    assert.equal(rb.fill_resolution.fill_data, 'es_1m');
    assert.equal(rb.fill_resolution.ambiguous_bars, ra.fill_resolution.ambiguous_bars);
    assert.equal(rb.fill_resolution.resolved + rb.fill_resolution.unresolved, rb.fill_resolution.ambiguous_bars);
    assert.equal(ra.trades.length, rb.trades.length);
    // each trade settled "target first" gains exactly stop + target ticks per contract; every other trade is unchanged
    let gained = 0;
    ra.trades.forEach((t, i) => {
      const u = rb.trades[i]!;
      assert.equal(u.entry_time, t.entry_time);
      if (u.exit_reason === t.exit_reason) assert.equal(u.pnl_usd, t.pnl_usd);
      else {
        assert.deepEqual([t.exit_reason, u.exit_reason], ['stop', 'target']);
        gained++;
        assert.equal(Math.round((u.pnl_usd - t.pnl_usd) * 100), Math.round(12 * 12.5 * u.contracts * 100));
      }
    });
    assert.equal(gained, rb.fill_resolution.resolved_target);
    assert.ok(gained > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
