// The jumping scan (O(trades)) against a naive reference kept here: the simulator's original loop, which
// visits every candidate in order. Randomised bars, signals, thresholds and execution parameters; every
// figure, every trade and every per-tier counter must be identical, and the sweep's mode (tierDetail: false)
// must differ only in the counters it documents as skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTrades, scanPlan, contractsFor } from '../src/simulate/simulate.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { tierOf, multiplierOf } from '../src/engine/config.ts';
import { EXIT_REASONS, ExitCode } from '../src/simulate/types.ts';
import type { SimParams, SimResult, TierCounts, Trade, TradePlan } from '../src/simulate/types.ts';
import type { Multipliers, Thresholds } from '../src/engine/types.ts';
import { planWindow } from '../src/sweep/plan-window.ts';
import { signalsAt, lcg, randomBars as sharedRandomBars } from './fixtures/sim/build.ts';

const EPS = 1e-6;


function randomBars(n: number, seed: number) {
  return sharedRandomBars(n, seed, { gapAt: Math.floor(n / 3), ethPerDay: 6 });
}

function randomSignals(n: number, seed: number, density: number) {
  const rnd = lcg(seed);
  const at: Record<number, [number, number]> = {};
  for (let i = 0; i < n; i++) if (rnd() < density) at[i] = [0.1 + rnd() * 0.4, rnd() < 0.5 ? 1 : -1];
  return signalsAt(n, at);
}

function randomThresholds(rnd: () => number): Thresholds {
  const v = [0, 0, 0, 0].map(() => Math.round((0.12 + rnd() * 0.36) * 100) / 100).sort((a, b) => b - a);
  return { premium: v[0]!, strong: v[1]!, good: v[2]!, weak: v[3]! };
}

