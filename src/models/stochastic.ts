// Stochastic depth (Huang et al. 2016): during training each residual branch is skipped
// for the whole mini-batch with probability 1 − p_l, where the survival probability
// falls linearly from 1 to p_L = 0.5 over the blocks; at test time every branch runs,
// scaled by p_l. Any ResNet-structured, DenseNet, ReXNet or MLP config takes a
// `dropPath` field; mode 'sample' gives timm's per-sample variant instead.
import type { ResNetConfig } from './resnet.js';
import type { DropPathSpec } from './droppath.js';
import { cifarResNet, type NamedConfigs } from './presets.js';

export const huang = (pL = 0.5): DropPathSpec => ({ rate: 1 - pL, mode: 'batch', schedule: 'linear' });

export function withStochasticDepth(cfg: ResNetConfig, spec: DropPathSpec = huang()): ResNetConfig {
  return { ...cfg, dropPath: spec };
}

export const stochasticModels: NamedConfigs = {
  resnet110_sd: { description: 'ResNet-110 with stochastic depth, p_L = 0.5 (Huang et al.: 6.41 % → 5.25 %)', input: [3, 32, 32], config: () => withStochasticDepth(cifarResNet(110, 'basic', 'A')) },
  resnet56_sd: { description: 'ResNet-56 with stochastic depth, p_L = 0.5', input: [3, 32, 32], config: () => withStochasticDepth(cifarResNet(56, 'basic', 'A')) },
};
