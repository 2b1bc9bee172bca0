// Config builders shared by the named configs: they read like the papers' tables.
import type { ResNetConfig, BlockKind } from './resnet.js';
import type { ShortcutKind } from './shortcut.js';

type Extra = Partial<ResNetConfig>;

/** torchvision's ImageNet ResNet: 7×7 stem, four stages 64…512, projection shortcuts. */
export function imagenetResNet(block: BlockKind, layers: number[], extra: Extra = {}): ResNetConfig {
  return {
    family: 'resnet', dims: 2, inChannels: 3, numClasses: 1000, stem: { kind: 'imagenet', width: 64 },
    block, layers, widths: [64, 128, 256, 512], strides: [1, 2, 2, 2], shortcut: 'B', ...extra,
  };
}

/**
 * He et al.'s CIFAR ResNet of depth 6n+2 (basic) or 9n+2 (bottleneck): 3×3 stem, three
 * stages of n blocks at widths 16, 32, 64 (bottlenecks output 4×).
 */
export function cifarResNet(depth: number, block: BlockKind, shortcut: ShortcutKind, extra: Extra = {}): ResNetConfig {
  const bottleneck = block === 'bottleneck' || block === 'preact_bottleneck' || block === 'res2net';
  const per = bottleneck ? 9 : 6;
  if ((depth - 2) % per !== 0) throw new Error(`a CIFAR ResNet with ${block} blocks has depth ${per}n+2, got ${depth}`);
  const n = (depth - 2) / per;
  return {
    family: 'resnet', dims: 2, inChannels: 3, numClasses: 10, stem: { kind: 'cifar', width: 16 },
    block, layers: [n, n, n], widths: [16, 32, 64], strides: [1, 2, 2], shortcut, ...extra,
  };
}

/** A named config: its default input shape (no batch) and a fresh config each call. */
export interface NamedConfig {
  description: string;
  input: number[];
  config: () => import('./config.js').ModelConfig;
}
export type NamedConfigs = Record<string, NamedConfig>;