// ---------------------------------------------------------------------------------------------------------
// Reference: every candidate visited in order (the simulator before the jump indexes).
function reference(plan: TradePlan, thresholds: Thresholds, multipliers: Multipliers, params: SimParams): SimResult {
  const { bars } = plan;
  const { open, high, low } = bars;
  const { tick, tickValue } = params.instrument;
  const tvCents = tickValue * 100;
  const commSideCents = Math.round(params.commissionPerSide * 100);
  const slip = params.slippageTicks;
  const limitCents = Math.round(params.dailyLossLimit * 100);
  const sizes = [0, 1, 2, 3, 4].map((t) => (t === 0 ? 0 : contractsFor(params.baseContracts, multiplierOf(t, multipliers))));
  const z = () => new Int32Array(5);
  const tiers: TierCounts = { signals: z(), taken: z(), inPosition: z(), halted: z(), untradable: z(), sessions: z(), wins: z(), netCents: new Float64Array(5), sumR: new Float64Array(5) };
  const lastSession = [-1, -1, -1, -1, -1];
  const daily = new Float64Array(plan.sessionDates.length);
  const trades: Trade[] = [];
  let tradeCount = 0, wins = 0, losses = 0, haltedDays = 0;
  let netCents = 0, grossCents = 0, commissionCents = 0, slippageCents = 0, grossProfitCents = 0, grossLossCents = 0;
  let busyUntil = -1;
  let haltedSession = -1;
  for (let k = 0; k < plan.n; k++) {
    const s = plan.sessionIdx[k]!;
    const score = plan.score[k]!;
    const tier = tierOf(score, thresholds);
    tiers.signals[tier]!++;
    if (lastSession[tier] !== s) {
      lastSession[tier] = s;
      tiers.sessions[tier]!++;
    }
    if (tier === 0) continue;
    const t = plan.signalBar[k]!;
    if (t < busyUntil) { tiers.inPosition[tier]!++; continue; }
    if (haltedSession === s) { tiers.halted[tier]!++; continue; }
    const c = sizes[tier]!;
    if (plan.tradable[k] !== 1 || c === 0) { tiers.untradable[tier]!++; continue; }
    const dir = plan.direction[k]!;
    const e = plan.entryBar[k]!;
    const entry = plan.entryPrice[k]!;
    let exitBar = plan.exitBar[k]!;
    let exitPrice = plan.exitPrice[k]!;
    let reason: number = plan.exitReason[k]!;
    let pnlTicks = plan.pnlTicks[k]!;
    let mae = plan.maeTicks[k]!;
    let mfe = plan.mfeTicks[k]!;
    const comm = 2 * commSideCents * c;
    const slipCents = Math.round(2 * slip * tvCents * c);
    if (limitCents > 0) {
      const room = limitCents + daily[s]! - comm - slipCents;
      const a = Math.ceil(room / (tvCents * c) - EPS);
      if (a <= 0) { tiers.halted[tier]!++; haltedSession = s; haltedDays++; continue; }
      if (!(mae < a - EPS)) {
        for (let j = e; j <= exitBar; j++) {
          const advOpen = ((entry - open[j]!) * dir) / tick;
          if (advOpen >= a - EPS) {
            if (!(j === exitBar && reason === ExitCode.stop && exitPrice === open[j])) {
              exitBar = j, exitPrice = open[j]!, reason = ExitCode.daily_limit;
              mae = Math.max(0, Math.round(advOpen * 1e6) / 1e6);
            }
            break;
          }
          const adv = ((entry - (dir > 0 ? low[j]! : high[j]!)) * dir) / tick;
          const stopBar = j === exitBar && reason === ExitCode.stop;
          if (stopBar ? a < plan.stopTicks - EPS : adv >= a - EPS) {
            exitBar = j, exitPrice = entry - dir * a * tick, reason = ExitCode.daily_limit;
            mae = a;
            break;
          }
          if (j === exitBar) break;
        }
        if (reason === ExitCode.daily_limit) {
          pnlTicks = Math.round(((exitPrice - entry) * dir * 1e6) / tick) / 1e6;
          let f = 0;
          for (let j = e; j < exitBar; j++) f = Math.max(f, (((dir > 0 ? high[j]! : low[j]!) - entry) * dir) / tick);
          f = Math.max(f, ((open[exitBar]! - entry) * dir) / tick);
          mfe = Math.min(mfe, Math.round(f * 1e6) / 1e6);
        }
      }
    }
    const gross = Math.round(pnlTicks * tvCents * c);
    const pnl = gross - comm - slipCents;
    daily[s]! += pnl;
    netCents += pnl;
    grossCents += gross;
    commissionCents += comm;
    slippageCents += slipCents;
    tradeCount++;
    tiers.taken[tier]!++;
    tiers.netCents[tier]! += pnl;
    tiers.sumR[tier]! += pnl / (Math.round(plan.stopTicks * tvCents * c) + comm + slipCents);
    if (pnl > 0) { wins++; tiers.wins[tier]!++; grossProfitCents += pnl; } else if (pnl < 0) { losses++; grossLossCents -= pnl; }
    busyUntil = exitBar;
    if (reason === ExitCode.daily_limit || (limitCents > 0 && daily[s]! <= -limitCents)) { haltedSession = s; haltedDays++; }
    const r9 = (x: number) => Math.round(x * 1e9) / 1e9;
    trades.push({
      signalBar: t, entryBar: e, exitBar, direction: dir > 0 ? 1 : -1, contracts: c,
      entryPrice: r9(entry + dir * slip * tick), exitPrice: r9(exitPrice - dir * slip * tick),
      tier, score, exitReason: EXIT_REASONS[reason]!, pnlUsd: pnl / 100, pnlTicks,
      commissionUsd: comm / 100, slippageUsd: slipCents / 100, maeTicks: mae, mfeTicks: mfe,
      contract: bars.contracts[bars.contractId[e]!] ?? '', tradeDate: plan.sessionDates[s]!, pnlCents: pnl,
    });
  }
  return { trades, tradeCount, wins, losses, netCents, grossCents, commissionCents, slippageCents, grossProfitCents, grossLossCents, dailyPnlCents: daily, haltedDays, tiers, ruin: null, tierDetail: true };
}

