// Model configs are plain JSON objects; `family` picks the builder. `buildModel` turns
// any config (from the registry or a file) into a model, and `model.config` gives it back,
// so a checkpoint's JSON config rebuilds the same architecture.
import { ResNet, type ResNetConfig } from './resnet.js';
import { DenseNet, type DenseNetConfig } from './densenet.js';
import { ReXNet, type ReXNetConfig } from './rexnet.js';
import { FractalNet, type FractalNetConfig } from './fractalnet.js';
import { MLPResNet, type MLPResNetConfig } from './mlp.js';
import { TwoTowerNet, type TwoTowerConfig } from './twotower.js';
import type { BlockNet } from './blocks.js';

export type ModelConfig = ResNetConfig | DenseNetConfig | ReXNetConfig | FractalNetConfig | MLPResNetConfig | TwoTowerConfig;
export type Family = ModelConfig['family'];

export function buildModel(cfg: ModelConfig): BlockNet {
  switch (cfg.family) {
    case 'resnet': return new ResNet(cfg);
    case 'densenet': return new DenseNet(cfg);
    case 'rexnet': return new ReXNet(cfg);
    case 'fractalnet': return new FractalNet(cfg);
    case 'mlp_resnet': return new MLPResNet(cfg);
    case 'two_tower': return new TwoTowerNet(cfg);
    default: throw new Error(`model config: unknown family '${(cfg as { family?: unknown }).family}' (one of resnet, densenet, rexnet, fractalnet, mlp_resnet, two_tower)`);
  }
}
/** Adapts a config to an input shape (dims and input channels / features). */
export function withInput(cfg: ModelConfig, shape: number[]): ModelConfig {
  if (cfg.family === 'mlp_resnet') {
    if (shape.length !== 1) throw new Error(`${cfg.family} takes flat feature vectors: give the input as F (e.g. 100), got ${shape.join('x')}`);
    return { ...cfg, inFeatures: shape[0] };
  }
  if (cfg.family === 'two_tower') {
    if (shape.length !== 3) throw new Error(`${cfg.family} takes the timeline layout: give the input as TxCx(F+1) (days, channels, features and the presence column), got ${shape.join('x')}`);
    return { ...cfg, days: shape[0], channels: shape[1], features: shape[2] - 1 };
  }
  if (shape.length !== 2 && shape.length !== 3) throw new Error(`give the input as CxL (1-D) or CxHxW (2-D), got ${shape.join('x')}`);
  const dims = (shape.length - 1) as 1 | 2;
  const out = { ...cfg, dims, inChannels: shape[0] } as ModelConfig;
  // An embedding sizes its per-cell weights from the whole input shape.
  if (out.family === 'resnet' && out.embed) out.embed = { ...out.embed, input: shape };
  // Per-axis strides written for 2-D cannot apply to 1-D: keep the long-axis entry.
  const fix = (s: number | number[]) => (Array.isArray(s) && s.length !== dims ? (dims === 1 ? [s[s.length - 1]] : [s[0], s[0]]) : s);
  if (out.family === 'resnet') {
    out.strides = out.strides.map(fix);
    if (out.stem.kind === 'dense') out.stem = { ...out.stem, inFeatures: shape.reduce((a, b) => a * b, 1) };
  }
  if (out.family === 'densenet' && out.transitionStride !== undefined) out.transitionStride = fix(out.transitionStride);
  if (out.family === 'fractalnet' && out.pool !== undefined) out.pool = fix(out.pool);
  if (out.family === 'rexnet') {
    out.stemStride = fix(out.stemStride);
    if (out.strides) out.strides = out.strides.map(fix);
  }
  return out;
}
