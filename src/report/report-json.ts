// `report weekend --json`: the files written, then the verdict, the warnings, the recommendation and every figure
// of the report (the model, less the raw score array the histogram is drawn from).
import { computeWarnings } from './warnings.ts';
import { verdict } from './verdict.ts';
import type { WeekendData } from './weekend-model.ts';
import { weightsJson } from './weights-section.ts';

export function reportJson(d: WeekendData, written: { markdown: string; charts: string[] }, previous: string | null): Record<string, unknown> {
  const { scores, optimized, ...figures } = d;
  return {
    report: written.markdown,
    charts: written.charts,
    previous,
    verdict: verdict(d),
    headline: d.headline,
    warnings: computeWarnings(d),
    recommendation: {
      thresholds: d.thresholds.recommended,
      rule: d.thresholds.rule,
      command: d.thresholds.command,
    },
    // the weights section's figures when the run used learned weights (--optimized), else null
    weights: optimized ? weightsJson(optimized) : null,
    figures: { ...figures, signal_scores: scores.length },
  };
}
