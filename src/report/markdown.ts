// Markdown building blocks: GitHub tables with aligned columns, escaped cells.

/** Escape a table cell: pipes and newlines would break the row. */
export function cell(s: string | number): string {
  return String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured table. `align` per column: 'l' or 'r' (default: first left, rest right). */
export function mdTable(head: string[], rows: (string | number)[][], align?: ('l' | 'r' | 'c')[]): string {
  const a = align ?? head.map((_, i) => (i === 0 ? 'l' : 'r'));
  const sep = a.map((x) => (x === 'r' ? '---:' : x === 'c' ? ':---:' : ':---'));
  const line = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${sep.join('|')}|`, ...rows.map(line)].join('\n');
}

export function bullet(items: string[]): string {
  return items.map((s) => `- ${s}`).join('\n');
}
