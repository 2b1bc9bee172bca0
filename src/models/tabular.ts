// Configs for insider-threat features: 1-D feature sequences [B, 1, L], small 2-D grids
// (domain × feature, or days × feature, e.g. 5 × 30) and flat vectors. Grids keep their
// short axis: the stem never pools and the stages stride only along the long axis.
import type { ResNetConfig } from './resnet.js';
import type { MLPResNetConfig } from './mlp.js';
import type { TwoTowerConfig } from './twotower.js';
import type { NamedConfigs } from './presets.js';
import type { Stride } from './conv.js';

export function tabularResNet(dims: 1 | 2, shortcut: 'B' | 'none' = 'B'): ResNetConfig {
  return {
    family: 'resnet', dims, inChannels: 1, numClasses: 1, stem: { kind: 'tabular', width: 32 },
    block: 'basic', layers: [2, 2, 2], widths: [32, 64, 128], strides: dims === 1 ? [1, 2, 2] : [1, [1, 2], [1, 2]], shortcut,
  };
}

export const mlpResNet = (inFeatures = 100, width = 256, depth = 4): MLPResNetConfig => ({
  family: 'mlp_resnet', inFeatures, numClasses: 1, width, depth,
});

/**
 * Detection presets, sized for a user-day (~700 numbers): each stays under 10 M MACs per
 * sample on the layouts' shapes (profile them with `reslab models info NAME --input …`).
 * Six basic blocks each, so the lesion and path analyses have an ensemble to dissect.
 */
const detect = (dims: 1 | 2, widths: number[], stem: Stride, strides: ResNetConfig['strides'], shortcut: 'B' | 'none'): ResNetConfig => ({
  family: 'resnet', dims, inChannels: 1, numClasses: 1, stem: { kind: 'tabular', width: widths[0], stride: stem },
  block: 'basic', layers: [2, 2, 2], widths, strides, shortcut,
});
const gridNet = (shortcut: 'B' | 'none') => detect(2, [8, 16, 32], [1, 2], [[1, 2], [1, 2], [2, 2]], shortcut);
const seqNet = (shortcut: 'B' | 'none') => detect(1, [16, 24, 32], 2, [2, 2, 2], shortcut);
const historyNet = (shortcut: 'B' | 'none'): ResNetConfig => ({ ...detect(1, [16, 32, 48], 1, [1, 2, 2], shortcut), pool: 'last' });
const learnedNet = (shortcut: 'B' | 'none'): ResNetConfig => ({ ...detect(1, [16, 32, 48], 1, [1, 2, 2], shortcut), stem: { kind: 'dense', width: 16, length: 64 } });
const imageNet = (shortcut: 'B' | 'none') => detect(2, [16, 32, 48], 2, [1, 2, 2], shortcut);
const mlpNet = (plain: boolean): MLPResNetConfig => ({ ...mlpResNet(700, 128, 4), dropout: 0.1, plain });
/** detect_mlp_resnet's stem, blocks and head, with a past tower beside the stem (twotower.ts). */
const towerNet = (plain: boolean, o: Pick<TwoTowerConfig, 'past' | 'encoder'> & Partial<TwoTowerConfig>): TwoTowerConfig => ({
  family: 'two_tower', days: 28, channels: 3, features: 233, numClasses: 1, width: 128, depth: 4, dropout: 0.1, plain, embed: 32, ...o,
});
/** The timeline of a user-day with user and peer deviation channels: 28 days × 3 channels × (233 features + presence). */
const TIMELINE = [28, 3, 234];