const VARIANTS: Partial<SimParams>[] = [
  {},
  { dailyLossLimit: 0 },
  { dailyLossLimit: 300, stopTicks: 12, targetTicks: 20 },
  { dailyLossLimit: 30 }, // costs alone can reach it
  { session: 'eth', timeStopBars: 4, dailyLossLimit: 800 },
  { baseContracts: 3, multipliers: { premium: 2, strong: 0, good: 1, weak: 0.5 } }, // a tier sized 0 is untradable
];

test('jumping scan = naive per-candidate reference: trades, figures and every per-tier counter', () => {
  let trades = 0, halted = 0, inPos = 0, tier0 = 0;
  for (let seed = 1; seed <= 6; seed++) {
    const bars = randomBars(900, seed);
    const sig = randomSignals(bars.n, seed * 31, seed % 2 ? 0.3 : 0.9);
    const rnd = lcg(seed * 977);
    for (const over of VARIANTS) {
      const params: SimParams = { ...defaultSimParams(), ...over };
      const plan = planTrades(bars, sig, params);
      for (let i = 0; i < 12; i++) {
        const th = randomThresholds(rnd);
        const p = { ...params, thresholds: th };
        const ref = reference(plan, th, p.multipliers, p);
        const full = scanPlan(plan, th, p.multipliers, p);
        assert.deepEqual(full, ref, `seed ${seed} ${JSON.stringify(over)} ${JSON.stringify(th)}`);
        const sum = scanPlan(plan, th, p.multipliers, p, { summaryOnly: true });
        assert.deepEqual({ ...sum, trades: [] }, { ...ref, trades: [] });
        // the sweep's mode: in-position, halted, untradable and sessions counters skipped (0), everything else identical
        const sweep = scanPlan(plan, th, p.multipliers, p, { summaryOnly: true, tierDetail: false });
        const z = new Int32Array(5);
        assert.equal(sweep.tierDetail, false);
        assert.deepEqual(
          { ...sweep, trades: [], tierDetail: true },
          { ...ref, trades: [], tiers: { ...ref.tiers, inPosition: z, halted: z, untradable: z, sessions: z } },
        );
        trades += ref.tradeCount;
        halted += ref.haltedDays;
        inPos += ref.tiers.inPosition.reduce((a, b) => a + b, 0);
        tier0 += ref.tiers.signals[0]!;
      }
    }
  }
  // the randomised cases exercise every path
  assert.ok(trades > 1000 && halted > 50 && inPos > 500 && tier0 > 500, `${trades} trades, ${halted} halted days, ${inPos} in position, ${tier0} below WEAK`);
});

test('a session window of the plan scans like the reference on that window (indexes rebuilt for the window)', () => {
  const bars = randomBars(1200, 42);
  const sig = randomSignals(bars.n, 4242, 0.6);
  const params: SimParams = { ...defaultSimParams(), dailyLossLimit: 400 };
  const plan = planTrades(bars, sig, params);
  const rnd = lcg(7);
  const S = plan.sessionDates.length;
  for (const [from, to] of [[0, S], [1, S - 2], [3, 5], [S - 1, S], [2, 2]] as const) {
    const w = planWindow(plan, from, to);
    for (let i = 0; i < 8; i++) {
      const th = randomThresholds(rnd);
      const p = { ...params, thresholds: th };
      assert.deepEqual(scanPlan(w, th, p.multipliers, p), reference(w, th, p.multipliers, p), `window ${from}..${to}`);
      const sweep = scanPlan(w, th, p.multipliers, p, { summaryOnly: true, tierDetail: false });
      assert.deepEqual(Array.from(sweep.tiers.signals), Array.from(reference(w, th, p.multipliers, p).tiers.signals));
    }
  }
});

