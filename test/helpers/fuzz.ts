// The fuzz harness shared by test/data-fuzz.test.ts (a bounded count, in `npm test`) and bench/fuzz.ts (the long
// run, `npm run fuzz`): valid seed files of every input format, byte- and field-level mutations (fast-check), and
// one oracle — every input is either accepted with values that satisfy the data invariants, or refused with a
// MiaError. A raw exception is a bug; a hang shows as a test timeout (and as "slow" in the long run).
import fc from 'fast-check';
import { mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Table, makeVector, tableToIPC, vectorFromArray, Utf8 } from 'apache-arrow';
import { importFiles } from '../../src/data/import/import.ts';
import { loadBars, loadContext } from '../../src/data/load.ts';
import { barsToIPC } from '../../src/data/bars-arrow.ts';
import { barsToParquet } from '../../src/data/bars-parquet.ts';
import { contextToIPC } from '../../src/data/context-arrow.ts';
import { buildContext } from '../../src/data/context/build.ts';
import { describeBars } from '../../src/data/info.ts';
import { deriveBars } from '../../src/data/derive.ts';
import { slotSchedule } from '../../src/data/gaps.ts';
import { Sched, contractExpiryDay, parseContract } from '../../src/data/calendar.ts';
import type { Bars, DailyContext } from '../../src/data/types.ts';
import { MiaError } from '../../src/util/errors.ts';

const FIX = new URL('../fixtures/data/', import.meta.url).pathname;

export interface Seed {
  name: string;
  /** file name the mutated bytes are written under (the extension or name can matter: contract in name) */
  file: string;
  bytes: Uint8Array;
  /** text formats get field-level mutations too */
  text: boolean;
  /** load the file at `path` and check what was accepted (throws an AssertionError-like Error on a violation) */
  check: (path: string) => void;
}

export class InvariantError extends Error {}

function inv(ok: boolean, what: string): void {
  if (!ok) throw new InvariantError(what);
}

/** The invariants of accepted bars: whatever the container, these hold or the input was refused. */
export function checkBars(b: Bars, tick = 0.25): void {
  inv(b.n > 0, 'no bars');
  inv(Number.isInteger(b.barMs) && b.barMs >= 1000 && b.barMs <= 86_400_000, `bar length ${b.barMs}`);
  const grid = 3_600_000 % b.barMs === 0;
  for (let i = 0; i < b.n; i++) {
    const t = b.ts[i]!;
    inv(Number.isFinite(t) && t >= Date.UTC(1980, 0, 1) && t < Date.UTC(2100, 0, 1), `ts ${t}`);
    inv(i === 0 || t > b.ts[i - 1]!, `ts not increasing at ${i}`);
    inv(!grid || t % b.barMs === 0, `off grid at ${i}`);
    const [o, h, l, c] = [b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!];
    inv(l > 0 && h <= 1e6 && l <= o && l <= c && o <= h && c <= h, `prices at ${i}: ${o} ${h} ${l} ${c}`);
    for (const p of [o, h, l, c]) inv(Math.abs(p / tick - Math.round(p / tick)) <= 1e-6, `off tick ${p}`);
    const v = b.volume[i]!;
    inv(v >= 0 && Number.isInteger(v), `volume ${v}`);
    const [bv, av] = [b.bidVolume[i]!, b.askVolume[i]!];
    inv((Number.isNaN(bv) && Number.isNaN(av)) || (bv >= 0 && av >= 0 && bv + av <= v), `bid/ask ${bv} ${av} of ${v}`);
    const tr = b.trades[i]!;
    inv(Number.isNaN(tr) || (tr >= 0 && tr <= v), `trades ${tr}`);
    const k = b.contractId[i]!;
    inv(k >= 0 && k < b.contracts.length, `contract id ${k}`);
    inv(slotSchedule(t) === Sched.OPEN, `bar ${new Date(t).toISOString()} off the CME schedule`);
  }
  for (const code of b.contracts) {
    const p = parseContract(code);
    inv(p !== null && p.root === b.symbol && p.month % 3 === 0 && Number.isFinite(contractExpiryDay(code)), `contract ${code}`);
  }
  // derived columns are exactly what the calendar says for these ts (never a stored, shifted copy)
  const d = deriveBars({ ...b });
  for (let i = 0; i < b.n; i++) {
    inv(d.tradeDate[i] === b.tradeDate[i] && d.rth[i] === b.rth[i] && d.rollWeek[i] === b.rollWeek[i] && d.flags[i] === b.flags[i], `derived columns at ${i}`);
  }
  const info = describeBars(b);
  inv(info.rows === b.n, 'info rows');
}

export function checkContext(c: DailyContext): void {
  for (let i = 0; i < c.n; i++) {
    inv(c.date[i]! >= 19800101 && c.date[i]! <= 20991231 && (i === 0 || c.date[i]! > c.date[i - 1]!), `context date ${c.date[i]}`);
  }
  for (const [k, v] of Object.entries(c)) {
    if (!(v instanceof Float64Array)) continue;
    for (const x of v) inv(Number.isNaN(x) || Math.abs(x) <= 1e15, `context ${k} ${x}`);
  }
}

