import Table from 'cli-table3';

// cli-table3 colours its borders even when piped (DEPENDENCIES G3): plain style unless stdout is a TTY.
export function table(head: string[], rows: (string | number)[][], opts: { title?: string; align?: ('left' | 'right')[] } = {}): string {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const t = new Table({
    head,
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    colAligns: opts.align ?? head.map((_, i) => (i === 0 ? 'left' : 'right')),
    wordWrap: false,
  });
  for (const r of rows) t.push(r.map((c) => String(c)));
  // keep the rule under the header only: a 20-row table stays 22 lines tall
  let rules = 0;
  const body = t
    .toString()
    .split('\n')
    .filter((line) => !/^(\u001b\[[0-9;]*m)*├/.test(line) || rules++ === 0)
    .join('\n');
  return (opts.title ? `${opts.title}\n` : '') + body;
}
