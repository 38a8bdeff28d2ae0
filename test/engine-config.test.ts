// Engine configuration: defaults, validation, the option parser, tiers and multipliers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEIGHTS, defaultEngineConfig, multiplierOf, tierOf, validateEngineConfig } from '../src/engine/config.ts';
import { resolveEngineConfig } from '../src/commands/engine-options.ts';
import { DEFAULT_MULTIPLIERS, DEFAULT_THRESHOLDS, FEATURE_NAMES } from '../src/engine/types.ts';
import { MiaError } from '../src/util/errors.ts';

const throwsMia = (fn: () => unknown, re: RegExp): void => {
  assert.throws(fn, (e: unknown) => e instanceof MiaError && re.test(e.message) && !e.message.includes('\n'));
};

test('defaults: the spec weights sum to 1, seed thresholds and multipliers, RTH session', () => {
  const c = defaultEngineConfig();
  assert.deepEqual(Object.keys(c.weights), [...FEATURE_NAMES]);
  const sum = FEATURE_NAMES.reduce((s, n) => s + DEFAULT_WEIGHTS[n], 0);
  assert.ok(Math.abs(sum - 1) < 1e-12);
  assert.equal(c.weights.gamma_levels_proximity, 0.22);
  assert.equal(c.weights.options_flow_bias, 0.02);
  assert.deepEqual(c.thresholds, DEFAULT_THRESHOLDS);
  assert.deepEqual(c.multipliers, DEFAULT_MULTIPLIERS);
  assert.equal(c.session, 'rth');
  assert.equal(validateEngineConfig(c), c);
});

test('tierOf / multiplierOf: >= comparisons top down', () => {
  const t = DEFAULT_THRESHOLDS;
  assert.deepEqual([0.38, 0.3799, 0.32, 0.28, 0.18, 0.17, NaN].map((s) => tierOf(s, t)), [4, 3, 3, 2, 1, 0, 0]);
  assert.deepEqual([4, 3, 2, 1, 0].map((k) => multiplierOf(k, DEFAULT_MULTIPLIERS)), [2, 1.5, 1, 0.5, 0]);
});

test('--weights: known names, sum to 1 within 1e-9', () => {
  const c = resolveEngineConfig({ weights: 'sierra_pattern_strength=0,gamma_levels_proximity=0.35' });
  assert.equal(c.weights.sierra_pattern_strength, 0);
  assert.equal(c.weights.gamma_levels_proximity, 0.35);
  throwsMia(() => resolveEngineConfig({ weights: 'gamma=0.22' }), /unknown feature 'gamma'/);
  throwsMia(() => resolveEngineConfig({ weights: 'gamma_levels_proximity=0.3' }), /sum to 1/);
  throwsMia(() => resolveEngineConfig({ weights: 'gamma_levels_proximity:0.3' }), /name=value/);
  throwsMia(() => resolveEngineConfig({ weights: 'gamma_levels_proximity=abc' }), /not a number/);
  throwsMia(() => resolveEngineConfig({ weights: 'gamma_levels_proximity=-0.1,sierra_pattern_strength=0.45' }), />= 0/);
});

test('--thresholds: strictly ordered in [0,1]; seed/code names; --multipliers; --eth', () => {
  assert.deepEqual(resolveEngineConfig({ thresholds: '0.5,0.4,0.3,0.2' }).thresholds, { premium: 0.5, strong: 0.4, good: 0.3, weak: 0.2 });
  assert.equal(resolveEngineConfig({ thresholds: 'code' }).thresholds.strong, 0.3);
  throwsMia(() => resolveEngineConfig({ thresholds: '0.3,0.32,0.28,0.18' }), /strictly ordered/);
  throwsMia(() => resolveEngineConfig({ thresholds: '0.38,0.32,0.32,0.18' }), /strictly ordered/);
  throwsMia(() => resolveEngineConfig({ thresholds: '1.2,0.32,0.28,0.18' }), /\[0,1\]/);
  throwsMia(() => resolveEngineConfig({ thresholds: '0.38,0.32,0.28' }), /4 comma-separated/);
  assert.equal(resolveEngineConfig({ multipliers: '3,2,1,0' }).multipliers.premium, 3);
  throwsMia(() => resolveEngineConfig({ multipliers: '3,2,1,-1' }), /multiplier weak/);
  assert.equal(resolveEngineConfig({ eth: true }).session, 'eth');
});

test('--config FILE: weights, thresholds, multipliers, session; flags win; bad files are one clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mia-engine-'));
  const f = join(dir, 'engine.json');
  writeFileSync(f, JSON.stringify({ weights: { sierra_pattern_strength: 0, volume_confirmation: 0.29 }, thresholds: [0.4, 0.33, 0.29, 0.2], multipliers: { premium: 3, strong: 2, good: 1, weak: 0 }, session: 'eth' }));
  const c = resolveEngineConfig({ config: f });
  assert.equal(c.weights.volume_confirmation, 0.29);
  assert.equal(c.thresholds.premium, 0.4);
  assert.equal(c.multipliers.premium, 3);
  assert.equal(c.session, 'eth');
  assert.equal(resolveEngineConfig({ config: f, thresholds: 'seed' }).thresholds.premium, 0.38);
  writeFileSync(f, JSON.stringify({ weights: { nope: 0.1 } }));
  throwsMia(() => resolveEngineConfig({ config: f }), /unknown feature 'nope'/);
  writeFileSync(f, JSON.stringify({ colour: 'red' }));
  throwsMia(() => resolveEngineConfig({ config: f }), /unknown key 'colour'/);
  writeFileSync(f, '{ not json');
  throwsMia(() => resolveEngineConfig({ config: f }), /--config/);
  throwsMia(() => resolveEngineConfig({ config: join(dir, 'missing.json') }), /--config/);
});
