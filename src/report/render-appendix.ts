// Appendix A: engine diagnostics — the seed's 19 scenarios through mia's engine, and timing (between the TIMING
// markers: the only part of a report that varies run to run).
import { n, ratio, score } from './format.ts';
import { mdTable } from './markdown.ts';
import type { ScenarioRow, WeekendData } from './weekend-model.ts';

export const TIMING_BEGIN = '<!-- timing:begin (varies run to run; excluded from byte comparisons) -->';
export const TIMING_END = '<!-- timing:end -->';

/** The seed's engine figures (hand-measured, Python, 19 scenario calls). */
export const SEED_MS_PER_CALC = 1.8;
export const OBJECTIVE_MS = 40;
export const LATER_OBJECTIVE_MS = 20;

export function renderAppendix(d: WeekendData): string[] {
  const out: string[] = ['## Appendix A. Engine diagnostics', ''];
  out.push("### A.1 Scenario tests (the seed's 19 scenarios through mia's engine)", '');
  out.push("mia's score and tier beside the seed's hand-made figures.", '');
  const groups: [ScenarioRow['group'], string, ('label' | 'volume' | 'delta')[]][] = [
    ['confluence', 'Confluence', ['label', 'volume', 'delta']],
    ['volume', 'Volume sensitivity', ['volume']],
    ['delta', 'Delta sensitivity', ['delta']],
    ['risk', 'Risk scenarios', ['label']],
  ];
  for (const [g, title, cols] of groups) {
    const rows = d.scenarios.filter((r) => r.group === g);
    if (!rows.length) continue;
    out.push(`#### ${title} (${rows.length})`, '', scenarioTable(rows, cols), '', `Result: ${tierTally(rows)}.`, '');
  }
  if (d.scenarios.length) {
    const same = d.scenarios.filter((r) => r.seedTier !== null && r.seedTier === r.tier).length;
    const withSeed = d.scenarios.filter((r) => r.seedTier !== null).length;
    out.push(`Overall: ${tierTally(d.scenarios)}; ${same} of ${withSeed} scenarios land in the seed's tier.`, '');
  }
  out.push('### A.2 Engine performance (timing — varies run to run)', '', TIMING_BEGIN, '');
  if (d.timing) {
    const tm = d.timing;
    out.push(mdTable(['Measure', 'mia now', 'Seed', 'Objective'], [
      ['Time per bar (full replay, all features)', `${n(tm.msPerBar * 1000, 2)} µs`, '—', '—'],
      ['Bars per second', n(tm.barsPerSec), '—', '—'],
      ['Replay of the window', `${n(tm.replayMs, 0)} ms for ${n(tm.bars)} bars`, '—', '—'],
      ['Time per scenario calculation', `${n(tm.scenarioMsPerCalc, 3)} ms`, `${SEED_MS_PER_CALC} ms`, `< ${OBJECTIVE_MS} ms, later < ${LATER_OBJECTIVE_MS} ms`],
      ['Pipeline wall time (replay, scenarios, backtest, risk, sweep)', `${n(tm.wallMs / 1000, 1)} s`, '—', '—'],
    ]));
    out.push('');
    const ok = tm.scenarioMsPerCalc < LATER_OBJECTIVE_MS ? `meets both objectives (< ${OBJECTIVE_MS} ms and < ${LATER_OBJECTIVE_MS} ms)` : tm.scenarioMsPerCalc < OBJECTIVE_MS ? `meets < ${OBJECTIVE_MS} ms, not yet < ${LATER_OBJECTIVE_MS} ms` : `misses the ${OBJECTIVE_MS} ms objective`;
    out.push(`Per calculation, mia ${ok}; the seed measured ${SEED_MS_PER_CALC} ms in Python.`);
  } else {
    out.push('Timing not measured in this run.');
  }
  out.push('', TIMING_END, '');
  return out;
}

function scenarioTable(rows: ScenarioRow[], cols: ('label' | 'volume' | 'delta')[]): string {
  const head = [...cols.map((c) => (c === 'label' ? 'Scenario' : c === 'volume' ? 'Volume' : 'Delta')), 'Score', 'Tier', 'Multiplier', 'Seed score', 'Seed tier', 'Δ score'];
  return mdTable(head, rows.map((r) => [
    ...cols.map((c) => (c === 'label' ? r.label : c === 'volume' ? (r.volume === null ? '—' : n(r.volume)) : r.delta === null ? '—' : n(r.delta))),
    score(r.score),
    r.tier,
    `×${ratio(r.multiplier, 1)}`,
    r.seedScore === null ? '—' : score(r.seedScore),
    r.seedTier ?? '—',
    r.seedScore === null ? '—' : signed3(r.score - r.seedScore),
  ]), [...cols.map((c): 'l' | 'r' => (c === 'label' ? 'l' : 'r')), 'r', 'l', 'r', 'r', 'l', 'r']);
}

function signed3(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return r > 0 ? `+${r.toFixed(3)}` : r < 0 ? r.toFixed(3) : '0.000';
}

function tierTally(rows: ScenarioRow[]): string {
  const parts: string[] = [];
  for (const t of ['PREMIUM', 'STRONG', 'GOOD', 'WEAK', 'NO_TRADE']) {
    const c = rows.filter((r) => r.tier === t).length;
    if (c) parts.push(`${c} ${t}`);
  }
  return parts.join(', ');
}

/** The report with the timing section's body removed: what byte-compares between runs. */
export function stripTiming(markdown: string): string {
  const i = markdown.indexOf(TIMING_BEGIN);
  const j = markdown.indexOf(TIMING_END);
  return i < 0 || j < 0 ? markdown : markdown.slice(0, i + TIMING_BEGIN.length) + markdown.slice(j);
}
