// Layers: constructor arguments and state names as in torch.nn, forward equal to the
// functional form, and the containers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F } from '../../src/torch/index.js';
import * as nn from '../../src/nn/index.js';
import { assertClose } from '../helpers/close.js';

test('Linear: weight [out, in], optional bias, forward = F.linear', () => {
  const l = new nn.Linear(5, 3);
  assert.deepEqual(l.weight.shape, [3, 5]);
  assert.deepEqual(l.bias!.shape, [3]);
  const x = torch.randn([4, 5]);
  assert.ok(l.forward(x).equal(F.linear(x, l.weight, l.bias)));
  const nb = new nn.Linear(5, 3, false);
  assert.equal(nb.bias, null);
  assert.deepEqual([...nb.namedParameters()].map(([n]) => n), ['weight']);
});

test('Conv1d/Conv2d: weight shape with groups, options reach the functional', () => {
  const c = new nn.Conv2d(4, 6, [3, 2], { stride: 2, padding: [1, 0], dilation: [1, 2], groups: 2 });
  assert.deepEqual(c.weight.shape, [6, 2, 3, 2]);
  const x = torch.randn([1, 4, 9, 9]);
  assert.ok(c.forward(x).equal(F.conv2d(x, c.weight, c.bias, 2, [1, 0], [1, 2], 2)));
  const same = new nn.Conv1d(3, 5, 4, { padding: 'same', bias: false });
  assert.equal(same.bias, null);
  assert.deepEqual(same.forward(torch.randn([2, 3, 11])).shape, [2, 5, 11]);
  assert.throws(() => new nn.Conv2d(3, 4, 3, { groups: 2 }), /divisible by groups/);
});

