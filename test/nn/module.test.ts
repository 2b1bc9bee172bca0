// Module: registration, naming, traversal, train/eval, stateDict/loadStateDict,
// numParameters, to(), zeroGrad and dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import type { Tensor } from '../../src/torch/index.js';
import { Module, Linear, Conv2d, BatchNorm2d, Sequential, ModuleList, ReLU, Flatten, Dropout } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';

class Block extends Module {
  declare conv: Conv2d;
  declare bn: BatchNorm2d;
  declare scale: Tensor;
  constructor(c: number) {
    super();
    this.registerModule('conv', new Conv2d(c, c, 3, { padding: 1, bias: false }));
    this.registerModule('bn', new BatchNorm2d(c));
    this.registerParameter('scale', torch.ones([1]));
  }
  forward(x: Tensor): Tensor { return x.add(this.bn.forward(this.conv.forward(x)).mul(this.scale)); }
}

class Net extends Module {
  declare stem: Conv2d;
  declare blocks: ModuleList<Block>;
  declare head: Sequential;
  constructor() {
    super();
    this.registerModule('stem', new Conv2d(1, 4, 3, { padding: 1 }));
    this.registerModule('blocks', new ModuleList([new Block(4), new Block(4)]));
    this.registerModule('head', new Sequential(new Flatten(), new Dropout(0.5), new Linear(4 * 5 * 5, 3)));
  }
  forward(x: Tensor): Tensor {
    let h = this.stem.forward(x);
    for (const b of this.blocks) h = b.forward(h);
    return this.head.forward(h);
  }
}

test('parameter, buffer and child names follow PyTorch (dotted, numbered in containers)', () => {
  const net = new Net();
  const params = [...net.namedParameters()].map(([n]) => n);
  assert.deepEqual(params, [
    'stem.weight', 'stem.bias',
    'blocks.0.scale', 'blocks.0.conv.weight', 'blocks.0.bn.weight', 'blocks.0.bn.bias',
    'blocks.1.scale', 'blocks.1.conv.weight', 'blocks.1.bn.weight', 'blocks.1.bn.bias',
    'head.2.weight', 'head.2.bias',
  ]);
  const buffers = [...net.namedBuffers()].map(([n]) => n);
  assert.deepEqual(buffers, ['blocks.0.bn.running_mean', 'blocks.0.bn.running_var', 'blocks.0.bn.num_batches_tracked',
    'blocks.1.bn.running_mean', 'blocks.1.bn.running_var', 'blocks.1.bn.num_batches_tracked']);
  assert.deepEqual([...net.namedChildren()].map(([n]) => n), ['stem', 'blocks', 'head']);
  assert.deepEqual([...net.namedModules()].map(([n]) => n).slice(0, 5), ['', 'stem', 'blocks', 'blocks.0', 'blocks.0.conv']);
  assert.equal(net.children().length, 3);
  assert.ok(net.parameters().every((p) => p.requiresGrad && p.isLeaf));
  assert.ok(net.buffers().every((b) => !b.requiresGrad));
});

test('numParameters counts trainable elements, shared parameters once', () => {
  const net = new Net();
  const expected = (4 * 1 * 9 + 4) + 2 * (1 + 4 * 4 * 9 + 4 + 4) + (100 * 3 + 3);
  assert.equal(net.numParameters(), expected);
  const shared = new Linear(3, 3);
  const seq = new Sequential(shared, new ReLU(), shared);
  assert.equal(seq.numParameters(), 12);
  assert.equal(seq.parameters().length, 2);
});

test('train() and eval() reach every submodule and change behaviour (dropout, batch norm)', () => {
  const net = new Net();
  net.eval();
  assert.ok(net.modules().every((m) => !m.training));
  torch.manualSeed(0);
  const x = torch.randn([2, 1, 5, 5]);
  const a = net.forward(x);
  const b = net.forward(x);
  assert.ok(a.equal(b), 'eval mode must be deterministic');
  assert.equal(net.blocks.at(0).bn.num_batches_tracked.item(), 0);
  net.train();
  assert.ok(net.modules().every((m) => m.training));
  net.forward(x);
  assert.equal(net.blocks.at(0).bn.num_batches_tracked.item(), 1);
  assert.ok(!net.forward(x).equal(net.forward(x)), 'train mode dropout should differ between calls');
});

