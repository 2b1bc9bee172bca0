// ResNet-MLP for flat feature vectors [B, F] (Gorishniy et al. 2021's tabular ResNet):
// linear stem → blocks x + Linear(ReLU(Linear(BN(x)))) → BN-ReLU → linear head. The
// engine benchmark's tabular model (100 features, width 256, 4 blocks).
import { Tensor } from '../torch/index.js';
import { Module, Linear, BatchNorm1d, Dropout } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import type { DropPathSpec } from './droppath.js';

export class MLPBlock extends BlockBase {
  declare bn: Module; declare fc1: Module; declare drop: Module | null; declare fc2: Module;
  constructor(width: number, hidden: number, dropout = 0, plain = false) {
    super({ inChannels: width, outChannels: width, stride: [] });
    this.setShortcut(plain);
    this.registerModule('bn', new BatchNorm1d(width));
    this.registerModule('fc1', new Linear(width, hidden));
    this.drop = dropout > 0 ? this.registerModule('drop', new Dropout(dropout)) : null;
    this.registerModule('fc2', new Linear(hidden, width));
  }
  protected branch(_i: number, x: Tensor): Tensor {
    let h = this.fc1.forward(this.bn.forward(x)).relu();
    if (this.drop) h = this.drop.forward(h);
    return this.fc2.forward(h);
  }
}

export interface MLPResNetConfig {
  family: 'mlp_resnet';
  inFeatures: number;
  numClasses: number;
  width: number;
  /** Hidden width inside a block (default = width). */
  hidden?: number;
  depth: number;
  dropout?: number;
  plain?: boolean;
  dropPath?: DropPathSpec;
}

export class MLPResNet extends BlockNet {
  readonly config: MLPResNetConfig;
  declare stem: Linear; declare bn: Module; declare head: Linear;
  constructor(cfg: MLPResNetConfig) {
    super();
    this.config = cfg;
    this.registerModule('stem', new Linear(cfg.inFeatures, cfg.width));
    this.addStage('layers', Array.from({ length: cfg.depth }, () => new MLPBlock(cfg.width, cfg.hidden ?? cfg.width, cfg.dropout, cfg.plain)));
    this.setDropPath(cfg.dropPath);
    this.registerModule('bn', new BatchNorm1d(cfg.width));
    this.registerModule('head', new Linear(cfg.width, cfg.numClasses));
  }
  protected stemForward(x: Tensor): Tensor { return this.stem.forward(x); }
  protected headForward(h: Tensor): Tensor { return this.head.forward(this.bn.forward(h).relu()); }
}
