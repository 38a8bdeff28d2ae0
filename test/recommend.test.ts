// One recommender: `mia calibrate` and `report weekend` give the same recommended configuration (or the same
// "no set qualifies"), the default grid explores the entry gate, and the printed command reproduces the answer.
// Core test on the embedded year; the same on the shared 5-year series when it exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BARS_PATH, DEFAULT_CONTEXT_PATH } from '../src/data/defaults.ts';
import { loadBars, loadContext } from '../src/data/load.ts';
import { defaultEngineConfig } from '../src/engine/config.ts';
import { replay } from '../src/engine/replay.ts';
import { defaultSimParams } from '../src/simulate/defaults.ts';
import { buildWeekend } from '../src/report/weekend-build.ts';
import { recommend, NO_SET_QUALIFIES, type Recommendation } from '../src/sweep/recommend.ts';
import { runSweepDetailed } from '../src/sweep/run-sweep.ts';
import { F } from '../src/sweep/trial.ts';
import { parsePeriod } from '../src/sweep/period.ts';
import { parsePerSession, runCalibrate } from '../src/sweep/calibrate.ts';
import { HAS_SHARED, SKIP_SHARED, ES_5M_FILES, REPO } from './helpers/shared.ts';
import type { RunInput } from '../src/simulate/types.ts';

const EMBEDDED = existsSync(DEFAULT_BARS_PATH);
const SKIP_EMBEDDED = EMBEDDED ? false : 'skipped: data/es-5m.arrow is not in this checkout';

function embeddedInput(): RunInput {
  const b = loadBars(DEFAULT_BARS_PATH);
  const c = loadContext(DEFAULT_CONTEXT_PATH);
  return { bars: b.bars, context: c.context, sources: [b.source, c.source], from: null, to: null, engineConfig: defaultEngineConfig(), params: defaultSimParams() };
}

/** Runs the printed `mia calibrate …` line through the real CLI (in the repository) and returns its JSON. */
function runPrinted(command: string): Recommendation {
  const words = command.split(' ');
  assert.deepEqual(words.slice(0, 2), ['mia', 'calibrate']);
  assert.ok(!command.includes("'"), 'plain words only in this test');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...words.slice(1), '--json', '--quiet', '--workers', '1'], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out) as Recommendation;
}

function sameAnswer(a: { thresholds: unknown; exits: unknown; no_recommendation: string | null }, b: typeof a): void {
  assert.deepEqual(a.thresholds, b.thresholds);
  assert.deepEqual(a.exits, b.exits);
  assert.equal(a.no_recommendation, b.no_recommendation);
}

async function checkOneAnswer(input: RunInput): Promise<void> {
  const signals = replay(input.bars, input.context, input.engineConfig);
  const rec = await recommend({ ...input, signals, workers: 1 });
  const weekend = await buildWeekend({ ...input, command: 'test', workers: 1 });
  const t = weekend.data.thresholds;
  sameAnswer(rec, { thresholds: t.recommended, exits: t.exits ?? null, no_recommendation: rec.thresholds ? null : rec.no_recommendation });
  assert.equal(t.command, rec.command);
  if (!rec.thresholds) assert.ok(rec.no_recommendation?.startsWith(NO_SET_QUALIFIES) && t.rule.includes(NO_SET_QUALIFIES));
  // the default grid explores the entry gate: several WEAK values, and sets taking different numbers of trades
  const sweep = rec.sweep!;
  const run = await runSweepDetailed({ ...input, signals, objective: 'sharpe', minTrades: 30, top: 1, workers: 1 });
  const gates = new Set<number>();
  const trades = new Set<number>();
  for (let i = 0; i < run.ledger.sets.n; i++) {
    gates.add(run.ledger.sets.values[i * 4 + 3]!);
    trades.add(run.ledger.rows[i * run.ledger.width + F.trades]!);
  }
  assert.ok(gates.size >= 4, `WEAK values in the default grid: ${[...gates].join(', ')}`);
  assert.ok(Math.min(...gates) <= sweep.score_distribution.quantiles[0]!.score, 'the grid includes a gate at the score floor');
  assert.ok(trades.size > 10, `distinct trade counts in the ledger: ${trades.size}`);
  // the printed command reproduces the recommendation
  sameAnswer(runPrinted(rec.command), rec);
}

