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
  private plain = false;
  private _enabled = true;

  constructor(readonly shape: BlockShape, readonly numBranches = 1) {
    super();
    this.branchScales = Array(numBranches).fill(1);
  }

  /**
   * Sets the shortcut from a constructor: `plain` blocks have none (plain nets,
   * transitions), the others map x through `proj` (makeShortcut's projection or
   * zero-padding; null is the identity), registered as torchvision's `downsample`. Call
   * it where the shortcut should sit in the state dict.
   */
  protected setShortcut(plain: boolean, proj: Module | null = null): void {
    this.plain = plain;
    if (proj) this.registerModule('downsample', proj);
  }
  /**
   * The shortcut's projection: the child 'downsample', read by name because the
   * contract's `downsample` is this class's flag (null: the identity, or no shortcut).
   */
  get proj(): Module | null {
    for (const [n, m] of this.namedChildren()) if (n === 'downsample') return m;
    return null;
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
 * Children are named '0', '1', … (torchvision's `layer1.0`) or, with a `prefix`,
 * `${prefix}1`, `${prefix}2`, … (torchvision's `denseblock1.denselayer1`).
 */
export class Stage extends ModuleList<BlockBase> {
  constructor(blocks: BlockBase[] = [], readonly prefix = '') {
    super();
    for (const b of blocks) this.append(b);
  }
  override append(b: BlockBase): this {
    this.registerModule(this.prefix ? `${this.prefix}${this.length + 1}` : String(this.length), b);
    return this;
  }
  /** Only blocks fit a stage: the analyses read the block contract from every entry. */
  override replaceModule(name: string, m: Module): void {
    if (!(m instanceof BlockBase)) throw new Error(`Stage: child '${name}' must be a residual block (BlockBase), got ${m.constructor.name}`);
    super.replaceModule(name, m);
  }
  /** The name of the i-th block ('3' or 'denselayer4'). */
  nameAt(i: number): string {
    const names = [...this.namedChildren()].map(([n]) => n);
    if (!(i >= 0 && i < names.length)) throw new Error(`Stage: no block ${i} (it has ${names.length})`);
    return names[i];
  }
  set(i: number, b: BlockBase): void { this.replaceModule(this.nameAt(i), b); }
  override forward(x: Tensor): Tensor {
    for (const b of this) x = b.forward(x);
    return x;
  }
}

/** Keeps the model's structure when a child is replaced: a stage by a stage, a block by a block. */
function checkReplacement(owner: Module, name: string, m: Module): void {
  const old = owner.getSubmodule(name);
  const where = `${owner.constructor.name}: '${name}'`;
  if (old instanceof Stage && !(m instanceof Stage)) throw new Error(`${where} is a stage of blocks; replace it with a Stage, got ${m.constructor.name}`);
  if (old instanceof BlockBase && !(m instanceof BlockBase)) throw new Error(`${where} is a residual block; replace it with a block (BlockBase), got ${m.constructor.name}`);
  if (old instanceof Features && !(m instanceof Features)) throw new Error(`${where} holds blocks; replace it with a Features, got ${m.constructor.name}`);
}

/**
 * Named layers, stages and blocks without a forward of their own: the model that owns
 * them runs them by name (torchvision's DenseNet keeps everything but the classifier
 * under `features`).
 */
export class Features extends Module {
  constructor(children: [string, Module][]) {
    super();
    for (const [n, m] of children) this.registerModule(n, m);
  }
  /** The child called `name`, or null. */
  child(name: string): Module | null {
    for (const [n, m] of this.namedChildren()) if (n === name) return m;
    return null;
  }
  override replaceModule(name: string, m: Module): void {
    checkReplacement(this, name, m);
    super.replaceModule(name, m);
  }
  override forward(): Tensor { throw new Error('Features has no forward; the model runs its children by name'); }
}

/** Where a block sits: its parent container and its name there. */
interface Slot { parent: Module; name: string; block: BlockBase }

/** A model = stem → stages of blocks → head; implements the ResidualModel contract. */
export abstract class BlockNet extends Module implements ResidualModel {
  abstract readonly config: ModelConfig;

  protected addStage(name: string, blocks: BlockBase[]): Stage {
    const s = this.registerModule(name, new Stage(blocks));
    this.blocks();
    return s;
  }
  override replaceModule(name: string, m: Module): void {
    checkReplacement(this, name, m);
    super.replaceModule(name, m);
    this.blocks();
  }

  /**
   * The blocks where they sit, in run order, read from the children (no second list): a
   * block is any BlockBase in the tree outside another block, in a stage (`layer1.0`) or
   * directly in a container (DenseNet's `features.transition1`).
   */
  private slots(): Slot[] {
    const out: Slot[] = [];
    const walk = (m: Module): void => {
      for (const [name, c] of m.namedChildren()) {
        if (c instanceof BlockBase) out.push({ parent: m, name, block: c });
        else walk(c);
      }
    };
    walk(this);
    return out;
  }

  /**
   * A state-dict key as reslab wrote it before its names followed torchvision's, mapped
   * to today's name, so checkpoints of older runs still load: the shortcut was `proj`
   * (now `downsample`). Families that moved more layers extend it.
   */
  protected legacyKey(k: string): string { return k.replace(/\.proj\./, '.downsample.'); }

  /** Module.loadStateDict, which also takes a checkpoint in reslab's older names (legacyKey). */
  override loadStateDict(sd: Map<string, Tensor> | Record<string, Tensor>, strict = true): { missing: string[]; unexpected: string[] } {
    const src = sd instanceof Map ? sd : new Map(Object.entries(sd));
    const own = this.stateDict();
    if ([...src.keys()].some((k) => !own.has(k))) {
      const renamed = new Map([...src].map(([k, t]) => [this.legacyKey(k), t]));
      if (renamed.size === src.size && [...renamed.keys()].every((k) => own.has(k))) return super.loadStateDict(renamed, strict);
    }
    return super.loadStateDict(src, strict);
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

  /**
   * Output rows per input row: k for an efficient ensemble of k members (src/train/members.ts
   * turns them into one score per row), 1 otherwise.
   */
  get members(): number { return this.foldedMembers; }

  /**
   * Parts that stay one network shared by every member when the model becomes a folded
   * ensemble (models/members.ts): those whose layers read tensors with another axis than
   * channels after the batch (the two-tower model's past tower reads [B, days, features]),
   * where a folded layer's per-member adapters would scale the wrong axis.
   */
  sharedAcrossMembers(): Module[] { return []; }

  private foldedMembers = 1;
  /** Set by foldMembers (models/members.ts) once its layers serve k members folded into the batch. */
  setFoldedMembers(k: number): void { this.foldedMembers = k; }
  /** [B, …] → [B·k, …], row b·k + i for member i: the input each member of a folded ensemble sees. */
  private memberRows(x: Tensor): Tensor {
    const k = this.foldedMembers;
    if (k === 1) return x;
    const [b, ...rest] = x.shape;
    return x.unsqueeze(1).expand([b, k, ...rest]).reshape([b * k, ...rest]);
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
    const bs = this.slots().map((s) => s.block);
    bs.forEach((b, i) => (b.index = i));
    return bs;
  }

  override forward(x: Tensor): Tensor {
    let h = this.stemForward(this.memberRows(x));
    this.beforeBlocks();
    for (const b of this.blocks()) h = b.forward(h);
    return this.headForward(h);
  }

  forwardWithActivations(x: Tensor): { output: Tensor; activations: Tensor[] } {
    let h = this.stemForward(this.memberRows(x));
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
    const slots = this.slots();
    const n = slots.length;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
      throw new Error(`swapBlocks(${i}, ${j}): indices must be integers in [0, ${n})`);
    }
    if (i === j) return;
    const [a, b] = [slots[i].block, slots[j].block];
    if (shapeKey(a.shape) !== shapeKey(b.shape)) {
      throw new Error(`swapBlocks(${i}, ${j}): shapes differ (${shapeKey(a.shape)} vs ${shapeKey(b.shape)}); only same-shape blocks can be swapped`);
    }
    slots[i].parent.replaceModule(slots[i].name, b);
    slots[j].parent.replaceModule(slots[j].name, a);
    this.blocks();
  }
}
