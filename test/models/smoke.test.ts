// Every family builds, runs forward and backward in 1-D and 2-D, and every parameter
// gets a finite gradient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { buildModel, withInput } from '../../src/models/index.js';
import { tiny, variant } from './helpers.js';

for (const [name, c] of Object.entries(tiny)) {
  for (const dims of c.family === 'mlp_resnet' ? [0] : [1, 2]) {
    test(`${name} ${dims ? `${dims}-D` : 'flat'}: forward + backward`, () => {
      torch.manualSeed(0);
      const { cfg, shape } = variant(c, (dims || 2) as 1 | 2);
      const m = buildModel(cfg);
      try {
        torch.tidy(() => {
          const x = torch.randn(shape);
          const y = m.forward(x);
          assert.deepEqual(y.shape, [2, 3]);
          y.square().mean().backward();
          // Drop-path skips whole branches for a batch: their weights get no gradient.
          const mayDrop = name === 'stochastic' || name === 'fractalnet';
          let withGrad = 0;
          const params = [...m.namedParameters()];
          for (const [pname, p] of params) {
            const g = p.grad;
            if (!g && mayDrop) continue;
            assert.ok(g, `${pname} has no gradient`);
            assert.ok(g.isfinite().all().item(), `${pname} gradient not finite`);
            withGrad++;
          }
          assert.ok(withGrad > 0, "no parameter got a gradient");
          const { output, activations } = m.forwardWithActivations(x);
          assert.equal(activations.length, m.blocks().length + 1);
          assert.deepEqual(output.shape, [2, 3]);
        });
      } finally {
        m.dispose();
      }
    });
  }
}

test('withInput adapts 2-D per-axis strides to 1-D', () => {
  const cfg = withInput({ ...tiny.resnet_basic_A, strides: [1, [1, 2]] } as never, [1, 40]);
  assert.equal(cfg.family === 'resnet' && cfg.dims, 1);
  const m = buildModel(cfg);
  try {
    torch.tidy(() => assert.deepEqual(m.forward(torch.randn([2, 1, 40])).shape, [2, 3]));
  } finally {
    m.dispose();
  }
});

test('the tabular 2-D config keeps the 5 rows of a 5 × 30 grid', () => {
  const m = buildModel({ family: 'resnet', dims: 2, inChannels: 1, numClasses: 1, stem: { kind: 'tabular', width: 8 }, block: 'basic', layers: [1, 1, 1], widths: [8, 8, 16], strides: [1, [1, 2], [1, 2]], shortcut: 'B' });
  try {
    torch.noGrad(() => torch.tidy(() => {
      const { activations } = m.forwardWithActivations(torch.randn([2, 1, 5, 30]));
      assert.deepEqual(activations.map((a) => a.shape.slice(2)), [[5, 30], [5, 30], [5, 15], [5, 8]]);
    }));
  } finally {
    m.dispose();
  }
});
