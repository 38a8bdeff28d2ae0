// `npm run fuzz [-- N]`: the long fuzz run (default 100,000 mutated inputs across every format, fixed seed).
// Prints counts — accepted (and valid), rejected (MiaError), raw errors, invalid accepted values, slow (> 3 s) —
// and the first few raw/invalid cases with their seed file and mutations, to reproduce.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { seeds, caseArb, mutate, runCase, quietStderr } from '../test/helpers/fuzz.ts';

const N = Number(process.argv[2] ?? 100_000);
const SEED = Number(process.argv[3] ?? 20261127);
const dir = mkdtempSync(join(tmpdir(), 'mia-fuzz-long-'));
const SEEDS = seeds(dir);
const counts = { accepted: 0, rejected: 0, raw: 0, invalid: 0, slow: 0 };
const perFormat = new Map<string, { accepted: number; rejected: number; raw: number; invalid: number }>();
const examples: string[] = [];
const BATCH = 1000;
const t0 = Date.now();
let slowest = 0;
for (let done = 0; done < N; done += BATCH) {
  const cases = fc.sample(caseArb(SEEDS.length), { seed: SEED + done, numRuns: Math.min(BATCH, N - done) });
  for (const { seed, ops } of cases) {
    const s = SEEDS[seed]!;
    const bytes = mutate(s.bytes, ops, s.text);
    if (process.env.MIA_FUZZ_TRACE) writeFileSync(process.env.MIA_FUZZ_TRACE, `${s.name} ${JSON.stringify(ops)}\n`);
    const t = Date.now();
    const r = quietStderr(() => runCase(dir, s, bytes));
    const ms = Date.now() - t;
    slowest = Math.max(slowest, ms);
    if (ms > 3000) {
      counts.slow++;
      if (examples.length < 20) examples.push(`slow ${ms} ms: ${s.name} ${JSON.stringify(ops)}`);
    }
    counts[r.outcome]++;
    const f = perFormat.get(s.name) ?? { accepted: 0, rejected: 0, raw: 0, invalid: 0 };
    f[r.outcome]++;
    perFormat.set(s.name, f);
    if ((r.outcome === 'raw' || r.outcome === 'invalid') && examples.length < 20) {
      examples.push(`${r.outcome}: ${s.name} ${JSON.stringify(ops)}: ${String((r.error as Error)?.message ?? r.error).slice(0, 200)}`);
    }
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${Math.min(done + BATCH, N)} / ${N}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');
const total = N;
process.stdout.write(`fuzz: ${total} mutated inputs, seed ${SEED}, ${((Date.now() - t0) / 1000).toFixed(0)} s (slowest case ${slowest} ms)\n`);
process.stdout.write(`  accepted and valid ${counts.accepted}, rejected with a named error ${counts.rejected}, raw errors ${counts.raw}, accepted invalid ${counts.invalid}, slow > 3 s ${counts.slow}\n`);
for (const [name, f] of perFormat) process.stdout.write(`  ${name.padEnd(24)} accepted ${f.accepted}, rejected ${f.rejected}, raw ${f.raw}, invalid ${f.invalid}\n`);
for (const e of examples) process.stdout.write(`  ${e}\n`);
process.exitCode = counts.raw + counts.invalid + counts.slow > 0 ? 1 : 0;
