// Models are dtype-true: after model.to('float64') a float64 input gives float64 logits
// and finite float64 gradients in training mode, with every forward-time tensor (drop-path
// masks, ResNeXt path masks, DenseNet's zeros, FractalNet's joins) made like the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { buildModel, profileModel, type ModelConfig } from '../../src/models/index.js';
import { tiny, variant } from './helpers.js';

/** The families with a `dropPath` field get per-sample drop-path on. */
const hasDropPath = (c: ModelConfig) => c.family !== 'fractalnet';

for (const name of Object.keys(tiny)) {
  test(`${name}: float64 forward and backward in training mode`, () => {
    const base = variant(tiny[name], 2);
    const cfg = (hasDropPath(base.cfg) && !('dropPath' in base.cfg && base.cfg.dropPath)
      ? { ...base.cfg, dropPath: { rate: 0.3, mode: 'sample' } }
      : base.cfg) as ModelConfig;
    torch.manualSeed(5);
    const m = buildModel(cfg).to('float64').train();
    try {
      torch.tidy(() => {
        // Paths that make tensors at forward time: ResNeXt's per-path mask, a removed
        // dense layer's zeros.
        if (name === 'resnext_paths') m.blocks()[1].branchScales = [1, 0.3, 0, 1];
        if (name.startsWith('densenet')) m.blocks()[1].enabled = false;
        const x = torch.randn(base.shape, { dtype: 'float64', requiresGrad: true });
        const y = m.forward(x);
        assert.equal(y.dtype, 'float64');
        y.mul(torch.randn(y.shape, { dtype: 'float64' })).sum().backward();
        assert.equal(x.grad?.dtype, 'float64');
        assert.ok(x.grad!.isfinite().all().item(), 'input gradient finite');
        const withGrad = m.parameters().filter((p) => p.grad);
        assert.ok(withGrad.length > 0);
        for (const p of withGrad) {
          assert.equal(p.grad!.dtype, 'float64');
          assert.ok(p.grad!.isfinite().all().item(), 'parameter gradients finite');
        }
      });
    } finally {
      m.dispose();
    }
  });
}

test('profileModel probes a float64 model with a float64 input', () => {
  const m = buildModel(tiny.resnet_basic_B_se).to('float64');
  try {
    assert.deepEqual(profileModel(m, [3, 8, 8]).outputShape, [3]);
  } finally {
    m.dispose();
  }
});