test('unordered thresholds (never validated in, but possible in a direct call) fall back to tierOf', () => {
  const bars = randomBars(600, 9);
  const sig = randomSignals(bars.n, 99, 0.5);
  const params = defaultSimParams();
  const plan = planTrades(bars, sig, params);
  const th = { premium: 0.3, strong: 0.35, good: 0.2, weak: 0.25 };
  const p = { ...params, thresholds: th };
  const ref = reference(plan, th, p.multipliers, p);
  assert.deepEqual(scanPlan(plan, th, p.multipliers, p), ref);
  const sweep = scanPlan(plan, th, p.multipliers, p, { summaryOnly: true, tierDetail: false });
  assert.deepEqual(Array.from(sweep.tiers.signals), Array.from(ref.tiers.signals));
  assert.equal(sweep.netCents, ref.netCents);
});

// ---------------------------------------------------------------------------------------------------------
// The scan walks a per-plan cache of trade chains (one per WEAK when thresholds are ordered and every tier is
// sized; exact per-set chains otherwise). Interleave many sets over the same plans so cached chains are reused
// across sets with other PREMIUM/STRONG/GOOD, tight limits, zero-size tiers, unordered thresholds and windows.
function anyThresholds(rnd: () => number, weaks: number[]): Thresholds {
  const pick = () => Math.round((0.12 + rnd() * 0.36) * 100) / 100;
  if (rnd() < 0.2) return { premium: pick(), strong: pick(), good: pick(), weak: pick() }; // possibly unordered or tied
  const weak = weaks[Math.floor(rnd() * weaks.length)]!;
  const v = [0, 0, 0].map(() => Math.round((weak + 0.01 + rnd() * 0.3) * 100) / 100).sort((a, b) => b - a);
  return { premium: v[0]!, strong: v[1]!, good: v[2]!, weak };
}

test('cached trade chains: interleaved sets over shared plans = the reference, whatever ran before', () => {
  const bars = randomBars(1500, 77);
  const sig = randomSignals(bars.n, 7777, 0.7);
  const rnd = lcg(2024);
  const weaks = [0.16, 0.2, 0.24, 0.3];
  let limitExits = 0, costHalts = 0, trades = 0;
  for (const over of [
    { dailyLossLimit: 0 },
    { dailyLossLimit: 150, stopTicks: 10, targetTicks: 14 },
    { dailyLossLimit: 40 },
    { dailyLossLimit: 500, baseContracts: 2, multipliers: { premium: 0, strong: 1.5, good: 0, weak: 0.5 } },
    { session: 'eth' as const, timeStopBars: 3, dailyLossLimit: 250 },
  ]) {
    const params: SimParams = { ...defaultSimParams(), ...over };
    const plan = planTrades(bars, sig, params);
    const S = plan.sessionDates.length;
    const views = [plan, planWindow(plan, 2, S - 1), planWindow(plan, 0, 3)];
    for (let i = 0; i < 120; i++) {
      const v = views[i % views.length]!;
      const th = anyThresholds(rnd, weaks);
      const p = { ...params, thresholds: th, dailyLossLimit: i % 7 === 0 ? 60 : params.dailyLossLimit };
      const ref = reference(v, th, p.multipliers, p);
      const msg = `${JSON.stringify(over)} set ${i} ${JSON.stringify(th)}`;
      assert.deepEqual(scanPlan(v, th, p.multipliers, p), ref, msg);
      const sweep = scanPlan(v, th, p.multipliers, p, { summaryOnly: true, tierDetail: false });
      assert.deepEqual(Array.from(sweep.dailyPnlCents), Array.from(ref.dailyPnlCents), msg);
      assert.deepEqual([sweep.netCents, sweep.tradeCount, sweep.wins, sweep.haltedDays, Array.from(sweep.tiers.sumR)], [ref.netCents, ref.tradeCount, ref.wins, ref.haltedDays, Array.from(ref.tiers.sumR)], msg);
      trades += ref.tradeCount;
      limitExits += ref.trades.filter((t) => t.exitReason === 'daily_limit').length;
      costHalts += ref.tiers.halted.reduce((a, b) => a + b, 0) > 0 && ref.haltedDays > ref.trades.filter((t) => t.exitReason === 'daily_limit').length ? 1 : 0;
    }
  }
  assert.ok(trades > 2000 && limitExits > 50 && costHalts > 5, `${trades} trades, ${limitExits} limit exits, ${costHalts} sets with other halts`);
});
