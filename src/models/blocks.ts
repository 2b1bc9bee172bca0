// The one structural contract (DESIGN.md): a model exposes its ordered residual blocks,
// and each block can be removed (shortcut only), have branches scaled or switched off,
// have the gradient through branch or shortcut scaled, and be swapped with a block of
// the same shape — all on a built (and trained) model, without rebuilding it.
// docs/models.md describes what each family's "shortcut" and "branches" are.
import { Tensor, gradScale } from '../torch/index.js';
import { Module, ModuleList } from '../nn/index.js';
import { dropPath, dropWholeBatch, dropRateAt, type DropPathSpec } from './droppath.js';
import type { ModelConfig } from './config.js';

/** What goes in and comes out of a block: two blocks with equal shapes may be swapped. */
export interface BlockShape { inChannels: number; outChannels: number; stride: number[] }

export interface ResidualBlock {
  /** Position in the model's block order (updated by swapBlocks). */
  readonly index: number;
  /** True for blocks that change resolution or width (stage transitions). */
  readonly downsample: boolean;
  readonly shape: BlockShape;
  /** false = the block is removed: only its shortcut (and join) run. */
  enabled: boolean;
  /** Whether `enabled = false` is possible (plain blocks need an identity shape). */
  readonly removable: boolean;
  readonly numBranches: number;
  /** One factor per branch; 0 switches a branch off. */
  branchScales: number[];
  /** Backward-only factors on the gradient through the branches / the shortcut. */
  branchGradScale: number;
  shortcutGradScale: number;
  /** Stochastic depth of this block (0 = none); see droppath.ts for the modes. */
  dropRate: number;
}

export interface ResidualModel {
  blocks(): ResidualBlock[];
  /** activations[i] is block i's input; the last entry is the last block's output. */
  forwardWithActivations(x: Tensor): { output: Tensor; activations: Tensor[] };
  /** Exchanges the positions of two same-shape blocks; throws for different shapes. */
  swapBlocks(i: number, j: number): void;
  readonly config: ModelConfig;
}

export const shapeKey = (s: BlockShape) => `${s.inChannels}→${s.outChannels}/s${s.stride.join('x')}`;
const isIdentityShape = (s: BlockShape) => s.inChannels === s.outChannels && s.stride.every((v) => v === 1);

/**
 * A block computing join(shortcut(x) + Σ_i scale_i · branch_i(x)). Subclasses give the
 * branches, the shortcut (null: no shortcut, a plain block) and the join (the operation
 * after the addition, e.g. ReLU in ResNet v1). Removing the block keeps shortcut and join,
 * so for a single-branch block `enabled = false` equals `branchScales = [0]`.
 */
export abstract class BlockBase extends Module implements ResidualBlock {
  index = -1;
  branchScales: number[];
  branchGradScale = 1;
  shortcutGradScale = 1;
  dropRate = 0;
  dropMode: DropPathSpec['mode'] = 'sample';
  /** The shortcut's projection, registered as 'proj' (null: the identity, or no shortcut). */
  proj: Module | null = null;
  private plain = false;
  private _enabled = true;

  constructor(readonly shape: BlockShape, readonly numBranches = 1) {
    super();
    this.branchScales = Array(numBranches).fill(1);
  }

  /**
   * Sets the shortcut from a constructor: `plain` blocks have none (plain nets,
   * transitions), the others map x through `proj` (makeShortcut's projection or
   * zero-padding; null is the identity). Call it where 'proj' should sit in the state dict.
   */
  protected setShortcut(plain: boolean, proj: Module | null = null): void {
    this.plain = plain;
    this.proj = proj ? this.registerModule('proj', proj) : null;
  }

  get downsample(): boolean { return !isIdentityShape(this.shape); }
  /** False for blocks without a shortcut of their own (plain nets). */
  get hasShortcut(): boolean { return !this.plain; }
  get removable(): boolean { return this.hasShortcut || isIdentityShape(this.shape); }
  get enabled(): boolean { return this._enabled; }
  set enabled(v: boolean) {
    if (!v && !this.removable) {
      throw new Error(`block ${this.index} (${this.constructor.name}, ${shapeKey(this.shape)}) has no shortcut and changes shape: it cannot be removed`);
    }
    this._enabled = v;
  }

  protected abstract branch(i: number, x: Tensor): Tensor;
  protected shortcut(x: Tensor): Tensor | null {
    if (this.plain) return null;
    return this.proj ? this.proj.forward(x) : x;
  }
  protected join(y: Tensor): Tensor { return y; }

  /** Σ scale_i·branch_i(x); null when every branch is off. */
  protected combineBranches(x: Tensor): Tensor | null {
    let r: Tensor | null = null;
    for (let i = 0; i < this.numBranches; i++) {
      const s = this.branchScales[i] ?? 1;
      if (s === 0) continue;
      let b = this.branch(i, x);
      if (s !== 1) b = b.mul(s);
      r = r ? r.add(b) : b;
    }
    return r;
  }

