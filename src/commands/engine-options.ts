// Engine options shared by every command that runs the engine: --engine, --config, --weights, --thresholds, --multipliers, --eth.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MiaError } from '../util/errors.ts';
import { defaultEngineConfig, validateEngineConfig } from '../engine/config.ts';
import { CODE_THRESHOLDS, DEFAULT_THRESHOLDS, FEATURE_NAMES } from '../engine/types.ts';
import type { EngineConfig, EngineKind, FeatureName, Multipliers, Thresholds } from '../engine/types.ts';

export interface EngineOptions {
  engine?: string;
  config?: string;
  weights?: string;
  thresholds?: string;
  multipliers?: string;
  eth?: boolean;
}

export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('--engine <name>', "'mia' (default: the original as amended by ENGINE_SPEC §7) or 'original' (the live system's engine exactly, §0-§6; see docs/engine.md)")
    .option('--config <file>', 'engine config JSON: {"engine": "mia"|"original", "weights": {...}, "thresholds": {...}, "multipliers": {...}, "session": "rth"|"eth"}')
    .option('--weights <list>', 'override feature weights, name=value,... (all ten must still sum to 1)')
    .option('--thresholds <p,s,g,w>', "tier thresholds PREMIUM,STRONG,GOOD,WEAK, strictly decreasing in [0,1]; or 'seed' (0.38,0.32,0.28,0.18) / 'code' (0.38,0.30,0.25,0.18); default seed (flags win over --config)")
    .option('--multipliers <p,s,g,w>', 'position multipliers per tier PREMIUM,STRONG,GOOD,WEAK; default 2,1.5,1,0.5')
    .option('--eth', 'replay the full ETH trade date (state resets 17:00 CT) instead of RTH only (resets 08:30 CT)', false);
}

/** Defaults, then --config, then the flags. Throws one MiaError naming the bad value. */
export function resolveEngineConfig(opts: EngineOptions): EngineConfig {
  const c = defaultEngineConfig();
  if (opts.config !== undefined) applyConfigFile(c, opts.config);
  if (opts.weights !== undefined) applyWeights(c, opts.weights, '--weights');
  if (opts.thresholds !== undefined) c.thresholds = parseThresholds(opts.thresholds, '--thresholds');
  if (opts.multipliers !== undefined) c.multipliers = parseFour(opts.multipliers, '--multipliers');
  if (opts.eth) c.session = 'eth';
  if (opts.engine !== undefined) c.engine = parseEngine(opts.engine, '--engine');
  return validateEngineConfig(c);
}

function applyConfigFile(c: EngineConfig, path: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MiaError(`--config ${path}: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new MiaError(`--config ${path}: expected a JSON object`);
  const where = `--config ${path}`;
  for (const [key, value] of Object.entries(doc)) {
    switch (key) {
      case 'weights':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MiaError(`${where}: weights must be an object {feature: weight}`);
        for (const [name, w] of Object.entries(value)) setWeight(c, name, w, where);
        break;
      case 'thresholds':
        c.thresholds = typeof value === 'string' ? parseThresholds(value, `${where}: thresholds`) : fourFromJson(value, `${where}: thresholds`);
        break;
      case 'multipliers':
        c.multipliers = fourFromJson(value, `${where}: multipliers`);
        break;
      case 'session':
        if (value !== 'rth' && value !== 'eth') throw new MiaError(`${where}: session must be "rth" or "eth"`);
        c.session = value;
        break;
      case 'engine':
        c.engine = parseEngine(value, `${where}: engine`);
        break;
      case 'directionDeadBand':
      case 'tick':
        if (typeof value !== 'number') throw new MiaError(`${where}: ${key} must be a number`);
        c[key] = value;
        break;
      default:
        throw new MiaError(`${where}: unknown key '${key}' (known: engine, weights, thresholds, multipliers, session, directionDeadBand, tick)`);
    }
  }
}

function parseEngine(v: unknown, where: string): EngineKind {
  if (v !== 'mia' && v !== 'original') throw new MiaError(`${where}: expected 'mia' or 'original', got '${String(v)}'`);
  return v;
}

function setWeight(c: EngineConfig, name: string, w: unknown, where: string): void {
  if (!(FEATURE_NAMES as readonly string[]).includes(name)) throw new MiaError(`${where}: unknown feature '${name}' (known: ${FEATURE_NAMES.join(', ')})`);
  if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new MiaError(`${where}: weight ${name} must be a finite number >= 0, got ${String(w)}`);
  c.weights[name as FeatureName] = w;
}

function applyWeights(c: EngineConfig, list: string, where: string): void {
  for (const part of list.split(',')) {
    const m = /^\s*([a-z_]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new MiaError(`${where}: expected name=value, got '${part}'`);
    setWeight(c, m[1]!, strictNumber(m[2]!, `${where} ${m[1]!}`), where);
  }
}

function strictNumber(s: string, where: string): number {
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x)) throw new MiaError(`${where}: '${s}' is not a number`);
  return x;
}

function parseFour(s: string, where: string): Thresholds & Multipliers {
  const parts = s.split(',');
  if (parts.length !== 4) throw new MiaError(`${where}: expected 4 comma-separated numbers PREMIUM,STRONG,GOOD,WEAK, got '${s}'`);
  const [p, st, g, w] = parts.map((x) => strictNumber(x, where)) as [number, number, number, number];
  return { premium: p, strong: st, good: g, weak: w };
}

function parseThresholds(s: string, where: string): Thresholds {
  if (s === 'seed') return { ...DEFAULT_THRESHOLDS };
  if (s === 'code') return { ...CODE_THRESHOLDS };
  return parseFour(s, where);
}

function fourFromJson(v: unknown, where: string): Thresholds {
  if (Array.isArray(v)) return parseFour(v.join(','), where);
  if (typeof v !== 'object' || v === null) throw new MiaError(`${where}: expected {premium, strong, good, weak} or [p, s, g, w]`);
  const o = v as Record<string, unknown>;
  const out = { premium: NaN, strong: NaN, good: NaN, weak: NaN };
  for (const k of Object.keys(o)) {
    if (!(k in out)) throw new MiaError(`${where}: unknown key '${k}' (known: premium, strong, good, weak)`);
    const x = o[k];
    if (typeof x !== 'number') throw new MiaError(`${where}: ${k} must be a number`);
    out[k as keyof typeof out] = x;
  }
  for (const [k, x] of Object.entries(out)) if (Number.isNaN(x)) throw new MiaError(`${where}: missing ${k}`);
  return out;
}
