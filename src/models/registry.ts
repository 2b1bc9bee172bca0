// Models by name (torchvision/timm names where they exist, CIFAR and tabular names
// otherwise), and configs from JSON: a full config, or {"base": NAME, ...overrides}.
import { foldMembers } from './members.js';
import { readFileSync } from 'node:fs';
import { buildModel, withInput, type ModelConfig } from './config.js';
import type { BlockNet } from './blocks.js';
import type { NamedConfig, NamedConfigs } from './presets.js';
import { resnetModels } from './resnet.js';
import { preactModels } from './preact.js';
import { wideModels } from './wide.js';
import { resnextModels } from './resnext.js';
import { res2netModels } from './res2net.js';
import { rexnetModels } from './rexnet.js';
import { densenetModels } from './densenet.js';
import { stochasticModels } from './stochastic.js';
import { fractalModels } from './fractalnet.js';
import { highwayModels } from './highway.js';
import { multiresModels } from './multires.js';
import { plainModels } from './plain.js';
import { tabularModels } from './tabular.js';

const REGISTRY: NamedConfigs = {
  ...resnetModels, ...preactModels, ...wideModels, ...resnextModels, ...res2netModels, ...rexnetModels,
  ...densenetModels, ...stochasticModels, ...fractalModels, ...highwayModels, ...multiresModels, ...plainModels,
  ...tabularModels,
};

export function listModels(): (NamedConfig & { name: string; family: string })[] {
  return Object.entries(REGISTRY).map(([name, e]) => ({ name, family: e.config().family, ...e }));
}

export function namedConfig(name: string): NamedConfig {
  const e = REGISTRY[name];
  if (!e) {
    const near = Object.keys(REGISTRY).filter((n) => n.startsWith(name.slice(0, 4))).slice(0, 8);
    throw new Error(`unknown model '${name}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; 'reslab models list' shows all`);
  }
  return e;
}

/** A config from parsed JSON: {"base": "resnet56", "shortcut": "none"} or a full config. */
export function resolveConfig(json: unknown, source = 'config'): ModelConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${source}: expected a JSON object`);
  const { base, ...rest } = json as Record<string, unknown>;
  if (base !== undefined) {
    if (typeof base !== 'string') throw new Error(`${source}: "base" must be a model name`);
    return { ...namedConfig(base).config(), ...rest } as ModelConfig;
  }
  if (typeof rest.family !== 'string') throw new Error(`${source}: needs "family" (resnet, densenet, rexnet, fractalnet, mlp_resnet, two_tower) or "base" (a model name)`);
  return rest as unknown as ModelConfig;
}

export function loadConfigFile(path: string): ModelConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  return resolveConfig(json, path);
}

export interface CreateOptions {
  /** Input shape without batch (CxL, CxHxW or F): sets dims and input channels. */
  input?: number[];
  /** Fields merged into the config (numClasses, dropPath, shortcut, …). */
  overrides?: Record<string, unknown>;
  /**
   * Efficient-ensemble members (TabM, k): the MLP family has them on an axis of its own;
   * every other family gets them folded into the batch (models/members.ts). Absent or 1
   * leaves the model as it is.
   */
  members?: number;
}

/** Builds a model from a registry name or a config. */
export function createModel(nameOrConfig: string | ModelConfig, o: CreateOptions = {}): BlockNet {
  let cfg = typeof nameOrConfig === 'string' ? namedConfig(nameOrConfig).config() : nameOrConfig;
  if (o.overrides) cfg = { ...cfg, ...o.overrides } as ModelConfig;
  const k = o.members ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new Error(`members must be a whole number ≥ 1, got ${o.members}`);
  if (k > 1 && cfg.family === 'mlp_resnet') cfg = { ...cfg, members: k };
  if (o.input) cfg = withInput(cfg, o.input);
  const net = buildModel(cfg);
  return k > 1 && cfg.family !== 'mlp_resnet' ? foldMembers(net, k) : net;
}