test('BatchNorm: parameters, buffers, running stats in train, frozen in eval; affine off', () => {
  const bn = new nn.BatchNorm2d(3);
  assert.deepEqual([...bn.stateDict().keys()], ['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
  const x = torch.randn([4, 3, 2, 2]).mul(2).add(5);
  const y = bn.forward(x);
  assertClose(y.mean([0, 2, 3]), [0, 0, 0], { atol: 1e-5 });
  assertClose(bn.running_mean, x.mean([0, 2, 3]).mul(0.1), { atol: 1e-5 });
  bn.eval();
  const rm = bn.running_mean.clone();
  bn.forward(x);
  assert.ok(bn.running_mean.equal(rm));
  assert.equal(bn.num_batches_tracked.item(), 1);
  const plain = new nn.BatchNorm1d(3, 1e-5, 0.1, false);
  assert.equal(plain.weight, null);
  assert.deepEqual(plain.parameters(), []);
  assert.deepEqual(plain.forward(torch.randn([5, 3])).shape, [5, 3]);
});

test('LayerNorm and GroupNorm modules match the functional forms', () => {
  const x = torch.randn([2, 4, 6]);
  const ln = new nn.LayerNorm(6);
  assert.deepEqual(ln.weight.shape, [6]);
  assert.ok(ln.forward(x).equal(F.layerNorm(x, [6], ln.weight, ln.bias)));
  const gn = new nn.GroupNorm(2, 4);
  assert.ok(gn.forward(x).equal(F.groupNorm(x, 2, gn.weight, gn.bias)));
});

test('Dropout and ChannelDropout act only in training', () => {
  torch.manualSeed(4);
  const x = torch.ones([8, 16, 4]);
  const d = new nn.Dropout(0.5);
  assert.ok(!d.forward(x).equal(x));
  d.eval();
  assert.equal(d.forward(x), x);
  const c = new nn.ChannelDropout(0.5);
  const y = c.forward(x);
  assert.equal(y.amax(2).sub(y.amin(2)).abs().max().item(), 0);
  assert.equal(c.eval().forward(x), x);
});

test('pooling, flatten and identity modules', () => {
  const x = torch.randn([2, 3, 8, 8]);
  assert.deepEqual(new nn.MaxPool2d(2).forward(x).shape, [2, 3, 4, 4]);
  assert.deepEqual(new nn.MaxPool2d(3, 2, 1).forward(x).shape, [2, 3, 4, 4]);
  assert.deepEqual(new nn.AvgPool2d([2, 4]).forward(x).shape, [2, 3, 4, 2]);
  assert.deepEqual(new nn.AdaptiveAvgPool2d(1).forward(x).shape, [2, 3, 1, 1]);
  const s = torch.randn([2, 3, 10]);
  assert.deepEqual(new nn.MaxPool1d(2).forward(s).shape, [2, 3, 5]);
  assert.deepEqual(new nn.AvgPool1d(3, 1, 1).forward(s).shape, [2, 3, 10]);
  assert.deepEqual(new nn.AdaptiveAvgPool1d(4).forward(s).shape, [2, 3, 4]);
  assert.deepEqual(new nn.Flatten().forward(x).shape, [2, 192]);
  assert.deepEqual(new nn.Flatten(0, 1).forward(x).shape, [6, 8, 8]);
  assert.equal(new nn.Identity().forward(x), x);
});

test('activation modules and lookup by name', () => {
  const x = torch.linspace(-3, 3, 13);
  const pairs: [nn.Module, torch.Tensor][] = [
    [new nn.ReLU(), F.relu(x)], [new nn.ReLU6(), F.relu6(x)], [new nn.GELU(), F.gelu(x)], [new nn.SiLU(), F.silu(x)],
    [new nn.Sigmoid(), F.sigmoid(x)], [new nn.Tanh(), F.tanh(x)], [new nn.ELU(), F.elu(x)], [new nn.Hardswish(), F.hardswish(x)],
    [new nn.LeakyReLU(0.2), F.leakyRelu(x, 0.2)], [new nn.Activation('softplus'), F.softplus(x)],
  ];
  for (const [m, want] of pairs) assert.ok(m.forward(x).equal(want), m.constructor.name);
  assert.equal(nn.activationFn('identity')(x), x);
  assert.ok(nn.activationFn('leaky_relu')(x).equal(F.leakyRelu(x, 0.01)));
  assert.throws(() => nn.activationFn('swish' as never), /unknown activation 'swish'/);
});

test('Embedding: weight [num, dim] drawn from N(0, 1)', () => {
  torch.manualSeed(0);
  const e = new nn.Embedding(500, 40);
  assert.deepEqual(e.weight.shape, [500, 40]);
  assert.ok(Math.abs(e.weight.std().item() - 1) < 0.05);
  assert.deepEqual(e.forward(torch.tensor([[1, 2, 3]], { dtype: 'int64' })).shape, [1, 3, 40]);
});

test('Sequential and ModuleList', () => {
  const seq = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU());
  seq.append(new nn.Linear(8, 2));
  assert.equal(seq.length, 3);
  assert.ok(seq.at(-1) instanceof nn.Linear);
  const x = torch.randn([3, 4]);
  const l0 = seq.at(0) as nn.Linear;
  const l2 = seq.at(2) as nn.Linear;
  assert.ok(seq.forward(x).equal(l2.forward(F.relu(l0.forward(x)))));
  assert.deepEqual([...seq.stateDict().keys()], ['0.weight', '0.bias', '2.weight', '2.bias']);
  const list = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
  assert.equal([...list].length, 2);
  assert.equal(list.parameters().length, 4);
  assert.throws(() => list.forward(), /ModuleList has no forward/);
});

test('Sequential and ModuleList run their registered children: replaceModule changes what forward uses', () => {
  const seq = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 2));
  const l0 = seq.at(0) as nn.Linear;
  const fresh = new nn.Linear(8, 2);
  seq.replaceModule('2', fresh);
  assert.equal(seq.at(2), fresh);
  assert.equal(seq.at(-1), fresh);
  assert.equal(seq.length, 3);
  assert.equal(seq.stateDict().get('2.weight'), fresh.weight);
  const x = torch.randn([3, 4]);
  assert.ok(seq.forward(x).equal(fresh.forward(F.relu(l0.forward(x)))), 'forward runs the replacement');
  const list = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
  const other = new nn.Linear(2, 2);
  list.replaceModule('1', other);
  assert.equal(list.at(1), other);
  assert.equal([...list][1], other);
  assert.equal(list.length, 2);
});

test('getSubmodule walks dotted paths and names the missing part', () => {
  const seq = new nn.Sequential(new nn.Sequential(new nn.Linear(2, 3)), new nn.ReLU());
  assert.ok(seq.getSubmodule('0.0') instanceof nn.Linear);
  assert.equal(seq.getSubmodule(''), seq);
  assert.throws(() => seq.getSubmodule('0.5'), /no child '5' \(looking up '0.5'\)/);
});
