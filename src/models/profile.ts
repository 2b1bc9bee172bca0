// Size and cost of a model for one input: parameters, multiply-accumulates and the
// block table. MACs are counted the usual way (fvcore/ptflops): convolutions and linear
// layers only (a per-feature NLinear of a numeric embedding counts as the N linears it
// is), measured by running one eval-mode forward of a single sample with the
// conv/linear forwards wrapped, so any architecture is counted without shape algebra.
// An efficient ensemble's layers output [1, k, F] (the MLP's) or k rows (a folded
// ensemble's) for the one sample, so its k members are all counted; a BatchEnsemble layer
// adds its adapters' products (k·(in + out) for the MLP's, one per input and output value
// for a folded one).
import * as torch from '../torch/index.js';
import { Tensor } from '../torch/index.js';
import { Module, Conv1d, Conv2d, Linear, NLinear, BatchEnsembleLinear, MemberLinear, like, inEvalMode } from '../nn/index.js';
import { FoldedEnsembleConv, FoldedEnsembleLinear } from '../nn/foldedEnsemble.js';
import type { BlockNet } from './blocks.js';
import { shapeKey } from './blocks.js';

export interface BlockInfo {
  index: number;
  kind: string;
  shape: string;
  downsample: boolean;
  removable: boolean;
  numBranches: number;
  params: number;
  macs: number;
  outputShape: number[];
}

export interface ModelProfile {
  params: number;
  macs: number;
  input: number[];
  outputShape: number[];
  blockCount: number;
  downsampling: number[];
  blocks: BlockInfo[];
}

type Counted = Conv1d | Conv2d | Linear | NLinear | BatchEnsembleLinear | MemberLinear | FoldedEnsembleConv | FoldedEnsembleLinear;
const isCounted = (m: Module): m is Counted =>
  m instanceof Conv1d || m instanceof Conv2d || m instanceof Linear || m instanceof NLinear || m instanceof BatchEnsembleLinear || m instanceof MemberLinear
  || m instanceof FoldedEnsembleConv || m instanceof FoldedEnsembleLinear;

/** MACs of one layer's call on the probe's single sample: `out` holds every output value it produced. */
function macsOf(m: Counted, x: Tensor, out: Tensor): number {
  const values = out.numel();
  if (m instanceof BatchEnsembleLinear) return values * m.inFeatures + m.members * (m.inFeatures + m.outFeatures);
  if (m instanceof FoldedEnsembleLinear) return values * m.inFeatures + x.numel() + values;
  if (m instanceof Linear || m instanceof MemberLinear || m instanceof NLinear) return values * m.inFeatures;
  const c = m as Conv1d | Conv2d | FoldedEnsembleConv;
  const conv = values * (c.inChannels / c.groups) * c.kernelSize.reduce((a, b) => a * b, 1);
  return m instanceof FoldedEnsembleConv ? conv + x.numel() + values : conv;
}

export function profileModel(model: BlockNet, input: number[]): ModelProfile {
  const counted = new Map<Module, number>();
  let total = 0;
  const patched: Module[] = [];
  for (const m of model.modules()) {
    if (!isCounted(m)) continue;
    const orig = m.forward.bind(m);
    (m as { forward: (x: Tensor) => Tensor }).forward = (x: Tensor) => {
      const y = orig(x);
      const n = macsOf(m, x, y);
      counted.set(m, (counted.get(m) ?? 0) + n);
      total += n;
      return y;
    };
    patched.push(m);
  }
  const blocks = model.blocks();
  const blockMacs: number[] = [];
  const outShapes: number[][] = [];
  let outputShape: number[] = [];
  try {
    inEvalMode(model, () => torch.tidy(() => {
      // The probe input follows the model's dtype and device (a float64 or CUDA model).
      const p0 = model.parameters()[0];
      const x = torch.zeros([1, ...input], p0 ? like(p0) : {});
      const { output, activations } = model.forwardWithActivations(x);
      outputShape = output.shape.slice(1);
      activations.slice(1).forEach((a) => outShapes.push(a.shape.slice(1)));
    }));
    for (const b of blocks) {
      let s = 0;
      for (const m of b.modules()) s += counted.get(m) ?? 0;
      blockMacs.push(s);
    }
  } finally {
    for (const m of patched) delete (m as { forward?: unknown }).forward;
  }
  return {
    params: model.numParameters(),
    macs: total,
    input,
    outputShape,
    blockCount: blocks.length,
    downsampling: blocks.filter((b) => b.downsample).map((b) => b.index),
    blocks: blocks.map((b, i) => ({
      index: b.index,
      kind: b.constructor.name,
      shape: shapeKey(b.shape),
      downsample: b.downsample,
      removable: b.removable,
      numBranches: b.numBranches,
      params: b.numParameters(),
      macs: blockMacs[i],
      outputShape: outShapes[i],
    })),
  };
}

/** 1234567 → "1.23 M". */
export function humanCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}