  /** The combined branches with drop-path and gradient scaling; null when nothing is on. */
  protected residual(x: Tensor): Tensor | null {
    if (this.dropMode === 'batch' && dropWholeBatch(this.dropRate, this.training)) return null;
    let r = this.combineBranches(x);
    if (!r) return null;
    if (this.dropRate > 0) {
      if (this.dropMode === 'sample') r = dropPath(r, this.dropRate, this.training);
      else if (!this.training) r = r.mul(1 - this.dropRate);
    }
    return this.branchGradScale === 1 ? r : gradScale(r, this.branchGradScale);
  }

  override forward(x: Tensor): Tensor {
    let y = this.shortcut(x);
    if (y === null && !this._enabled) y = x; // a removed plain block passes its input on
    if (y && this.shortcutGradScale !== 1) y = gradScale(y, this.shortcutGradScale);
    const r = this._enabled ? this.residual(x) : null;
    if (r) y = y ? y.add(r) : r;
    // A plain block with every branch off outputs zeros of the branch's shape.
    if (!y) y = this.branch(0, x).mul(0);
    return this.join(y);
  }
}

/**
 * An ordered list of blocks that runs them in order. Like every container it keeps no
 * array of its own: the registered children are what runs, what `blocks()` lists and
 * what the state dict holds, so replacing a child (lesions, swaps) changes all three.
 */
export class Stage extends ModuleList<BlockBase> {
  /** Only blocks fit a stage: the analyses read the block contract from every entry. */
  override replaceModule(name: string, m: Module): void {
    if (!(m instanceof BlockBase)) throw new Error(`Stage: child '${name}' must be a residual block (BlockBase), got ${m.constructor.name}`);
    super.replaceModule(name, m);
  }
  set(i: number, b: BlockBase): void { this.replaceModule(String(i), b); }
  override forward(x: Tensor): Tensor {
    for (const b of this) x = b.forward(x);
    return x;
  }
}

/** A model = stem → stages of blocks → head; implements the ResidualModel contract. */
export abstract class BlockNet extends Module implements ResidualModel {
  abstract readonly config: ModelConfig;

  protected addStage(name: string, blocks: BlockBase[]): Stage {
    const s = this.registerModule(name, new Stage(blocks));
    this.blocks();
    return s;
  }
  /** The stages in registration order, read from the children (no second list). */
  protected stages(): Stage[] { return this.children().filter((m): m is Stage => m instanceof Stage); }
  override replaceModule(name: string, m: Module): void {
    const old = this.getSubmodule(name);
    if (old instanceof Stage && !(m instanceof Stage)) throw new Error(`${this.constructor.name}: '${name}' is a stage of blocks; replace it with a Stage, got ${m.constructor.name}`);
    super.replaceModule(name, m);
    this.blocks();
  }

  /**
   * Gives each block its drop-path rate and mode from the config, by its position among
   * `among` (timm's make_blocks: the rate grows along the whole net, not per stage).
   * DenseNet passes its dense layers only; transitions keep rate 0.
   */
  protected setDropPath(spec: DropPathSpec | undefined, among: BlockBase[] = this.blocks()): void {
    among.forEach((b, i) => {
      b.dropRate = dropRateAt(spec, i, among.length);
      b.dropMode = spec?.mode ?? 'sample';
    });
  }

  protected abstract stemForward(x: Tensor): Tensor;
  protected abstract headForward(h: Tensor): Tensor;
  /** Called once per forward before the blocks run (FractalNet samples its drop-path here). */
  protected beforeBlocks(): void {}

  /**
   * The blocks in run order. Each call also renumbers `index`, so a block put in place
   * by `replaceModule` (on a stage or the model) reports its position without any
   * further bookkeeping.
   */
  blocks(): BlockBase[] {
    const bs = this.stages().flatMap((s) => [...s]);
    bs.forEach((b, i) => (b.index = i));
    return bs;
  }

  override forward(x: Tensor): Tensor {
    let h = this.stemForward(x);
    this.beforeBlocks();
    for (const b of this.blocks()) h = b.forward(h);
    return this.headForward(h);
  }

  forwardWithActivations(x: Tensor): { output: Tensor; activations: Tensor[] } {
    let h = this.stemForward(x);
    this.beforeBlocks();
    const activations: Tensor[] = [];
    for (const b of this.blocks()) {
      activations.push(h);
      h = b.forward(h);
    }
    activations.push(h);
    return { output: this.headForward(h), activations };
  }

  swapBlocks(i: number, j: number): void {
    const slots = this.stages().flatMap((stage) => [...stage].map((_, pos) => ({ stage, pos })));
    const n = slots.length;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
      throw new Error(`swapBlocks(${i}, ${j}): indices must be integers in [0, ${n})`);
    }
    if (i === j) return;
    const a = slots[i].stage.at(slots[i].pos);
    const b = slots[j].stage.at(slots[j].pos);
    if (shapeKey(a.shape) !== shapeKey(b.shape)) {
      throw new Error(`swapBlocks(${i}, ${j}): shapes differ (${shapeKey(a.shape)} vs ${shapeKey(b.shape)}); only same-shape blocks can be swapped`);
    }
    slots[i].stage.set(slots[i].pos, b);
    slots[j].stage.set(slots[j].pos, a);
    this.blocks();
  }
}
