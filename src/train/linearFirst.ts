// "Linear first" for models with a linear input→output shortcut (detect_mlp_skip_resnet):
// the shortcut is fitted alone, as the class-weighted logistic regression of the baselines
// on the same inputs (to convergence, with its own optimiser), then frozen; the residual
// stack, whose head starts at zero, then trains on what the linear model misses. On
// CERT-like features logistic regression is the strongest baseline, and a jointly trained
// shortcut (with the network's learning rate and early stopping) does not reach it. In an
// efficient ensemble (TabM members) the shortcut is a BatchEnsemble layer: its adapters
// are set to 1 and frozen too, so every member's shortcut is that one logistic model.
import * as torch from '../torch/index.js';
import { LogisticRegression } from '../baselines/logistic.js';
import type { BlockNet } from '../models/index.js';
import { BatchEnsembleLinear, type Module } from '../nn/index.js';
import type { DetectionData } from './data.js';
import { rowsTensor } from './predict.js';

export interface LinearShortcut { w: Float32Array; b: number }

/** Logistic regression on the layout's flat inputs of the training rows. */
export function fitLinearShortcut(data: DetectionData, seed: number): LinearShortcut {
  const rows = data.split.train;
  const [n, f] = [rows.length, data.layout.inputShape.reduce((a, b) => a * b, 1)];
  const x = torch.tidy(() => {
    const r = rowsTensor(rows);
    try {
      return data.layout.batch(r).reshape([n, f]).contiguous().dataSync() as Float32Array;
    } finally {
      r.dispose();
    }
  });
  const y = Uint8Array.from(rows, (r) => (data.labels[r]! > 0 ? 1 : 0));
  const lr = new LogisticRegression();
  try {
    lr.fit({ x, n, f }, y, { seed });
    return lr.rawLinear();
  } finally {
    lr.dispose();
  }
}

/** Sets the model's shortcut to `s` and freezes it. */
export function setLinearShortcut(model: BlockNet, name: string, s: LinearShortcut): void {
  const skip = (model as unknown as { skip?: Module & { weight: torch.Tensor; bias: torch.Tensor | null } }).skip;
  if (!skip || !skip.bias) throw new Error(`--linear-first needs a model with a linear input→output shortcut (detect_mlp_skip_resnet); ${name} has none`);
  if (skip.weight.shape[0] !== 1 || skip.weight.shape[1] !== s.w.length) throw new Error(`--linear-first: the shortcut is ${skip.weight.shape.join('×')}, the fitted linear model 1×${s.w.length}`);
  torch.noGrad(() => torch.tidy(() => {
    skip.weight.copy_(torch.tensor(s.w, { shape: [1, s.w.length] }));
    skip.bias!.fill_(s.b);
    if (skip instanceof BatchEnsembleLinear) { skip.r.fill_(1); skip.s.fill_(1); }
  }));
  for (const p of skip.parameters()) p.requiresGrad_(false);
}
