// The machine-readable block a report carries so the next report in the folder can say what changed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDigest, WeekendData } from './weekend-model.ts';

const OPEN = '<!-- mia-weekend-digest';
const CLOSE = '-->';

export function digestOf(d: WeekendData): ReportDigest {
  const distribution: Record<string, number> = {};
  for (const r of d.distribution) distribution[r.tier] = r.count;
  const s = d.backtest.summary;
  return {
    reportDate: d.reportDate,
    from: d.span.from,
    to: d.span.to,
    thresholds: d.thresholds.current,
    recommended: d.thresholds.recommended,
    trades: s.trades,
    netUsd: s.netUsd,
    winRate: s.winRate,
    maxDrawdownUsd: s.maxDrawdownUsd,
    distribution,
  };
}

/** The HTML comment embedding the digest (invisible when rendered). JSON never contains "--" here: no free text. */
export function digestBlock(g: ReportDigest): string {
  return `${OPEN}\n${JSON.stringify(g).replace(/--/g, '-\\u002d')}\n${CLOSE}`;
}

/** The digest of a report's markdown, or null when it has none (an older or hand-written file). */
export function parseDigest(markdown: string): ReportDigest | null {
  const i = markdown.indexOf(OPEN);
  if (i < 0) return null;
  const j = markdown.indexOf(CLOSE, i + OPEN.length);
  if (j < 0) return null;
  try {
    const g = JSON.parse(markdown.slice(i + OPEN.length, j)) as unknown;
    return isDigest(g) ? g : null;
  } catch {
    return null;
  }
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isSet = (t: unknown): boolean => typeof t === 'object' && t !== null && ['premium', 'strong', 'good', 'weak'].every((k) => finite((t as Record<string, unknown>)[k]));

/** Every field the comparison reads, checked: an edited or damaged earlier report is ignored, never a crash. */
function isDigest(g: unknown): g is ReportDigest {
  if (typeof g !== 'object' || g === null) return false;
  const o = g as Record<string, unknown>;
  const nums = ['reportDate', 'from', 'to', 'trades', 'netUsd', 'winRate', 'maxDrawdownUsd'].every((k) => finite(o[k]));
  const dist = typeof o.distribution === 'object' && o.distribution !== null && !Array.isArray(o.distribution) && Object.values(o.distribution).every(finite);
  return nums && dist && isSet(o.thresholds) && (o.recommended === null || isSet(o.recommended));
}

/** The newest weekend report in `dir` dated before `reportDate` that carries a digest. */
export function findPrevious(dir: string, reportDate: number): { file: string; digest: ReportDigest } | null {
  if (!existsSync(dir)) return null;
  const candidates = readdirSync(dir)
    .map((f) => ({ f, m: /^weekend-(\d{4})-(\d{2})-(\d{2})\.md$/.exec(f) }))
    .filter((x) => x.m !== null)
    .map((x) => ({ f: x.f, date: Number(`${x.m![1]}${x.m![2]}${x.m![3]}`) }))
    .filter((x) => x.date < reportDate)
    .sort((a, b) => b.date - a.date);
  for (const c of candidates) {
    const digest = parseDigest(readFileSync(join(dir, c.f), 'utf8'));
    if (digest) return { file: c.f, digest };
  }
  return null;
}
