import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRunConfig } from '../src/commands/sim-options.ts';
import { MiaError } from '../src/util/errors.ts';

test('defaults: ES economics, $2.25 per side, engine tick 0.25', () => {
  const { engineConfig, params } = resolveRunConfig({});
  assert.equal(params.instrument.symbol, 'ES');
  assert.equal(params.commissionPerSide, 2.25);
  assert.equal(engineConfig.tick, 0.25);
});

test('a micro defaults to its own commission; --commission still wins', () => {
  assert.equal(resolveRunConfig({ instrument: 'MES' }).params.commissionPerSide, 0.62);
  assert.equal(resolveRunConfig({ instrument: 'mes', commission: '1.1' }).params.commissionPerSide, 1.1);
});

test('the engine tick follows the traded instrument (YM 1.0, RTY 0.1), so its tick spans are the instrument\'s', () => {
  assert.equal(resolveRunConfig({ instrument: 'YM' }).engineConfig.tick, 1);
  const rty = resolveRunConfig({ instrument: 'RTY' });
  assert.equal(rty.engineConfig.tick, 0.1);
  assert.equal(rty.params.instrument.tickValue, 5);
});

test('an unknown instrument is one clear error', () => {
  assert.throws(() => resolveRunConfig({ instrument: 'ZB' }), (e: unknown) => e instanceof MiaError && /unknown instrument "ZB"/.test(e.message));
});
