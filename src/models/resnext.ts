// ResNeXt (Xie et al. 2017): bottlenecks whose 3×3 convolution is split into
// `cardinality` groups (form (c) of the paper). With `pathBranches` each group is a
// contract branch, so lesion studies can switch single paths off (see Bottleneck).
import type { ResNetConfig } from './resnet.js';
import { imagenetResNet, type NamedConfigs } from './presets.js';

/** CIFAR ResNeXt-29 (c×d): three stages of three bottlenecks, outputs 256/512/1024. */
export function resnext29(cardinality: number, width: number, numClasses = 10): ResNetConfig {
  return {
    family: 'resnet', dims: 2, inChannels: 3, numClasses, stem: { kind: 'cifar', width: 64 },
    block: 'bottleneck', layers: [3, 3, 3], widths: [64, 128, 256], strides: [1, 2, 2], shortcut: 'B',
    groups: cardinality, baseWidth: width,
  };
}

export const resnextModels: NamedConfigs = {
  resnext50_32x4d: { description: 'torchvision ResNeXt-50 32×4d', input: [3, 224, 224], config: () => imagenetResNet('bottleneck', [3, 4, 6, 3], { groups: 32, baseWidth: 4 }) },
  resnext101_32x8d: { description: 'torchvision ResNeXt-101 32×8d', input: [3, 224, 224], config: () => imagenetResNet('bottleneck', [3, 4, 23, 3], { groups: 32, baseWidth: 8 }) },
  resnext101_64x4d: { description: 'torchvision ResNeXt-101 64×4d', input: [3, 224, 224], config: () => imagenetResNet('bottleneck', [3, 4, 23, 3], { groups: 64, baseWidth: 4 }) },
  resnext29_8x64d: { description: 'CIFAR ResNeXt-29 8×64d (34.4 M)', input: [3, 32, 32], config: () => resnext29(8, 64) },
  resnext29_16x64d: { description: 'CIFAR ResNeXt-29 16×64d (68.1 M)', input: [3, 32, 32], config: () => resnext29(16, 64) },
  resnext29_4x4d_paths: { description: 'small CIFAR ResNeXt-29 4×4d whose 4 paths per block are separate branches', input: [3, 32, 32], config: () => ({ ...resnext29(4, 4), pathBranches: true }) },
};
