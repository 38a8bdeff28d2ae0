// Property-based fuzzing of every input format (fixed seed, bounded count): each mutated file is either accepted
// with values that satisfy the data invariants, or refused with a MiaError — never a raw exception, never a hang
// (a hang is this test timing out). The long run is `npm run fuzz` (bench/fuzz.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { seeds, caseArb, mutate, runCase, quietStderr } from './helpers/fuzz.ts';

const dir = mkdtempSync(join(tmpdir(), 'mia-fuzz-'));
const SEEDS = seeds(dir);

test('every fuzz seed is a valid file of its format (accepted unmutated)', () => {
  for (const s of SEEDS) assert.equal(quietStderr(() => runCase(dir, s, s.bytes)).outcome, 'accepted', s.name);
});

test('mutated inputs of every format: accepted and valid, or a MiaError (fixed seed, 2,000 cases)', { timeout: 300_000 }, () => {
  const counts = { accepted: 0, rejected: 0 };
  quietStderr(() =>
    fc.assert(
      fc.property(caseArb(SEEDS.length), ({ seed, ops }) => {
        const s = SEEDS[seed]!;
        const r = runCase(dir, s, mutate(s.bytes, ops, s.text));
        if (r.outcome === 'raw' || r.outcome === 'invalid') {
          throw new Error(`${s.name} ${JSON.stringify(ops)}: ${r.outcome}: ${(r.error as Error)?.stack ?? r.error}`);
        }
        counts[r.outcome]++;
      }),
      { seed: 12, numRuns: 2000 },
    ),
  );
  assert.ok(counts.accepted > 0 && counts.rejected > 0, JSON.stringify(counts));
});
