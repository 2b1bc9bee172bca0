// The fused native updates (native/src/optim.cc): float32 follows PyTorch's float64
// trajectories to float32 precision, and a non-contiguous parameter (which takes the
// ATen-op path instead of the fused loop) gets the same update as a contiguous one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../../src/torch/index.js';
import { F, type Tensor } from '../../src/torch/index.js';
import { SGD, Adam, AdamW, type Optimizer } from '../../src/optim/index.js';
import { build, type InputSpec } from '../helpers/det.js';
import { assertClose, maxAbsDiff } from '../helpers/close.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/torch/reference.json', import.meta.url), 'utf8')).optim;
const P = ref.problem as Record<'x' | 'y' | 'weight' | 'bias', InputSpec>;
type Run = { optimizer: string; options: Record<string, unknown>; steps: number; weight: { data: number[] } };

function make(run: Run, params: Tensor[]): Optimizer<{ lr: number }> {
  const o = run.options;
  if (run.optimizer === 'SGD') {
    return new SGD(params, { lr: o.lr as number, momentum: o.momentum as number, dampening: o.dampening as number, nesterov: o.nesterov as boolean, weightDecay: o.weight_decay as number });
  }
  const a = { lr: o.lr as number, betas: o.betas as [number, number], eps: o.eps as number, weightDecay: o.weight_decay as number, amsgrad: o.amsgrad as boolean };
  return run.optimizer === 'Adam' ? new Adam(params, a) : new AdamW(params, a);
}

/** Runs the fixture's least-squares problem with the weight stored as given. */
function trajectory(run: Run, weight: (w: Tensor) => Tensor): number[] {
  return torch.tidy(() => {
    const x = build(P.x).float(), y = build(P.y).float(), b = build(P.bias).float().detach().requiresGrad_();
    const w = weight(build(P.weight).float().detach()).detach().requiresGrad_();
    const opt = make(run, [w, b]);
    for (let s = 0; s < run.steps; s++) {
      torch.tidy(() => {
        opt.zeroGrad();
        F.mseLoss(x.matmul(w.t()).add(b), y).backward();
        opt.step();
      });
    }
    opt.dispose();
    return w.toFlatArray();
  });
}

for (const [name, run] of Object.entries(ref.runs as Record<string, Run>)) {
  test(`${name} in float32 follows PyTorch's trajectory to float32 precision`, () => {
    assertClose(trajectory(run, (w) => w), run.weight.data, { atol: 2e-6, rtol: 2e-5 }, 'weight');
  });

  test(`${name}: a non-contiguous parameter gets the same update as a contiguous one`, () => {
    // Stored transposed, then viewed back: same values, strides that rule out the fused loop.
    const strided = trajectory(run, (w) => {
      const v = w.t().contiguous().t();
      assert.equal(v.isContiguous(), false);
      return v;
    });
    assert.ok(maxAbsDiff(strided, trajectory(run, (w) => w)) < 1e-6);
  });
}
