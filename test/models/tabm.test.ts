// TabM-style efficient ensembles (src/nn/ensemble.ts, MLPResNet's `members`): each member
// of a BatchEnsemble layer is a plain Linear with its adapters folded into W, member
// heads and per-member batch norm are each member's own layers, k = 1 is the plain model
// itself, and the MAC count is that of k networks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { Linear, BatchNorm1d, BatchEnsembleLinear, MemberLinear, MemberBatchNorm1d } from '../../src/nn/index.js';
import { createModel, profileModel } from '../../src/models/index.js';
import { assertClose } from '../helpers/close.js';

/** member i's [B, F] slice of a [B, k, F] tensor */
const member = (y: torch.Tensor, i: number) => y.select(1, i);

test('a BatchEnsemble layer with all adapters 1 and equal biases is the plain Linear(W, b) for every member', () => {
  torch.manualSeed(1);
  const k = 4;
  const be = new BatchEnsembleLinear(6, 5, k);
  torch.tidy(() => {
    // TabM's initialisation: s = r = 1 and one bias draw shared by the members.
    assert.equal(be.r.sub(1).abs().max().item(), 0);
    assert.equal(be.s.sub(1).abs().max().item(), 0);
    assert.equal(be.bias.sub(be.bias.select(0, 0)).abs().max().item(), 0);
    const plain = new Linear(6, 5);
    torch.noGrad(() => { plain.weight.copy_(be.weight); plain.bias!.copy_(be.bias.select(0, 0)); });
    const x = torch.randn([7, k, 6]);
    const y = be.forward(x);
    for (let i = 0; i < k; i++) assertClose(member(y, i), plain.forward(member(x, i)), { atol: 1e-6 }, `member ${i}`);
    // One member's adapter moved: only that member changes.
    torch.noGrad(() => be.r.select(0, 2).mul_(-1));
    const z = be.forward(x);
    assert.ok(member(z, 2).sub(plain.forward(member(x, 2))).abs().max().item() > 1e-3);
    assertClose(member(z, 1), plain.forward(member(x, 1)), { atol: 1e-6 }, 'member 1');
    plain.dispose();
  });
  be.dispose();
});

test('with any adapters, BatchEnsemble member i is Linear(W ⊙ s_i r_iᵀ, b_i); the first layer starts with r = ±1', () => {
  torch.manualSeed(2);
  const k = 3;
  const be = new BatchEnsembleLinear(4, 3, k, 'random-signs');
  torch.tidy(() => {
    const r = be.r.dataSync() as Float32Array;
    assert.ok(Array.from(r).every((v) => v === 1 || v === -1), 'r is ±1');
    assert.ok(new Set(r).size === 2, 'both signs occur');
    torch.noGrad(() => { be.s.normal_(1, 0.5); be.bias.normal_(0, 1); });
    const x = torch.randn([5, k, 4]);
    const y = be.forward(x);
    for (let i = 0; i < k; i++) {
      const w = be.weight.mul(be.s.select(0, i).unsqueeze(1)).mul(be.r.select(0, i).unsqueeze(0));
      assertClose(member(y, i), torch.F.linear(member(x, i), w, be.bias.select(0, i)), { atol: 1e-5 }, `member ${i}`);
    }
  });
  be.dispose();
});

test('member heads and per-member batch norm are each member\'s own Linear and BatchNorm1d', () => {
  torch.manualSeed(3);
  const k = 3, f = 4;
  const head = new MemberLinear(f, 2, k);
  const bn = new MemberBatchNorm1d(f, k);
  torch.tidy(() => {
    torch.noGrad(() => { bn.weight!.normal_(1, 0.3); bn.bias!.normal_(0, 0.3); });
    const x = torch.randn([6, k, f]).mul(torch.tensor([1, 3, 10]).view(1, k, 1)); // members on different scales
    const y = head.forward(x);
    const z = bn.forward(x);
    for (let i = 0; i < k; i++) {
      assertClose(member(y, i), torch.F.linear(member(x, i), head.weight.select(0, i), head.bias.select(0, i)), { atol: 1e-5 }, `head ${i}`);
      const own = new BatchNorm1d(f);
      torch.noGrad(() => { own.weight!.copy_(bn.weight!.narrow(0, i * f, f)); own.bias!.copy_(bn.bias!.narrow(0, i * f, f)); });
      assertClose(member(z, i), own.forward(member(x, i)), { atol: 1e-5 }, `bn ${i}`);
      assertClose(bn.running_var.narrow(0, i * f, f), own.running_var, { atol: 1e-5 }, `running var ${i}`);
      own.dispose();
    }
  });
  head.dispose();
  bn.dispose();
});

test('--members 1 is today\'s model: same parameters, same values, same outputs for a fixed seed', () => {
  for (const name of ['detect_mlp_resnet', 'detect_mlp_plain', 'detect_mlp_skip_resnet']) {
    torch.manualSeed(5);
    const a = createModel(name, { input: [30] });
    torch.manualSeed(5);
    const b = createModel(name, { input: [30], members: 1 });
    assert.equal(b.members, 1);
    assert.equal(b.numParameters(), a.numParameters(), name);
    const [sa, sb] = [a.stateDict(), b.stateDict()];
    assert.deepEqual([...sb.keys()], [...sa.keys()], name);
    for (const [key, t] of sa) assert.deepEqual(sb.get(key)!.toFlatArray(), t.toFlatArray(), `${name} ${key}`);
    torch.tidy(() => {
      const x = torch.randn([9, 30]);
      a.eval(); b.eval();
      assert.deepEqual(b.forward(x).toFlatArray(), a.forward(x).toFlatArray(), name);
    });
    a.dispose(); b.dispose();
  }
});

test('k members: k output rows per row, k times the MACs (plus the adapters), far fewer than k times the parameters', () => {
  const f = 40, k = 8;
  const plain = createModel('detect_mlp_resnet', { input: [f] });
  const tabm = createModel('detect_mlp_resnet', { input: [f], members: k });
  try {
    assert.equal(tabm.members, k);
    torch.tidy(() => {
      tabm.eval();
      assert.deepEqual(tabm.forward(torch.randn([5, f])).shape, [5 * k, 1]);
    });
    const p = profileModel(plain, [f]), q = profileModel(tabm, [f]);
    // Width 128, 4 blocks: stem f→128, 8 block layers 128→128, head 128→1.
    const layers: [number, number][] = [[f, 128], ...Array<[number, number]>(8).fill([128, 128])];
    assert.equal(p.macs, layers.reduce((a, [i, o]) => a + i * o, 0) + 128);
    // k networks' products, plus each BatchEnsemble layer's adapters k·(in + out).
    assert.equal(q.macs, k * p.macs + layers.reduce((a, [i, o]) => a + k * (i + o), 0));
    // Shared matrices: only vectors grow with k (adapters, biases, norms, heads).
    assert.ok(q.params < 2 * p.params, `${q.params} vs ${p.params}`);
  } finally {
    plain.dispose();
    tabm.dispose();
  }
});

test('members must be a whole number ≥ 1', () => {
  assert.throws(() => createModel('detect_grid_resnet', { members: 1.5 }), /members must be a whole number ≥ 1, got 1.5/);
  assert.throws(() => createModel('detect_mlp_resnet', { input: [10], members: 0 }), /members must be a whole number ≥ 1, got 0/);
});
