// The block contract of DESIGN.md on built models: remove, scale, gate gradients, swap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { Tensor } from '../../src/torch/index.js';
import { buildModel, createModel, type BlockNet, type ModelConfig } from '../../src/models/index.js';
import { tiny, variant } from './helpers.js';

function withModel(cfg: ModelConfig, fn: (m: BlockNet) => void): void {
  torch.manualSeed(1);
  const m = buildModel(cfg);
  try {
    torch.tidy(() => fn(m));
  } finally {
    m.dispose();
  }
}
const evalOut = (m: BlockNet, x: Tensor) => torch.noGrad(() => m.eval().forward(x));

for (const name of ['resnet_basic_A', 'preact_e_bottleneck', 'res2net_se', 'highway', 'multires', 'densenet_bc', 'rexnet', 'mlp', 'mlp_ple', 'resnet_ple']) {
  for (const dims of tiny[name].family === 'mlp_resnet' ? [2] : [1, 2]) {
    test(`${name} ${dims}-D: removing a block changes the output, keeps shapes; scales 0 = removal`, () => {
      const { cfg, shape } = variant(tiny[name], dims as 1 | 2);
      withModel(cfg, (m) => {
        const x = torch.randn(shape);
        const ref = evalOut(m, x);
        const blocks = m.blocks();
        // ReXNet widens in every block: there a widening (zero-padded shortcut) block is used.
        let i = blocks.findIndex((b) => b.removable && !b.downsample);
        if (i < 0) i = blocks.findIndex((b) => b.removable);
        assert.ok(i >= 0, 'a removable block exists');
        const b = blocks[i];
        b.enabled = false;
        const removed = evalOut(m, x);
        assert.deepEqual(removed.shape, ref.shape);
        assert.ok(!removed.allclose(ref, 1e-4, 1e-5), 'output changed');
        b.enabled = true;
        assert.ok(evalOut(m, x).allclose(ref, 1e-5, 1e-6), 'restored');
        b.branchScales = Array(b.numBranches).fill(0);
        assert.ok(evalOut(m, x).allclose(removed, 1e-5, 1e-6), 'all branch scales 0 equal removal');
        b.branchScales = Array(b.numBranches).fill(1);
      });
    });
  }
}

test('a removed downsampling block keeps its projection shortcut', () => {
  withModel({ ...tiny.resnet_basic_B_se } as ModelConfig, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const ds = m.blocks().find((b) => b.downsample)!;
    ds.enabled = false;
    const { activations } = torch.noGrad(() => m.eval().forwardWithActivations(x));
    assert.deepEqual(activations[ds.index + 1].shape, [2, 16, 4, 4]);
  });
});

test('plain nets: identity-shaped blocks pass their input when removed; others refuse', () => {
  withModel(tiny.plain, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const blocks = m.blocks();
    const ds = blocks.find((b) => b.downsample)!;
    assert.equal(ds.removable, false);
    assert.throws(() => (ds.enabled = false), /cannot be removed/);
    const id = blocks.find((b) => !b.downsample)!;
    id.enabled = false;
    const { activations } = torch.noGrad(() => m.eval().forwardWithActivations(x));
    assert.ok(activations[id.index + 1].equal(activations[id.index]), 'removed plain block is the identity');
  });
});

test('branch scale multiplies the residual of a single-branch block', () => {
  withModel(tiny.resnet_basic_A, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const b = m.blocks()[1];
    m.eval();
    const acts = () => torch.noGrad(() => m.forwardWithActivations(x).activations);
    // Post-activation: out = relu(x + s·F(x)); compare pre-ReLU through a preact-free check:
    const a1 = acts();
    b.branchScales = [0.5];
    const a2 = acts();
    assert.ok(a2[b.index].equal(a1[b.index]), 'input unchanged');
    assert.ok(!a2[b.index + 1].allclose(a1[b.index + 1]), 'output changed');
  });
});

test('ResNeXt path branches: all paths off equals removal, one path off changes the output', () => {
  withModel(tiny.resnext_paths, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const b = m.blocks()[1];
    assert.equal(b.numBranches, 4);
    const ref = evalOut(m, x);
    b.branchScales = [1, 0, 1, 1];
    assert.ok(!evalOut(m, x).allclose(ref, 1e-4, 1e-5));
    b.branchScales = [0, 0, 0, 0];
    const off = evalOut(m, x);
    b.branchScales = [1, 1, 1, 1];
    b.enabled = false;
    assert.ok(evalOut(m, x).allclose(off, 1e-5, 1e-6));
  });
});

