// Wide ResNet (Zagoruyko & Komodakis 2016): pre-activation basic blocks made k times
// wider, with dropout between the two convolutions; WRN-d-k has (d−4)/6 blocks per stage
// at widths 16k, 32k, 64k. ImageNet's wide_resnet50_2 is a bottleneck ResNet-50 whose
// inner width doubles (torchvision's width_per_group = 128).
import type { ResNetConfig } from './resnet.js';
import { imagenetResNet, type NamedConfigs } from './presets.js';

export function wrn(depth: number, k: number, dropout = 0, numClasses = 10): ResNetConfig {
  if ((depth - 4) % 6 !== 0) throw new Error(`WRN depth must be 6n+4, got ${depth}`);
  const n = (depth - 4) / 6;
  return {
    family: 'resnet', dims: 2, inChannels: 3, numClasses, stem: { kind: 'cifar', width: 16, norm: false },
    block: 'preact_basic', arrangement: 'e', layers: [n, n, n], widths: [16 * k, 32 * k, 64 * k], strides: [1, 2, 2],
    shortcut: 'B', dropout, finalNorm: true,
  };
}

export const wideModels: NamedConfigs = {
  wrn_28_10: { description: 'WRN-28-10 (36.5 M), dropout 0.3', input: [3, 32, 32], config: () => wrn(28, 10, 0.3) },
  wrn_16_8: { description: 'WRN-16-8 (11.0 M)', input: [3, 32, 32], config: () => wrn(16, 8) },
  wrn_16_4: { description: 'WRN-16-4 (2.7 M)', input: [3, 32, 32], config: () => wrn(16, 4) },
  wrn_40_4: { description: 'WRN-40-4 (8.9 M)', input: [3, 32, 32], config: () => wrn(40, 4) },
  wide_resnet50_2: { description: 'torchvision Wide ResNet-50-2', input: [3, 224, 224], config: () => imagenetResNet('bottleneck', [3, 4, 6, 3], { baseWidth: 128 }) },
  wide_resnet101_2: { description: 'torchvision Wide ResNet-101-2', input: [3, 224, 224], config: () => imagenetResNet('bottleneck', [3, 4, 23, 3], { baseWidth: 128 }) },
};
