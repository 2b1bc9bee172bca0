// Lesion studies replace blocks and layers of built models through replaceModule; what
// forward runs must be what the state dict holds (no list kept beside the children).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { buildModel, Stage, type BlockNet, type ModelConfig } from '../../src/models/index.js';
import { Identity } from '../../src/nn/index.js';
import { tiny, variant } from './helpers.js';

const build = (cfg: ModelConfig, seed: number) => {
  torch.manualSeed(seed);
  return buildModel(cfg).eval();
};
const out = (m: BlockNet, x: torch.Tensor) => torch.noGrad(() => m.forward(x));
const parentOf = (path: string) => {
  const k = path.lastIndexOf('.');
  return { parent: k < 0 ? '' : path.slice(0, k), name: path.slice(k + 1) };
};

for (const name of Object.keys(tiny)) {
  test(`${name}: replacing every leaf layer of model A with model B's makes A compute B`, () => {
    const { cfg, shape } = variant(tiny[name], 2);
    const a = build(cfg, 1);
    const b = build(cfg, 2);
    const aOwn = [...a.stateDict().values()];
    try {
      torch.tidy(() => {
        const x = torch.randn(shape);
        const ref = out(b, x);
        assert.ok(!out(a, x).allclose(ref, 1e-4, 1e-5), 'different seeds differ');
        const leaves = [...a.namedModules()].filter(([p, m]) => p && m.children().length === 0).map(([p]) => p);
        for (const path of leaves) {
          const { parent, name: child } = parentOf(path);
          a.getSubmodule(parent).replaceModule(child, b.getSubmodule(path));
        }
        assert.ok(out(a, x).equal(ref), 'forward runs the replaced layers');
      });
    } finally {
      for (const t of aOwn) t.dispose();
      b.dispose();
    }
  });
}

test('a block replaced in a Stage is what forward, blocks() and the state dict see', () => {
  const cfg = { ...tiny.resnet_basic_A, layers: [3, 1] } as ModelConfig;
  const a = build(cfg, 1);
  const b = build(cfg, 2);
  const c = build(cfg, 1);
  try {
    torch.tidy(() => {
      const x = torch.randn([2, 3, 8, 8]);
      const before = out(a, x);
      const stage = a.getSubmodule('layer1') as Stage;
      const old = a.blocks()[1];
      const fresh = b.blocks()[1];
      stage.replaceModule('1', fresh);
      assert.equal(a.blocks()[1], fresh);
      assert.equal(fresh.index, 1);
      assert.equal(a.stateDict().get('layer1.1.conv1.weight'), (fresh as unknown as { conv1: { weight: torch.Tensor } }).conv1.weight);
      // c has a's weights except block 1, which now holds b's: it must compute what a does.
      c.loadStateDict(a.stateDict());
      const after = out(a, x);
      assert.ok(!after.allclose(before, 1e-4, 1e-5), 'the output changed');
      assert.ok(after.equal(out(c, x)), 'forward agrees with the state dict');
      stage.set(1, old);
      assert.ok(out(a, x).equal(before), 'putting the old block back restores the output');
      assert.throws(() => stage.replaceModule('0', new Identity()), /must be a residual block/);
    });
  } finally {
    a.dispose();
    b.dispose();
    c.dispose();
  }
});

test('a whole stage replaced on the model changes blocks() and forward', () => {
  const cfg = tiny.resnet_basic_A;
  const a = build(cfg, 1);
  const b = build(cfg, 2);
  const aStage = a.getSubmodule('layer2');
  try {
    torch.tidy(() => {
      const x = torch.randn([2, 3, 8, 8]);
      const bStage = b.getSubmodule('layer2') as Stage;
      a.replaceModule('layer2', bStage);
      assert.deepEqual(a.blocks().slice(1), [...bStage]);
      assert.deepEqual(a.blocks().map((blk) => blk.index), [0, 1, 2]);
      const c = build(cfg, 1);
      c.loadStateDict(a.stateDict());
      assert.ok(out(a, x).equal(out(c, x)));
      c.dispose();
      assert.throws(() => a.replaceModule('layer1', b.getSubmodule('fc')), /is a stage of blocks/);
    });
  } finally {
    for (const t of aStage.stateDict().values()) t.dispose();
    a.dispose();
    for (const [k, t] of b.stateDict()) if (!k.startsWith('layer2.')) t.dispose();
  }
});
