// Devices. CPU always; CUDA when the linked libtorch has it (Debian's libtorch does not, so
// those tests are skipped with the reason printed — the only skip in the suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F } from '../../src/torch/index.js';
import { Linear, Sequential, ReLU } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';

const cuda = torch.cudaIsAvailable();
const noCuda = cuda ? false : 'no CUDA in the linked libtorch';

test('CPU tensors report device cpu; to("cpu") keeps values', () => {
  const t = torch.tensor([1, 2]);
  assert.equal(t.device, 'cpu');
  assert.equal(t.cpu().device, 'cpu');
  assert.deepEqual(t.to('cpu').toFlatArray(), [1, 2]);
  assert.match(torch.configInfo(), /PyTorch built with/);
  assert.ok(torch.getNumThreads() >= 1);
});

test('a CUDA request works exactly when CUDA is reported, and otherwise says what to do', () => {
  if (cuda) {
    assert.match(torch.ones([2]).to('cuda').device, /^cuda/);
  } else {
    assert.throws(() => torch.ones([2]).to('cuda'), /no CUDA support.*LIBTORCH/);
    assert.throws(() => torch.zeros([2], { device: 'cuda' }), /no CUDA support/);
  }
});

test('CUDA: factories, ops, host copies and device moves', { skip: noCuda }, () => {
  const a = torch.arange(6, undefined, 1, { dtype: 'float32', device: 'cuda' }).reshape(2, 3);
  assert.match(a.device, /^cuda/);
  const b = a.matmul(a.t()).add(1);
  assert.match(b.device, /^cuda/);
  assert.deepEqual(b.toArray(), [[6, 15], [15, 51]]);
  assert.deepEqual(b.cpu().toArray(), [[6, 15], [15, 51]]);
  assert.equal(torch.tensor([1, 2], { device: 'cuda' }).sum().item(), 3);
});

test('CUDA: autograd and a training step on the device, same result as on CPU', { skip: noCuda }, () => {
  const run = (device: 'cpu' | 'cuda') => {
    torch.manualSeed(5);
    const model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2)).to('float64');
    if (device === 'cuda') model.to('cuda');
    const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const x = torch.tensor([[1, 2, 3, 4], [-1, 0, 1, 0]], { dtype: 'float64', device });
    const y = torch.tensor([1, 0], { dtype: 'int64', device });
    for (let i = 0; i < 3; i++) torch.tidy(() => {
      opt.zeroGrad();
      F.crossEntropy(model.forward(x), y).backward();
      opt.step();
    });
    return model.parameters().map((p) => p.cpu().toFlatArray());
  };
  const c = run('cpu');
  const g = run('cuda');
  for (let i = 0; i < c.length; i++) c[i].forEach((v, j) => assert.ok(Math.abs(v - g[i][j]) < 1e-9));
});
