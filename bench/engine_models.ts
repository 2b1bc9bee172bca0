// The two networks bench:engine times, written directly on reslab's nn so the engine is
// measured on its own (the model zoo has its own benchmark, bench:models). Their
// PyTorch twins are in engine_pytorch.py; both must stay the same architecture.
import * as torch from '../src/torch/index.js';
import { Tensor, F } from '../src/torch/index.js';
import { Module, Conv2d, BatchNorm2d, Linear, BatchNorm1d, Sequential } from '../src/nn/index.js';

class BasicBlockA extends Module {
  conv1: Conv2d; bn1: BatchNorm2d; conv2: Conv2d; bn2: BatchNorm2d;
  constructor(readonly cin: number, readonly cout: number, readonly stride: number) {
    super();
    this.conv1 = this.registerModule('conv1', new Conv2d(cin, cout, 3, { stride, padding: 1, bias: false }));
    this.bn1 = this.registerModule('bn1', new BatchNorm2d(cout));
    this.conv2 = this.registerModule('conv2', new Conv2d(cout, cout, 3, { padding: 1, bias: false }));
    this.bn2 = this.registerModule('bn2', new BatchNorm2d(cout));
  }
  forward(x: Tensor): Tensor {
    const out = this.bn2.forward(this.conv2.forward(this.bn1.forward(this.conv1.forward(x)).relu()));
    let sc = x;
    if (this.stride !== 1 || this.cin !== this.cout) {
      // Option A: subsample and zero-pad the new channels.
      const p = (this.cout - this.cin) / 2;
      sc = F.pad(x.slice(2, 0, null, 2).slice(3, 0, null, 2), [0, 0, 0, 0, p, p]);
    }
    return out.add(sc).relu();
  }
}

export class ResNet20 extends Module {
  conv: Conv2d; bn: BatchNorm2d; blocks: Sequential; fc: Linear;
  constructor() {
    super();
    this.conv = this.registerModule('conv', new Conv2d(3, 16, 3, { padding: 1, bias: false }));
    this.bn = this.registerModule('bn', new BatchNorm2d(16));
    const blocks: Module[] = [];
    let cin = 16;
    for (const [i, w] of [16, 32, 64].entries()) {
      for (let b = 0; b < 3; b++) {
        blocks.push(new BasicBlockA(cin, w, i > 0 && b === 0 ? 2 : 1));
        cin = w;
      }
    }
    this.blocks = this.registerModule('blocks', new Sequential(...blocks));
    this.fc = this.registerModule('fc', new Linear(64, 10));
  }
  forward(x: Tensor): Tensor {
    const h = this.blocks.forward(this.bn.forward(this.conv.forward(x)).relu());
    return this.fc.forward(F.adaptiveAvgPool2d(h, 1).flatten(1));
  }
}

class MLPBlock extends Module {
  bn: BatchNorm1d; fc1: Linear; fc2: Linear;
  constructor(width: number) {
    super();
    this.bn = this.registerModule('bn', new BatchNorm1d(width));
    this.fc1 = this.registerModule('fc1', new Linear(width, width));
    this.fc2 = this.registerModule('fc2', new Linear(width, width));
  }
  forward(x: Tensor): Tensor {
    return x.add(this.fc2.forward(this.fc1.forward(this.bn.forward(x)).relu()));
  }
}

export class TabularResNet extends Module {
  stem: Linear; blocks: Sequential; bn: BatchNorm1d; head: Linear;
  constructor(features: number, width: number, depth: number) {
    super();
    this.stem = this.registerModule('stem', new Linear(features, width));
    this.blocks = this.registerModule('blocks', new Sequential(...Array.from({ length: depth }, () => new MLPBlock(width))));
    this.bn = this.registerModule('bn', new BatchNorm1d(width));
    this.head = this.registerModule('head', new Linear(width, 1));
  }
  forward(x: Tensor): Tensor {
    return this.head.forward(this.bn.forward(this.blocks.forward(this.stem.forward(x))).relu()).squeeze(1);
  }
}

export { torch };