const barsCheck = (path: string): void => checkBars(loadBars(path).bars);

/** Valid files of every input format the data layer reads, built from the repo's fixtures. */
export function seeds(dir: string): Seed[] {
  const fx = (n: string): Uint8Array => readFileSync(join(FIX, n));
  // the first lines of a fixture, up to `max` bytes, ending at a line end (small inputs keep every case fast)
  const head = (n: string, max: number): Uint8Array => {
    const b = fx(n);
    return b.length <= max ? b : b.subarray(0, b.lastIndexOf(10, max) + 1);
  };
  const generic = importFiles([join(FIX, 'generic-esu24.csv')]).bars;
  const small = { ...generic, n: 24 };
  for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume', 'bidVolume', 'askVolume', 'trades', 'contractId', 'tradeDate', 'rth', 'rollWeek', 'flags'] as const) {
    (small as Record<string, unknown>)[k] = (generic[k] as Float64Array).slice(0, 24);
  }
  const foreign = new Table({
    ts: makeVector(Float64Array.from(small.ts)), open: makeVector(Float64Array.from(small.open)), high: makeVector(Float64Array.from(small.high)), low: makeVector(Float64Array.from(small.low)),
    close: makeVector(Float64Array.from(small.close)), volume: makeVector(Float64Array.from(small.volume)), bid_volume: makeVector(Float64Array.from(small.bidVolume)),
    ask_volume: makeVector(Float64Array.from(small.askVolume)), contract: vectorFromArray(Array.from(small.contractId, (k) => small.contracts[k]!), new Utf8()),
  });
  const vix = 'date,open,high,low,close\n2024-06-17,12.1,12.9,11.8,12.5\n2024-06-18,12.5,13.1,12.2,12.9\n06/20/2024,12.9,13.4,12.6,13.2\n';
  const squeeze = 'date,price,dix,gex\n2024-06-17,5473.2,0.44,5.1e9\n2024-06-18,5487.0,0.45,-1.2e9\n';
  const putcall = 'date,call_volume,put_volume,total_volume,put_call_ratio\n2024-06-17,1000,900,1900,0.9\n2024-06-18,1100,800,1900,0.73\n';
  const ctx = buildContext({ vix: writeSeed(dir, 'seed-vix.csv', vix) }).context;
  const chainCheck = (path: string): void => {
    // the mutated file is one of the chain folder's files: copy the folder, put it in place, build
    const d = join(dir, 'chain-run');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
    for (const n of ['index.csv', 'chain-walls.csv', 'chain-flip.csv']) writeFileSync(join(d, n), fx(`chain/${n}`));
    const target = path.endsWith('index.csv') ? 'index.csv' : 'chain-walls.csv';
    writeFileSync(join(d, target), readFileSync(path));
    checkContext(buildContext({ chains: [d] }).context);
  };
  return [
    { name: 'shared CSV', file: 'shared.csv', bytes: head('shared-5m-roll.csv', 6000), text: true, check: barsCheck },
    { name: 'Sierra Chart', file: 'ESU24-CME.scid_BarData__5m.txt', bytes: head('ESU24-CME.scid_BarData__5m.txt', 3000), text: true, check: barsCheck },
    { name: 'NinjaTrader', file: 'ESU24.Last.txt', bytes: head('ninjatrader-ESU24.Last.txt', 1500), text: true, check: barsCheck },
    { name: 'generic CSV', file: 'generic.csv', bytes: head('generic-esu24.csv', 3000), text: true, check: barsCheck },
    { name: 'time and sales', file: 'ticks.csv', bytes: fx('ticks-2023-06-29-excerpt.csv'), text: true, check: barsCheck },
    { name: 'VIX daily', file: 'vix.csv', bytes: Buffer.from(vix), text: true, check: (p) => checkContext(buildContext({ vix: p }).context) },
    { name: 'SqueezeMetrics daily', file: 'squeeze.csv', bytes: Buffer.from(squeeze), text: true, check: (p) => checkContext(buildContext({ squeeze: p }).context) },
    { name: 'put/call daily', file: 'putcall.csv', bytes: Buffer.from(putcall), text: true, check: (p) => checkContext(buildContext({ putcall: p }).context) },
    { name: 'option chain', file: 'chain-walls.csv', bytes: fx('chain/chain-walls.csv'), text: true, check: chainCheck },
    { name: 'option-chain index', file: 'index.csv', bytes: fx('chain/index.csv'), text: true, check: chainCheck },
    { name: 'mia Arrow bars', file: 'bars.arrow', bytes: barsToIPC(small, { source: 'seed' }), text: false, check: barsCheck },
    { name: 'mia Arrow context', file: 'context.arrow', bytes: contextToIPC(ctx, { source: 'seed' }), text: false, check: (p) => checkContext(loadContext(p).context) },
    { name: 'foreign Arrow (file)', file: 'foreign.arrow', bytes: tableToIPC(foreign, 'file'), text: false, check: barsCheck },
    { name: 'foreign Arrow (stream)', file: 'foreign.arrows', bytes: tableToIPC(foreign, 'stream'), text: false, check: barsCheck },
    { name: 'Parquet bars', file: 'bars.parquet', bytes: barsToParquet(small, { source: 'seed' }), text: false, check: barsCheck },
  ];
}

