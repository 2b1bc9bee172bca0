// Plain counterparts: the same topology with every shortcut taken out, for the lesion
// comparison of Veit et al. (a plain net collapses when a layer is removed). Their
// blocks are exposed like residual ones; removing one is possible only where input and
// output shapes agree (the block then passes its input on) and throws elsewhere.
import type { ModelConfig } from './config.js';
import { cifarResNet, imagenetResNet, type NamedConfigs } from './presets.js';

export function plainOf(cfg: ModelConfig): ModelConfig {
  if (cfg.family === 'resnet') return { ...cfg, shortcut: 'none', dropPath: undefined };
  if (cfg.family === 'mlp_resnet') return { ...cfg, plain: true, dropPath: undefined };
  if (cfg.family === 'two_tower') return { ...cfg, plain: true };
  throw new Error(`no plain counterpart for family '${cfg.family}' (resnet-structured, mlp_resnet and two_tower configs have one)`);
}

export const plainModels: NamedConfigs = {
  plain18: { description: 'ResNet-18 without shortcuts', input: [3, 224, 224], config: () => imagenetResNet('basic', [2, 2, 2, 2], { shortcut: 'none' }) },
  plain34: { description: 'ResNet-34 without shortcuts (He et al.\'s plain-34)', input: [3, 224, 224], config: () => imagenetResNet('basic', [3, 4, 6, 3], { shortcut: 'none' }) },
};
for (const d of [20, 32, 44, 56, 110]) {
  plainModels[`plain${d}`] = { description: `CIFAR ResNet-${d} without shortcuts`, input: [3, 32, 32], config: () => cifarResNet(d, 'basic', 'none') };
}
