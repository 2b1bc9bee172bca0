// reslab's model zoo: residual families and plain baselines for 1-D and 2-D inputs,
// a registry by name, and the block contract the analyses use (see docs/models.md).
export type { ResidualBlock, ResidualModel, BlockShape } from './blocks.js';
export { BlockBase, BlockNet, Stage, Features, shapeKey } from './blocks.js';
export type { Dims, Stride } from './conv.js';
export { dropPath, dropWholeBatch, dropRateAt, type DropPathSpec, type DropMode } from './droppath.js';
export { SqueezeExcite, makeSE } from './se.js';
export { stemLayers, runStem, type StemSpec, type StemKind } from './stems.js';
export { makeShortcut, type ShortcutKind } from './shortcut.js';
export { ResNet, BasicBlock, Bottleneck, type ResNetConfig, type BlockKind } from './resnet.js';
export { PreActBlock } from './preact.js';
export type { Arrangement, BlockArgs } from './blockargs.js';
export { wrn } from './wide.js';
export { resnext29 } from './resnext.js';
export { Bottle2neck } from './res2net.js';
export { ReXNet, LinearBottleneck, type ReXNetConfig } from './rexnet.js';
export { DenseNet, DenseLayer, Transition, cifarDense, type DenseNetConfig } from './densenet.js';
export { huang, withStochasticDepth } from './stochastic.js';
export { FractalNet, FractalBlock, type FractalNetConfig } from './fractalnet.js';
export { HighwayBlock } from './highway.js';
export { MultiResBlock } from './multires.js';
export { MLPResNet, MLPBlock, type MLPResNetConfig } from './mlp.js';
export { NumericEmbedding, Periodic, EMBED_KINDS, DEFAULT_EMBED, type EmbedKind, type EmbedSpec } from './embed.js';
export { plainOf } from './plain.js';
export { tabularResNet, mlpResNet } from './tabular.js';
export { imagenetResNet, cifarResNet, type NamedConfig } from './presets.js';
export { buildModel, withInput, type ModelConfig, type Family } from './config.js';
export { listModels, namedConfig, resolveConfig, loadConfigFile, createModel, type CreateOptions } from './registry.js';
export { profileModel, humanCount, type ModelProfile, type BlockInfo } from './profile.js';