test('calibrate and report weekend give one recommendation; the printed command reproduces it (embedded year)', { skip: SKIP_EMBEDDED }, async () => {
  const input = embeddedInput();
  await checkOneAnswer(input);
  // "no set qualifies" is the same answer in both, and reproducible
  const strict = await recommend({ ...input, minTrades: 1_000_000, workers: 1 });
  assert.equal(strict.thresholds, null);
  assert.match(strict.no_recommendation!, /^no set qualifies: none of the \d+ trials/);
  assert.match(strict.command, /--min-trades 1000000 --train \S+ --test \S+$/);
  const w = await buildWeekend({ ...input, minTrades: 1_000_000, command: 'test', workers: 1 });
  assert.equal(w.data.thresholds.recommended, null);
  assert.ok(w.data.thresholds.rule.includes('no set qualifies'));
  sameAnswer(runPrinted(strict.command), strict);
});

test('walk-forward rule: the recommendation is the best trial on the last TRAIN span, and the printed command reproduces it', { skip: SKIP_EMBEDDED }, async () => {
  const input = embeddedInput();
  const signals = replay(input.bars, input.context, input.engineConfig);
  const wf = { spec: '3m/1m', train: { n: 3, unit: 'm' as const }, test: { n: 1, unit: 'm' as const }, anchored: false };
  const rec = await recommend({ ...input, signals, walkForward: wf, workers: 1 });
  const next = rec.sweep!.walk_forward!.next;
  assert.equal(next.train_to, rec.sweep!.selection.to, 'the last training window ends at the last session');
  assert.ok(next.train_from > '2024-06-01' && next.train_from < '2024-06-25', next.train_from);
  // independently: rank the same trials with that span as the training window
  const lastDay = rec.sweep!.selection.to!;
  const alone = await runSweepDetailed({
    ...input, signals, objective: 'sharpe', minTrades: 30, top: 1, workers: 1,
    train: parsePeriod(`${next.train_from}:${lastDay}`, 't'), test: parsePeriod('2023-10', 't'),
  });
  assert.deepEqual(rec.thresholds, alone.result.chosen?.thresholds ?? null);
  assert.match(rec.command, /^mia calibrate --walk-forward 3m\/1m$/);
  sameAnswer(runPrinted(rec.command), rec);
});

test('signal-rate rule: the same function, its own command line, reproduced', { skip: SKIP_EMBEDDED }, async () => {
  const input = embeddedInput();
  const perSession = parsePerSession('premium=2-4,strong=5-10');
  const rec = await recommend({ ...input, perSession, train: parsePeriod('2023-10:2024-05', 't'), test: parsePeriod('2024-06:2024-09', 't') });
  const cal = runCalibrate({ ...input, targets: perSession, train: parsePeriod('2023-10:2024-05', 't'), test: parsePeriod('2024-06:2024-09', 't') });
  assert.equal(rec.rule, 'signal-rate');
  assert.deepEqual(rec.thresholds, cal.thresholds);
  assert.equal(rec.command, 'mia calibrate --per-session premium=2-4,strong=5-10 --train 2023-10-01:2024-05-31 --test 2024-06-01:2024-09-30');
  sameAnswer(runPrinted(rec.command), rec);
});

test('the same on the shared 5-year series', { skip: SKIP_SHARED }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-rec-'));
  const file = join(dir, 'es-5y.arrow');
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'data', 'import', ...ES_5M_FILES, '--out', file], { cwd: REPO, stdio: 'ignore' });
  const b = loadBars(file);
  assert.ok(HAS_SHARED && b.bars.n > 300_000);
  await checkOneAnswer({ bars: b.bars, context: null, sources: [b.source], from: null, to: null, engineConfig: defaultEngineConfig(), params: defaultSimParams() });
});

test('calibrate text: a recommended set that loses on its own training window is called the least bad set, not a set to trade', { skip: SKIP_EMBEDDED }, async () => {
  const { renderRecommendation } = await import('../src/commands/calibrate.ts');
  const input = embeddedInput();
  const rec = await recommend({ ...input, workers: 1 });
  const chosen = rec.sweep!.chosen!;
  const text = renderRecommendation(rec);
  const warned = /loses money on the training window too .*least bad set of the grid, not a set to trade/.test(text);
  assert.equal(warned, !(chosen.sample.net_pnl_usd > 0), `train net ${chosen.sample.net_pnl_usd}`);
  // the seed engine loses on the embedded year whatever the thresholds: the warning must be there
  assert.ok(chosen.sample.net_pnl_usd < 0 && warned);
});
