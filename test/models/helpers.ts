// Tiny configs of every family, for smoke and contract tests (batch 2, a few channels).
import type { ModelConfig } from '../../src/models/index.js';

const base = { family: 'resnet' as const, dims: 2 as const, inChannels: 3, numClasses: 3, stem: { kind: 'cifar' as const, width: 8 }, layers: [1, 2], widths: [8, 16], strides: [1, 2] };

export const tiny: Record<string, ModelConfig> = {
  resnet_basic_A: { ...base, block: 'basic', shortcut: 'A' },
  resnet_basic_B_se: { ...base, block: 'basic', shortcut: 'B', se: 4 },
  resnet_bottleneck: { ...base, block: 'bottleneck', widths: [4, 8], shortcut: 'B' },
  preact_a: { ...base, block: 'preact_basic', arrangement: 'a', shortcut: 'B' },
  preact_b: { ...base, block: 'preact_basic', arrangement: 'b', shortcut: 'B' },
  preact_c: { ...base, block: 'preact_basic', arrangement: 'c', shortcut: 'A' },
  preact_d: { ...base, block: 'preact_basic', arrangement: 'd', shortcut: 'B', finalNorm: true },
  preact_e_bottleneck: { ...base, block: 'preact_bottleneck', arrangement: 'e', widths: [4, 8], shortcut: 'B', finalNorm: true },
  wide: { ...base, block: 'preact_basic', arrangement: 'e', widths: [16, 32], dropout: 0.3, shortcut: 'B', finalNorm: true },
  resnext: { ...base, block: 'bottleneck', widths: [8, 16], groups: 4, baseWidth: 16, shortcut: 'B' },
  resnext_paths: { ...base, block: 'bottleneck', widths: [8, 16], groups: 4, baseWidth: 16, shortcut: 'B', pathBranches: true },
  res2net_se: { ...base, block: 'res2net', widths: [8, 16], baseWidth: 16, scale: 4, se: 1, shortcut: 'B' },
  stochastic: { ...base, block: 'basic', shortcut: 'A', dropPath: { rate: 0.5, mode: 'batch' } },
  highway: { ...base, block: 'highway', shortcut: 'B' },
  multires: { ...base, block: 'multires', multiplicity: 3, shortcut: 'B', finalNorm: true },
  plain: { ...base, block: 'basic', shortcut: 'none' },
  rexnet: { family: 'rexnet', dims: 2, inChannels: 3, numClasses: 3, widthMult: 0.25, depthMult: 0.5, stemStride: 1, strides: [1, 2, 1, 1, 1, 1], seRatio: 1 / 4, headDropout: 0.2, dropPath: { rate: 0.2, mode: 'sample' } },
  densenet_bc: { family: 'densenet', dims: 2, inChannels: 3, numClasses: 3, stem: { kind: 'cifar', width: 8, norm: false }, growth: 4, blocks: [2, 2], bottleneck: 4, compression: 0.5 },
  densenet: { family: 'densenet', dims: 2, inChannels: 3, numClasses: 3, stem: { kind: 'cifar', width: 8 }, growth: 4, blocks: [2, 2], bottleneck: 0, compression: 1 },
  fractalnet: { family: 'fractalnet', dims: 2, inChannels: 3, numClasses: 3, columns: 3, widths: [8, 8], localDrop: 0.15, globalRatio: 0.5 },
  mlp: { family: 'mlp_resnet', inFeatures: 12, numClasses: 3, width: 16, depth: 3, dropout: 0.1 },
  // 4 features of 3 PLE components; the grid's last channel passes through (its mask).
  mlp_ple: { family: 'mlp_resnet', inFeatures: 12, numClasses: 3, width: 16, depth: 2, embed: { kind: 'ple', dim: 4, bins: 3 } },
  mlp_periodic_skip: { family: 'mlp_resnet', inFeatures: 12, numClasses: 3, width: 16, depth: 2, inputSkip: true, embed: { kind: 'periodic', dim: 4, frequencies: 3, sigma: 0.5 } },
  resnet_ple: { ...base, block: 'basic', shortcut: 'B', embed: { kind: 'ple', dim: 2, bins: 2, passthrough: 1 } },
  resnet_periodic: { ...base, block: 'basic', shortcut: 'B', embed: { kind: 'periodic', dim: 2, frequencies: 2, sigma: 0.5 } },
};

/** The config for a dims, and an input shape (batch 2). */
export function variant(cfg: ModelConfig, dims: 1 | 2): { cfg: ModelConfig; shape: number[] } {
  if (cfg.family === 'mlp_resnet') return { cfg, shape: [2, cfg.inFeatures] };
  const shape = dims === 1 ? [2, 3, 16] : [2, 3, 8, 8];
  // An embedding sizes its per-cell weights from the input (withInput sets it in a run).
  const embed = cfg.family === 'resnet' && cfg.embed ? { embed: { ...cfg.embed, input: shape.slice(1) } } : {};
  return { cfg: { ...cfg, dims, ...embed } as ModelConfig, shape };
}
