// The MLP-ResNet's input shortcut: at initialisation the residual head is zero, so the
// model is exactly its linear input→output map (a logistic model); one training step
// moves the residual stack off zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { createModel } from '../../src/models/index.js';
import { AdamW } from '../../src/optim/index.js';
import type { MLPResNet } from '../../src/models/mlp.js';

test('input shortcut: the model starts as its linear map, and training moves the residual head', () => {
  torch.manualSeed(3);
  const m = createModel('detect_mlp_skip_resnet', { input: [20] }) as MLPResNet;
  torch.tidy(() => {
    m.eval();
    const x = torch.randn([8, 20]);
    const diff = m.forward(x).sub(m.skip!.forward(x)).abs().max().item();
    assert.equal(diff, 0);
    m.train();
    const opt = new AdamW(m.parameters(), { lr: 1e-2 });
    const y = torch.rand([8]).gt(0.5).float();
    opt.zeroGrad();
    torch.F.binaryCrossEntropyWithLogits(m.forward(x).select(1, 0), y).backward();
    opt.step();
    assert.ok(m.head.weight.abs().sum().item() > 0, 'the residual head left zero');
    m.eval();
    assert.ok(m.forward(x).sub(m.skip!.forward(x)).abs().max().item() > 0, 'the residual stack now contributes');
    opt.dispose();
  });
  m.dispose();
});
