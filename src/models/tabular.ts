// Configs for insider-threat features: 1-D feature sequences [B, 1, L], small 2-D grids
// (domain × feature, or days × feature, e.g. 5 × 30) and flat vectors. Grids keep their
// short axis: the stem never pools and the stages stride only along the long axis.
import type { ResNetConfig } from './resnet.js';
import type { MLPResNetConfig } from './mlp.js';
import type { NamedConfigs } from './presets.js';

export function tabularResNet(dims: 1 | 2, shortcut: 'B' | 'none' = 'B'): ResNetConfig {
  return {
    family: 'resnet', dims, inChannels: 1, numClasses: 1, stem: { kind: 'tabular', width: 32 },
    block: 'basic', layers: [2, 2, 2], widths: [32, 64, 128], strides: dims === 1 ? [1, 2, 2] : [1, [1, 2], [1, 2]], shortcut,
  };
}

export const mlpResNet = (inFeatures = 100, width = 256, depth = 4): MLPResNetConfig => ({
  family: 'mlp_resnet', inFeatures, numClasses: 1, width, depth,
});

export const tabularModels: NamedConfigs = {
  tabular_resnet1d: { description: 'ResNet-14 (basic, widths 32/64/128) over a feature sequence [B, 1, L]', input: [1, 100], config: () => tabularResNet(1) },
  tabular_resnet2d: { description: 'ResNet-14 over a small feature grid; strides (1, 2) keep the rows', input: [1, 5, 30], config: () => tabularResNet(2) },
  tabular_plain1d: { description: 'tabular_resnet1d without shortcuts', input: [1, 100], config: () => tabularResNet(1, 'none') },
  tabular_plain2d: { description: 'tabular_resnet2d without shortcuts', input: [1, 5, 30], config: () => tabularResNet(2, 'none') },
  tabular_mlp_resnet: { description: 'ResNet-MLP: 100 features → width 256 × 4 blocks → 1 logit', input: [100], config: () => mlpResNet() },
};
