// FractalNet's column deletion (src/analysis/columns.ts) on a tiny FractalNet: keeping
// every column is the intact net, keeping one column is a forward pass through that
// column alone (its 2^c convolutions per block, chained by hand here), and the model
// ends as it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { createModel, FractalBlock, type BlockNet, type FractalNet } from '../../src/models/index.js';
import { maxPool, globalAvgPool } from '../../src/models/conv.js';
import { withColumns, runColumnLesion, fractalBlocks } from '../../src/analysis/columns.js';
import type { Evaluator } from '../../src/analysis/evaluator.js';
import { assertClose } from '../helpers/close.js';
import { tinyResNet } from './helpers.js';

const COLUMNS = 3;

/** A seeded 3-column, 2-block FractalNet in eval mode, BN statistics randomised so BN is not the identity. */
function tinyFractal(): FractalNet {
  torch.manualSeed(5);
  const m = createModel({ family: 'fractalnet', dims: 2, inChannels: 1, numClasses: 3, columns: COLUMNS, widths: [4, 6], localDrop: 0.15, globalRatio: 0.5 }) as FractalNet;
  torch.noGrad(() => {
    for (const [k, t] of m.stateDict()) {
      if (k.endsWith('running_mean')) t.data = torch.randn(t.shape).mul(0.1);
      if (k.endsWith('running_var')) t.data = torch.rand(t.shape).add(0.5);
    }
  });
  return m.eval();
}

type Fractal = FractalBlock['fractal'];

/** Column c of one fractal: the shallow conv at depth c of the expansion tree, first subtree before second. */
function throughColumn(f: Fractal, c: number, z: torch.Tensor): torch.Tensor {
  if (c === 0) return f.shallow.forward(z);
  return throughColumn(f.second!, c - 1, throughColumn(f.first!, c - 1, z));
}

/** The whole net with every block reduced to column c by hand: column, pooling, then the head. */
function columnAlone(m: FractalNet, c: number, x: torch.Tensor): torch.Tensor {
  let h = x;
  for (const b of fractalBlocks(m)!) h = maxPool(throughColumn(b.fractal, c, h), 2, 2, 2);
  return m.fc.forward(globalAvgPool(h));
}

const forward = (m: BlockNet, x: torch.Tensor) => torch.noGrad(() => m.forward(x));

test('keeping every column is the intact network; keeping one column is that column alone', () => {
  torch.tidy(() => {
    const m = tinyFractal();
    torch.manualSeed(3);
    const x = torch.randn([4, 1, 8, 8]);
    const intact = forward(m, x);
    assertClose(withColumns(m, [0, 1, 2], () => forward(m, x)), intact, { atol: 0 }, 'all columns');
    const outs = [];
    for (let c = 0; c < COLUMNS; c++) {
      const kept = withColumns(m, [c], () => forward(m, x));
      assertClose(kept, torch.noGrad(() => columnAlone(m, c, x)), { atol: 1e-6, rtol: 1e-5 }, `column ${c}`);
      outs.push(kept);
    }
    // The columns differ from each other and from the whole net (the test would pass vacuously otherwise).
    assert.ok(!outs[0].allclose(outs[2], 1e-4, 1e-5) && !outs[2].allclose(intact, 1e-4, 1e-5));
    assert.deepEqual(fractalBlocks(m)!.map((b) => b.branchScales), [[1, 1, 1], [1, 1, 1]], 'scales restored');
    assertClose(forward(m, x), intact, { atol: 0 }, 'model unchanged');
    m.dispose();
  });
});

test('runColumnLesion: the intact value, then one value per single column; other nets are refused', () => {
  const m = tinyFractal();
  torch.manualSeed(3);
  const x = torch.keep(torch.randn([4, 1, 8, 8]));
  // A stand-in evaluator: the sum of the logits identifies which network ran.
  const ev: Evaluator = { metric: 'sum', lowerIsBetter: true, chance: 0, evaluate: (net) => ({ value: torch.tidy(() => forward(net, x).sum().item()) }) };
  const r = runColumnLesion(m, ev);
  assert.equal(r.baseline, ev.evaluate(m).value);
  assert.deepEqual(r.columns.map((c) => [c.column, c.convsPerBlock]), [[0, 1], [1, 2], [2, 4]]);
  r.columns.forEach((c) => {
    const alone = torch.tidy(() => torch.noGrad(() => columnAlone(m, c.column, x).sum().item()));
    assert.ok(Math.abs(c.value - alone) < 1e-4, `column ${c.column}: ${c.value} vs ${alone}`);
  });
  assert.throws(() => withColumns(m, [3], () => 0), /expected some of 0 … 2/);
  assert.throws(() => withColumns(m, [], () => 0), /none/);
  const resnet = tinyResNet(1);
  assert.equal(fractalBlocks(resnet), null);
  assert.throws(() => runColumnLesion(resnet, ev), /needs a FractalNet/);
  resnet.dispose();
  m.dispose();
  x.dispose();
});