function writeSeed(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

// tokens a user's file or a corruption plausibly holds
const TOKENS = ['', '0', '-1', '1e400', '-1e400', 'NaN', 'Infinity', '1e-9', '2000000', '5500.3', '99999999999999999999', '1'.repeat(3000), '9999-12-31T00:00:00Z',
  '2024-06-22T17:00:00Z', '1e308', 'ESN24', 'ESZ99', 'NQU24', 'ES', '../../etc/passwd', '/etc/passwd', '"', ',', '\uFEFF', '\r', '2024-02-30', '00:00', '-0', '+5', '.5', '5.', '1e', 'x'];
const INTS = [0, 1, -1, 2, 100000, 0x7fffffff, 0xffffffff, 2 ** 24, 8, 16];

export type Op =
  | { k: 'byte'; at: number; v: number }
  | { k: 'u32'; at: number; v: number }
  | { k: 'cut'; at: number; len: number }
  | { k: 'dup'; at: number; len: number }
  | { k: 'field'; line: number; field: number; token: number }
  | { k: 'swap'; a: number; b: number }
  | { k: 'truncate'; at: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('byte' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('u32' as const), at: fc.nat(), v: fc.constantFrom(...INTS) }),
  fc.record({ k: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ k: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ k: fc.constant('field' as const), line: fc.nat(), field: fc.nat(), token: fc.integer({ min: 0, max: TOKENS.length - 1 }) }),
  fc.record({ k: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }),
);

export function caseArb(nSeeds: number): fc.Arbitrary<{ seed: number; ops: Op[] }> {
  return fc.record({ seed: fc.integer({ min: 0, max: nSeeds - 1 }), ops: fc.array(opArb, { minLength: 1, maxLength: 3 }) });
}

/** Apply mutations; field-level ones only to text formats (on binary ones they act on the bytes). */
export function mutate(src: Uint8Array, ops: Op[], text: boolean): Uint8Array {
  let b = Buffer.from(src);
  for (const op of ops) {
    const at = b.length ? ('at' in op ? op.at % b.length : 0) : 0;
    if (op.k === 'byte' && b.length) b[at] = op.v;
    else if (op.k === 'u32' && b.length >= 4) b.writeUInt32LE(op.v >>> 0, Math.min(at, b.length - 4) & ~3);
    else if (op.k === 'cut') b = Buffer.concat([b.subarray(0, at), b.subarray(at + op.len)]);
    else if (op.k === 'dup') b = Buffer.concat([b.subarray(0, at + op.len), b.subarray(at)]);
    else if (op.k === 'truncate') b = b.subarray(0, at);
    else if (op.k === 'field' || op.k === 'swap') {
      if (!text) {
        if (b.length) {
          const i = (op.k === 'field' ? op.line : op.a) % b.length;
          b[i] = b[i]! ^ 0xff;
        }
        continue;
      }
      const lines = b.toString('latin1').split('\n');
      if (op.k === 'swap') {
        const i = op.a % lines.length;
        const j = op.b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      } else {
        const i = op.line % lines.length;
        const sep = lines[i]!.includes(';') && !lines[i]!.includes(',') ? ';' : ',';
        const f = lines[i]!.split(sep);
        f[op.field % f.length] = TOKENS[op.token]!;
        lines[i] = f.join(sep);
      }
      b = Buffer.from(lines.join('\n'), 'latin1');
    }
  }
  return b;
}

export type Outcome = 'accepted' | 'rejected' | 'raw' | 'invalid';

/** Run one case: write the mutated bytes, load them, classify. */
export function runCase(dir: string, seed: Seed, bytes: Uint8Array): { outcome: Outcome; error?: unknown } {
  const p = join(dir, seed.file);
  writeFileSync(p, bytes);
  try {
    seed.check(p);
    return { outcome: 'accepted' };
  } catch (e) {
    if (e instanceof InvariantError) return { outcome: 'invalid', error: e };
    if (e instanceof MiaError) return { outcome: 'rejected' };
    return { outcome: 'raw', error: e };
  }
}

/** Silence the loaders' stderr warnings while fuzzing (they are expected on mutated input). */
export function quietStderr<T>(f: () => T): T {
  const w = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return f();
  } finally {
    process.stderr.write = w;
  }
}