export const detectionModels: NamedConfigs = {
  detect_grid_resnet: { description: 'detector over the domain × feature grid [C, 6, ~246]: 6 basic blocks, widths 8/16/32, strides along features (and rows last)', input: [2, 6, 246], config: () => gridNet('B') },
  detect_grid_plain: { description: 'detect_grid_resnet without shortcuts', input: [2, 6, 246], config: () => gridNet('none') },
  detect_seq_resnet: { description: 'detector over the features as a sequence [C, ~700]: 6 basic blocks, widths 16/24/32', input: [1, 700], config: () => seqNet('B') },
  detect_seq_plain: { description: 'detect_seq_resnet without shortcuts', input: [1, 700], config: () => seqNet('none') },
  detect_history_resnet: { description: "detector over a user's last T days [features, T]: 6 basic blocks along time, widths 16/32/48, read at the last day", input: [700, 28], config: () => historyNet('B') },
  detect_history_plain: { description: 'detect_history_resnet without shortcuts', input: [700, 28], config: () => historyNet('none') },
  detect_learned_resnet: { description: 'detector with a learned feature ordering (MoA 2nd place): dense 700 → 16 × 64, then 6 basic blocks along the learned axis', input: [1, 700], config: () => learnedNet('B') },
  detect_learned_plain: { description: 'detect_learned_resnet without shortcuts', input: [1, 700], config: () => learnedNet('none') },
  detect_image_resnet: { description: 'detector over a DeepInsight image [C, 32, 32]: strided stem, 6 basic blocks, widths 16/32/48', input: [2, 32, 32], config: () => imageNet('B') },
  detect_image_plain: { description: 'detect_image_resnet without shortcuts', input: [2, 32, 32], config: () => imageNet('none') },
  detect_mlp_resnet: { description: 'ResNet-MLP detector over flat features: width 128 × 4 blocks, dropout 0.1', input: [700], config: () => mlpNet(false) },
  detect_mlp_plain: { description: 'detect_mlp_resnet without shortcuts', input: [700], config: () => mlpNet(true) },
  detect_2tower_resnet: { description: "two-tower history detector: today's row through detect_mlp_resnet's stem, the previous days through a shared 32-wide day embedding pooled (mean, max, today − mean), fused from zero into its 4 residual blocks", input: TIMELINE, config: () => towerNet(false, { past: 'all', encoder: 'pool' }) },
  detect_2tower_plain: { description: 'detect_2tower_resnet without shortcuts', input: TIMELINE, config: () => towerNet(true, { past: 'all', encoder: 'pool' }) },
  detect_2tower_td_resnet: { description: 'detect_2tower_resnet with time-dropout 0.3 (whole past days dropped while training)', input: TIMELINE, config: () => towerNet(false, { past: 'all', encoder: 'pool', timeDrop: 0.3 }) },
  detect_2tower_devconv_resnet: { description: 'detect_2tower_resnet whose past tower reads only the deviation channels, through a temporal convolution (kernel 3) over the past days', input: TIMELINE, config: () => towerNet(false, { past: 'deviation', encoder: 'conv' }) },
  detect_2tower_devconv_td_resnet: { description: 'detect_2tower_devconv_resnet with time-dropout 0.3', input: TIMELINE, config: () => towerNet(false, { past: 'deviation', encoder: 'conv', timeDrop: 0.3 }) },
  detect_mlp_skip_resnet: { description: 'detect_mlp_resnet plus a linear input→output shortcut; the residual head starts at zero, so training starts from a logistic model', input: [700], config: () => ({ ...mlpNet(false), inputSkip: true }) },
};

export const tabularModels: NamedConfigs = {
  ...detectionModels,
  tabular_resnet1d: { description: 'ResNet-14 (basic, widths 32/64/128) over a feature sequence [B, 1, L]', input: [1, 100], config: () => tabularResNet(1) },
  tabular_resnet2d: { description: 'ResNet-14 over a small feature grid; strides (1, 2) keep the rows', input: [1, 5, 30], config: () => tabularResNet(2) },
  tabular_plain1d: { description: 'tabular_resnet1d without shortcuts', input: [1, 100], config: () => tabularResNet(1, 'none') },
  tabular_plain2d: { description: 'tabular_resnet2d without shortcuts', input: [1, 5, 30], config: () => tabularResNet(2, 'none') },
  tabular_mlp_resnet: { description: 'ResNet-MLP: 100 features → width 256 × 4 blocks → 1 logit', input: [100], config: () => mlpResNet() },
};
