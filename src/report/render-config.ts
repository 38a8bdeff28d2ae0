// Section 2: the recommended configuration, the rule that chose it, the command that reproduces it, and sizing.
import { level, n, ratio, usd, usdPlain } from './format.ts';
import { mdTable } from './markdown.ts';
import type { RenderContext } from './render-context.ts';
import type { WeekendData } from './weekend-model.ts';

export function renderConfig(d: WeekendData, c: RenderContext): string[] {
  const t = d.thresholds;
  const out: string[] = ['## 2. Recommended configuration', ''];
  out.push(mdTable(['Tier', 'In force', 'Recommended', 'Multiplier'], (['premium', 'strong', 'good', 'weak'] as const).map((k) => [
    k.toUpperCase(),
    level(t.current[k]),
    t.recommended ? level(t.recommended[k]) : '—',
    `×${ratio(d.multipliers[k], 1)}`,
  ])));
  out.push('');
  if (t.exits) {
    const e = t.exits;
    out.push(`Recommended exits: stop ${n(e.stopTicks)} ticks, target ${n(e.targetTicks)} ticks, time stop ${e.timeStopBars > 0 ? `${n(e.timeStopBars)} bars` : 'off'}, daily loss limit ${e.dailyLossLimit > 0 ? usdPlain(e.dailyLossLimit) : 'off'}.`);
    out.push('');
  }
  out.push(`Rule: ${t.rule}`);
  out.push('');
  // the gate below the traded-side score floor means WEAK admits every directional bar: say it in words
  if (t.scoreNote) out.push(t.scoreNote, '');
  if (t.command) {
    out.push('Reproduce the recommendation:');
    out.push('');
    out.push('```');
    out.push(t.command);
    out.push('```');
    out.push('');
  }
  const best = d.sweep?.top[0];
  if (t.recommended && best && !(best.trainNetUsd > 0)) {
    out.push(`**The recommended set loses money on the training window too (${usd(best.trainNetUsd)}): it is the least bad set of the grid, not a set to trade.**`);
    out.push('');
  }
  out.push(`Windows: ${c.trainLine}; ${c.testLine}.`);
  out.push('');
  out.push('### Position sizing');
  out.push('');
  out.push(`Capital ${usdPlain(d.sizing.capital)}, base size ${n(d.sizing.baseContracts)} contract(s) at ×1.0; contracts = round(base × multiplier), at least 1 for a traded tier.`);
  out.push('');
  out.push(mdTable(['Tier', 'Score from', 'Multiplier', 'Contracts'], d.sizing.rows.map((r) => [r.tier, r.tier === 'NO_TRADE' ? `< ${level(r.threshold)}` : `>= ${level(r.threshold)}`, `×${ratio(r.multiplier, 1)}`, n(r.contracts)])));
  out.push('');
  return out;
}
