// Small models for the analysis tests: a zoo ResNet config with two stages (so it has a
// downsampling block and same-shape blocks to swap), and a toy net whose stem, joins and
// head are linear, so that the gradient through shortcuts alone does not depend on the
// forward values; and a tiny separable image set for the tests that train.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as torch from '../../src/torch/index.js';
import { encodeIdx } from '../../src/data/images/idx.js';
import { Rng } from '../../src/util/rng.js';
import { Linear } from '../../src/nn/index.js';
import { BlockBase, BlockNet, createModel, type ModelConfig } from '../../src/models/index.js';

export function tinyResNetConfig(shortcut: 'A' | 'none' = 'A', layers = [3, 2]): ModelConfig {
  return { family: 'resnet', dims: 2, inChannels: 1, numClasses: 3, stem: { kind: 'cifar', width: 4 }, block: 'basic', layers, widths: [4, 8], strides: [1, 2], shortcut };
}

/** A seeded tiny ResNet in eval mode (BN running statistics randomised so BN is not the identity). */
export function tinyResNet(seed = 1, shortcut: 'A' | 'none' = 'A', layers = [3, 2]): BlockNet {
  torch.manualSeed(seed);
  const m = createModel(tinyResNetConfig(shortcut, layers));
  torch.noGrad(() => {
    for (const [k, t] of m.stateDict()) {
      if (k.endsWith('running_mean')) t.data = torch.randn(t.shape).mul(0.1);
      if (k.endsWith('running_var')) t.data = torch.rand(t.shape).add(0.5);
    }
  });
  return m.eval();
}

class LinearBlock extends BlockBase {
  declare fc: Linear;
  constructor(width: number) {
    super({ inChannels: width, outChannels: width, stride: [] });
    this.setShortcut(false);
    this.registerModule('fc', new Linear(width, width));
  }
  protected branch(_i: number, x: torch.Tensor): torch.Tensor { return this.fc.forward(x).tanh(); }
}

export class ToyNet extends BlockNet {
  readonly config = { family: 'mlp_resnet', inFeatures: 5, numClasses: 3, width: 6, depth: 4 } as ModelConfig;
  declare stem: Linear; declare head: Linear;
  constructor(depth = 4) {
    super();
    this.registerModule('stem', new Linear(5, 6));
    this.addStage('layers', Array.from({ length: depth }, () => new LinearBlock(6)));
    this.registerModule('head', new Linear(6, 3));
  }
  protected stemForward(x: torch.Tensor): torch.Tensor { return this.stem.forward(x); }
  protected headForward(h: torch.Tensor): torch.Tensor { return this.head.forward(h); }
}

/** The model's output for x as a flat array (no autograd). */
export function outputOf(model: BlockNet, x: torch.Tensor): number[] {
  return torch.tidy(() => torch.noGrad(() => model.forward(x).toFlatArray()));
}

/** 8×8 images of 3 classes: class c is a bright band on rows 2c–2c+1, plus noise (IDX files, seeded). */
export function writeBandImages(dir: string, sizes: { train: number; test: number } = { train: 240, test: 60 }): void {
  const rng = new Rng(42);
  const make = (n: number) => {
    const labels = Array.from({ length: n }, (_, i) => i % 3);
    const px = labels.flatMap((c) => Array.from({ length: 64 }, (_, j) => {
      const row = j >> 3;
      return Math.max(0, Math.min(255, Math.round((row >> 1) === c ? 200 + rng.gauss(0, 20) : 40 + rng.gauss(0, 20))));
    }));
    return [encodeIdx('uint8', [n, 8, 8], px), encodeIdx('uint8', [n], labels)];
  };
  const [tri, trl] = make(sizes.train), [tei, tel] = make(sizes.test);
  writeFileSync(join(dir, 'train-images-idx3-ubyte'), tri);
  writeFileSync(join(dir, 'train-labels-idx1-ubyte'), trl);
  writeFileSync(join(dir, 't10k-images-idx3-ubyte'), tei);
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), tel);
}
