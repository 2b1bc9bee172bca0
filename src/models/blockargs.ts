// What the ResNet-structured builder hands each block constructor.
import type { Dims, Stride } from './conv.js';
import type { ShortcutKind } from './shortcut.js';

/** The BN/ReLU arrangements of He et al. 2016 ("Identity mappings", Fig. 4). */
export type Arrangement = 'a' | 'b' | 'c' | 'd' | 'e';

export interface BlockArgs {
  dims: Dims;
  cin: number;
  /** Stage width; bottleneck blocks output planes × 4. */
  planes: number;
  stride: Stride;
  shortcut: ShortcutKind;
  /** Cardinality (grouped 3×3 convolution, ResNeXt). */
  groups: number;
  /** Width per group at planes = 64 (torchvision's width_per_group). */
  baseWidth: number;
  /** SE reduction ratio; 0 or absent: no SE. */
  se?: number;
  /** Dropout between the convolutions (Wide ResNet). */
  dropout?: number;
  arrangement?: Arrangement;
  /** Res2Net scale s. */
  scale?: number;
  /** Multi-residual: residual functions per block. */
  multiplicity?: number;
  /** ResNeXt: expose each of the `groups` paths as a branch. */
  pathBranches?: boolean;
}

/** torchvision's bottleneck width: ⌊planes · baseWidth / 64⌋ · groups. */
export function bottleneckWidth(a: BlockArgs): number {
  const w = Math.floor((a.planes * a.baseWidth) / 64) * a.groups;
  if (w < 1) throw new Error(`bottleneck width ⌊${a.planes}·${a.baseWidth}/64⌋·${a.groups} is 0: raise baseWidth or the stage width`);
  return w;
}