test('branchGradScale scales the gradient of the branch weights, not the forward', () => {
  const grads = (scale: number, which: 'branch' | 'shortcut') => {
    torch.manualSeed(3);
    const m = createModel('resnet20', { input: [3, 8, 8] });
    try {
      return torch.tidy(() => {
        m.eval();
        const b = m.blocks()[4];
        if (which === 'branch') b.branchGradScale = scale;
        else b.shortcutGradScale = scale;
        const x = torch.randn([2, 3, 8, 8]);
        const y = m.forward(x);
        y.sum().backward();
        const named = new Map(m.namedParameters());
        return {
          out: y.sum().item(),
          own: named.get('layer2.1.conv1.weight')!.grad!.clone(),
          earlier: named.get('layer1.0.conv1.weight')!.grad!.clone(),
        };
      });
    } finally {
      m.dispose();
    }
  };
  const ref = grads(1, 'branch');
  const half = grads(0.5, 'branch');
  assert.equal(half.out, ref.out);
  assert.ok(half.own.allclose(ref.own.mul(0.5), 1e-5, 1e-7), 'block 4 branch weights get half the gradient');
  assert.ok(!half.earlier.allclose(ref.earlier, 1e-5, 1e-7), 'earlier layers see the scaled branch gradient too');
  const noSc = grads(0, 'shortcut');
  assert.equal(noSc.out, ref.out);
  assert.ok(noSc.own.allclose(ref.own, 1e-5, 1e-7), 'own branch gradient unchanged by the shortcut scale');
  assert.ok(!noSc.earlier.allclose(ref.earlier, 1e-5, 1e-7), 'cutting the shortcut gradient changes earlier gradients');
});

test('swapBlocks exchanges same-shape blocks and refuses others', () => {
  withModel({ ...tiny.resnet_basic_A, layers: [3, 1] } as ModelConfig, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const ref = evalOut(m, x);
    const [b1, b2] = [m.blocks()[1], m.blocks()[2]];
    const keys = () => [...m.stateDict().keys()].join();
    const before = keys();
    m.swapBlocks(1, 2);
    assert.equal(m.blocks()[1], b2);
    assert.equal(m.blocks()[2], b1);
    assert.deepEqual([b2.index, b1.index], [1, 2]);
    assert.equal(keys(), before, 'state-dict names follow positions');
    assert.ok(!evalOut(m, x).allclose(ref, 1e-4, 1e-5), 'order matters');
    m.swapBlocks(2, 1);
    assert.ok(evalOut(m, x).allclose(ref, 1e-5, 1e-6), 'swapping back restores');
    assert.throws(() => m.swapBlocks(0, 3), /shapes differ/);
    assert.throws(() => m.swapBlocks(0, 99), /indices/);
  });
});

test('stochastic depth: random in training, survival-scaled and deterministic in eval', () => {
  const cfg = tiny.stochastic;
  withModel(cfg, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const outs = Array.from({ length: 6 }, () => torch.noGrad(() => m.train().forward(x)));
    assert.ok(outs.some((o) => !o.allclose(outs[0], 1e-5, 1e-6)), 'training draws different depths');
    const e1 = evalOut(m, x);
    assert.ok(evalOut(m, x).equal(e1), 'eval is deterministic');
    // Eval equals the same net without drop-path whose branches are scaled by p_l.
    for (const b of m.blocks()) {
      b.branchScales = [1 - b.dropRate];
      b.dropRate = 0;
    }
    assert.ok(evalOut(m, x).allclose(e1, 1e-5, 1e-6));
  });
  const rates = buildModel(cfg).blocks().map((b) => b.dropRate);
  assert.deepEqual(rates, [1, 2, 3].map((l) => (0.5 * l) / 3), 'linear decay to p_L');
});

test('drop-path (per sample): training differs from eval; same seed, same draw', () => {
  const cfg = { ...tiny.resnet_basic_A, dropPath: { rate: 0.5, mode: 'sample' } } as ModelConfig;
  withModel(cfg, (m) => {
    const x = torch.randn([4, 3, 8, 8]);
    const run = (seed: number) => { torch.manualSeed(seed); return torch.noGrad(() => m.train().forward(x)); };
    const t1 = run(7);
    assert.ok(t1.allclose(run(7)), 'seeded');
    const outs = [t1, run(8), run(9), run(10)];
    assert.ok(outs.some((o) => !o.allclose(t1, 1e-5, 1e-6)), 'training draws differ');
    const e = evalOut(m, x);
    for (const b of m.blocks()) b.dropRate = 0;
    assert.ok(evalOut(m, x).equal(e), 'eval uses every branch as is');
  });
});

test('FractalNet: drop-path in training only; a column can be switched off', () => {
  withModel(tiny.fractalnet, (m) => {
    const x = torch.randn([2, 3, 8, 8]);
    const e1 = evalOut(m, x);
    assert.ok(evalOut(m, x).equal(e1));
    const outs = Array.from({ length: 8 }, () => torch.noGrad(() => m.train().forward(x)));
    assert.ok(outs.some((o) => !o.allclose(outs[0], 1e-5, 1e-6)), 'local/global drop-path is random');
    const b = m.blocks()[1];
    assert.equal(b.numBranches, 3);
    b.branchScales = [1, 0, 1];
    assert.ok(!evalOut(m, x).allclose(e1, 1e-4, 1e-5));
    b.branchScales = [1, 1, 1];
    assert.equal(m.blocks()[0].removable, false);
    assert.equal(b.removable, true, 'an 8 → 8 fractal block can be reduced to its pooling');
  });
});
