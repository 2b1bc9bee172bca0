// ResNet-MLP for flat feature vectors [B, F] (Gorishniy et al. 2021's tabular ResNet):
// linear stem → blocks x + Linear(ReLU(Linear(BN(x)))) → BN-ReLU → linear head. The
// engine benchmark's tabular model (100 features, width 256, 4 blocks). With `embed`, a
// per-feature numeric embedding (embed.ts) runs before the stem.
import { Tensor, noGrad } from '../torch/index.js';
import { Module, Linear, BatchNorm1d, Dropout } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import type { DropPathSpec } from './droppath.js';
import { NumericEmbedding, type EmbedSpec } from './embed.js';

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
  /**
   * A linear shortcut from the input straight to the output, beside the residual stack,
   * whose head starts at zero: at initialisation the model is a linear (logistic) model
   * and the blocks learn only what it misses. The idea of a residual block applied to the
   * whole network, for data where a linear model is already strong (CERT-like features).
   */
  inputSkip?: boolean;
  /** A numeric embedding of every input feature before the stem (the input shortcut reads the raw input). */
  embed?: EmbedSpec;
}

export class MLPResNet extends BlockNet {
  readonly config: MLPResNetConfig;
  declare embed: NumericEmbedding | undefined; declare stem: Linear; declare bn: Module; declare head: Linear; declare skip: Linear | undefined;
  /** The input of the forward in progress, for the input shortcut (the head sees only the blocks' output). */
  private input: Tensor | null = null;
  constructor(cfg: MLPResNetConfig) {
    super();
    this.config = cfg;
    if (cfg.embed) this.registerModule('embed', new NumericEmbedding({ ...cfg.embed, input: [cfg.inFeatures] }));
    this.registerModule('stem', new Linear(this.embed ? this.embed.outputShape[0] : cfg.inFeatures, cfg.width));
    this.addStage('layers', Array.from({ length: cfg.depth }, () => new MLPBlock(cfg.width, cfg.hidden ?? cfg.width, cfg.dropout, cfg.plain)));
    this.setDropPath(cfg.dropPath);
    this.registerModule('bn', new BatchNorm1d(cfg.width));
    this.registerModule('head', new Linear(cfg.width, cfg.numClasses));
    if (cfg.inputSkip) {
      this.registerModule('skip', new Linear(cfg.inFeatures, cfg.numClasses));
      noGrad(() => { this.head.weight.zero_(); this.head.bias?.zero_(); });
    }
  }
  protected stemForward(x: Tensor): Tensor {
    if (this.config.inputSkip) this.input = x;
    return this.stem.forward(this.embed ? this.embed.forward(x) : x);
  }
  protected headForward(h: Tensor): Tensor {
    const out = this.head.forward(this.bn.forward(h).relu());
    if (!this.config.inputSkip) return out;
    const x = this.input!;
    this.input = null;
    return out.add(this.skip!.forward(x));
  }
}