test('stateDict holds the live tensors; loadStateDict copies in place and checks keys and shapes', () => {
  torch.manualSeed(1);
  const a = new Net();
  torch.manualSeed(2);
  const b = new Net();
  const sd = a.stateDict();
  assert.equal(sd.size, 12 + 6);
  assert.equal(sd.get('stem.weight'), a.stem.weight);
  const bWeight = b.stem.weight;
  const opt = new SGD(b.parameters(), { lr: 0.1 });
  const r = b.loadStateDict(sd);
  assert.deepEqual(r, { missing: [], unexpected: [] });
  assert.equal(b.stem.weight, bWeight, 'parameters keep their identity');
  for (const [k, t] of sd) assert.ok(b.stateDict().get(k)!.equal(t), k);
  assert.equal(opt.paramGroups[0].params[0], b.stem.weight);

  const partial = new Map(sd);
  partial.delete('head.2.bias');
  partial.set('extra', torch.zeros([1]));
  assert.throws(() => b.loadStateDict(partial), /missing keys \[head\.2\.bias\], unexpected keys \[extra\]/);
  assert.deepEqual(b.loadStateDict(partial, false), { missing: ['head.2.bias'], unexpected: ['extra'] });
  const wrong = new Map(sd);
  wrong.set('stem.bias', torch.zeros([5]));
  assert.throws(() => b.loadStateDict(wrong), /'stem\.bias' has shape \[5\] in the checkpoint, \[4\] in the model/);
  // a float64 checkpoint loads into a float32 model
  const f64 = new Map([...sd].map(([k, t]) => [k, t.dtype === 'float32' ? t.double() : t] as [string, Tensor]));
  b.loadStateDict(f64);
  assert.equal(b.stem.weight.dtype, 'float32');
});

test('stateDict round-trips through safetensors', () => {
  torch.manualSeed(3);
  const a = new Net();
  const b = new Net();
  const buf = torch.encodeSafetensors(a.stateDict());
  b.loadStateDict(torch.decodeSafetensors(buf).tensors);
  a.eval();
  b.eval();
  const x = torch.randn([1, 1, 5, 5]);
  assert.ok(a.forward(x).equal(b.forward(x)));
});

test('to(dtype) converts floating tensors in place and keeps optimizers working', () => {
  const net = new Net();
  const opt = new SGD(net.parameters(), { lr: 0.1 });
  const w = net.stem.weight;
  net.to('float64');
  assert.equal(w.dtype, 'float64');
  assert.equal(net.stem.weight, w);
  assert.ok(w.isLeaf && w.requiresGrad);
  assert.equal(net.blocks.at(0).bn.num_batches_tracked.dtype, 'int64');
  net.eval();
  const before = w.clone();
  net.forward(torch.ones([1, 1, 5, 5], { dtype: 'float64' })).sum().backward();
  opt.step();
  assert.ok(!w.equal(before), 'the optimizer no longer updates the converted parameter');
});

test('zeroGrad clears gradients; replaceModule swaps a child; dispose frees everything', () => {
  const net = new Net();
  net.eval().forward(torch.ones([1, 1, 5, 5])).sum().backward();
  assert.ok(net.parameters().every((p) => p.grad !== null));
  net.zeroGrad();
  assert.ok(net.parameters().every((p) => p.grad === null));
  const old = net.blocks.at(1);
  net.blocks.replaceModule('1', new Block(4));
  assert.notEqual([...net.blocks.namedChildren()][1][1], old);
  assert.throws(() => net.replaceModule('nope', new ReLU()), /has no child 'nope'/);
  const live = torch.liveTensors();
  const count = net.stateDict().size;
  net.dispose();
  assert.equal(live - torch.liveTensors(), count);
});
