// Two-tower history detector over the timeline layout [T, C, f+1]. The 1-D ResNet over
// time (detect_history_resnet) sees the past and today as one picture and, on small data,
// memorises the few training insiders' pasts. Here today's row goes through exactly the
// flat MLP's stem, the previous T−1 days through a small shared encoder (pastdays.ts), and
// the summary enters through a linear fusion that starts at zero: at initialisation the
// network *is* the flat ResNet-MLP on today's row, and the past is used only as far as
// training finds it helps. Residual MLP blocks and the MLP's head follow.
import { Tensor, noGrad } from '../torch/index.js';
import { Module, Linear, BatchNorm1d } from '../nn/index.js';
import { BlockNet } from './blocks.js';
import { MLPBlock } from './mlp.js';
import { PastEncoder, dropDays, type PastEncoderKind } from './pastdays.js';

export interface TwoTowerConfig {
  family: 'two_tower';
  /** The timeline's shape (withInput sets them): days including today, channels, features per channel. */
  days: number;
  channels: number;
  features: number;
  numClasses: number;
  width: number;
  depth: number;
  dropout?: number;
  plain?: boolean;
  /**
   * What the past tower reads of each past day: every channel, or the deviation channels
   * only (all but the first, the normalised values), which say how unusual a day was for
   * the user and its peers rather than what it held.
   */
  past: 'all' | 'deviation';
  /** Width of a past day's embedding. */
  embed: number;
  encoder: PastEncoderKind;
  /** Time-dropout: the probability of dropping each past day while training. */
  timeDrop?: number;
}

export class TwoTowerNet extends BlockNet {
  readonly config: TwoTowerConfig;
  declare stem: Linear; declare pastTower: PastEncoder; declare fuse: Linear; declare bn: Module; declare head: Linear;
  private readonly pastFrom: number;
  constructor(cfg: TwoTowerConfig) {
    super();
    this.config = cfg;
    const { channels: C, features: f } = cfg;
    if (cfg.days < 2) throw new Error(`two_tower: needs at least one past day (days ≥ 2), got ${cfg.days}`);
    this.pastFrom = cfg.past === 'deviation' ? 1 : 0;
    if (this.pastFrom >= C) throw new Error(`two_tower: past 'deviation' needs deviation channels (the input has ${C} channel); train with --deviation user,peer`);
    this.registerModule('stem', new Linear(C * f, cfg.width));
    this.registerModule('pastTower', new PastEncoder((C - this.pastFrom) * f, cfg.embed, cfg.encoder));
    this.registerModule('fuse', new Linear(this.pastTower.width, cfg.width));
    noGrad(() => { this.fuse.weight.zero_(); this.fuse.bias?.zero_(); });
    this.addStage('layers', Array.from({ length: cfg.depth }, () => new MLPBlock(cfg.width, cfg.width, cfg.dropout, cfg.plain)));
    this.registerModule('bn', new BatchNorm1d(cfg.width));
    this.registerModule('head', new Linear(cfg.width, cfg.numClasses));
  }

  /** The past tower's layers read [B, days, features], not [B, channels, …]: shared by the members of a folded ensemble. */
  override sharedAcrossMembers(): Module[] { return [this.pastTower]; }

  protected stemForward(x: Tensor): Tensor {
    const { days: T, channels: C, features: f } = this.config;
    const B = x.shape[0];
    const today = x.select(1, T - 1).narrow(2, 0, f);
    const past = x.narrow(1, 0, T - 1);
    const D = (C - this.pastFrom) * f;
    const mask = dropDays(past.select(2, 0).select(2, f), this.config.timeDrop ?? 0, this.training);
    const summary = this.pastTower.forward(
      past.narrow(2, this.pastFrom, C - this.pastFrom).narrow(3, 0, f).reshape([B, T - 1, D]),
      mask,
      today.narrow(1, this.pastFrom, C - this.pastFrom).reshape([B, D]),
    );
    return this.stem.forward(today.reshape([B, C * f])).add(this.fuse.forward(summary));
  }

  protected headForward(h: Tensor): Tensor {
    return this.head.forward(this.bn.forward(h).relu());
  }
}
