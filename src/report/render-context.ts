// What every section renderer shares: the chart registry (a chart is written only when a section references it)
// and the window lines.
import { n, ymd } from './format.ts';
import type { WeekendData } from './weekend-model.ts';

export interface RenderContext {
  /** registers a chart and returns its markdown image reference */
  img: (file: string, alt: string, svg: string) => string;
  trainLine: string;
  testLine: string;
}

export function renderContext(d: WeekendData, base: string, charts: Record<string, string>): RenderContext {
  const t = d.thresholds;
  return {
    img: (file, alt, svg) => {
      charts[file] = svg;
      return `![${alt}](${base}/${file})`;
    },
    trainLine: `training window ${ymd(t.train.from)} to ${ymd(t.train.to)} (${n(t.train.sessions)} sessions)`,
    testLine: t.test ? `test window ${ymd(t.test.from)} to ${ymd(t.test.to)} (${n(t.test.sessions)} sessions)` : 'no test window',
  };
}
