// ResNet-MLP for flat feature vectors [B, F] (Gorishniy et al. 2021's tabular ResNet):
// linear stem → blocks x + Linear(ReLU(Linear(BN(x)))) → BN-ReLU → linear head. The
// engine benchmark's tabular model (100 features, width 256, 4 blocks).
//
// With `members` k > 1 it is a TabM-style efficient ensemble (Gorishniy et al. 2025) of k
// such networks: the input is replicated to [B, k, F], every linear layer is a
// BatchEnsemble layer (the stem's input adapter random ±1, TabM's first layer), each batch
// norm keeps per-member statistics, and each member has its own head. The output is
// [B·k, C], row b's members at b·k … b·k+k−1 (src/train/members.ts reads it).
// With `embed`, a per-feature numeric embedding (embed.ts) runs before the stem, once per
// row: the members share it and differ from the stem on.
import { Tensor, noGrad } from '../torch/index.js';
import { Module, Dropout, ensembleLayers } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import type { DropPathSpec } from './droppath.js';
import { NumericEmbedding, type EmbedSpec } from './embed.js';

export class MLPBlock extends BlockBase {
  declare bn: Module; declare fc1: Module; declare drop: Module | null; declare fc2: Module;
  constructor(width: number, hidden: number, dropout = 0, plain = false, members = 1) {
    super({ inChannels: width, outChannels: width, stride: [] });
    const L = ensembleLayers(members);
    this.setShortcut(plain);
    this.registerModule('bn', L.norm(width));
    this.registerModule('fc1', L.linear(width, hidden));
    this.drop = dropout > 0 ? this.registerModule('drop', new Dropout(dropout)) : null;
    this.registerModule('fc2', L.linear(hidden, width));
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
  /** Efficient-ensemble members (TabM); absent or 1: one plain network. */
  members?: number;
  /** A numeric embedding of every input feature before the stem (the input shortcut reads the raw input). */
  embed?: EmbedSpec;
}

interface Weighted { weight: Tensor; bias: Tensor | null }

export class MLPResNet extends BlockNet {
  readonly config: MLPResNetConfig;
  declare embed: NumericEmbedding | undefined; declare stem: Module; declare bn: Module; declare head: Module & Weighted; declare skip: (Module & Weighted) | undefined;
  /** The input of the forward in progress, for the input shortcut (the head sees only the blocks' output). */
  private input: Tensor | null = null;
  constructor(cfg: MLPResNetConfig) {
    super();
    this.config = cfg;
    const k = cfg.members ?? 1;
    const L = ensembleLayers(k);
    if (cfg.embed) this.registerModule('embed', new NumericEmbedding({ ...cfg.embed, input: [cfg.inFeatures] }));
    this.registerModule('stem', L.linear(this.embed ? this.embed.outputShape[0] : cfg.inFeatures, cfg.width, 'random-signs'));
    this.addStage('layers', Array.from({ length: cfg.depth }, () => new MLPBlock(cfg.width, cfg.hidden ?? cfg.width, cfg.dropout, cfg.plain, k)));
    this.setDropPath(cfg.dropPath);
    this.registerModule('bn', L.norm(cfg.width));
    this.registerModule('head', L.head(cfg.width, cfg.numClasses) as Module & Weighted);
    if (cfg.inputSkip) {
      // Adapters at 1: every member starts as the same linear (logistic) model.
      this.registerModule('skip', L.linear(cfg.inFeatures, cfg.numClasses) as Module & Weighted);
      noGrad(() => { this.head.weight.zero_(); this.head.bias?.zero_(); });
    }
  }
  override get members(): number { return this.config.members ?? 1; }
  protected stemForward(x: Tensor): Tensor {
    const k = this.members;
    let h = this.embed ? this.embed.forward(x) : x;
    if (k > 1) {
      x = x.unsqueeze(1).expand(x.shape[0], k, x.shape[1]);
      h = h.unsqueeze(1).expand(h.shape[0], k, h.shape[1]);
    }
    if (this.config.inputSkip) this.input = x;
    return this.stem.forward(h);
  }
  protected headForward(h: Tensor): Tensor {
    let out = this.head.forward(this.bn.forward(h).relu());
    if (this.config.inputSkip) {
      out = out.add(this.skip!.forward(this.input!));
      this.input = null;
    }
    return this.members > 1 ? out.flatten(0, 1) : out;
  }
}
