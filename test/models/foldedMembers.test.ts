// Efficient ensembles of the convolutional families (members folded into the batch,
// models/members.ts): each member is exactly the plain network with its adapters folded
// into the shared weights and its own slice of every batch norm, in training and in
// evaluation; with identical adapters every member is the plain network; the cost is k
// networks' products plus the adapters, for barely more parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { createModel, profileModel, type BlockNet } from '../../src/models/index.js';
import { assertClose } from '../helpers/close.js';
import { memberInto } from '../helpers/members.js';

/** Dropout would draw different masks in the two networks being compared. */
const NO_DROPOUT = { dropout: 0 };
const CASES: [string, number[]][] = [['detect_grid_resnet', [2, 6, 40]], ['detect_seq_resnet', [1, 64]], ['detect_grid_plain', [2, 6, 40]], ['detect_2tower_resnet', [5, 3, 11]]];

function memberNet(model: BlockNet, name: string, input: number[], i: number): BlockNet {
  return memberInto(model, createModel(name, { input, overrides: NO_DROPOUT }), i);
}

/** Moves every member-owned vector (adapters, head biases, batch-norm parameters and statistics) off its initial value. */
function scramble(model: BlockNet): void {
  torch.noGrad(() => {
    for (const [key, p] of model.namedParameters()) {
      if (/\.(r|s)$/.test(key)) p.normal_(1, 0.4);
      else if (p.ndim === 2 && key.endsWith('.bias') && key.startsWith('fc')) p.normal_(0.2, 0.5);
      else if (p.ndim === 1) p.normal_(0.5, 0.3); // batch-norm γ and β
    }
    for (const [key, b] of model.namedBuffers()) {
      if (key.endsWith('running_mean')) b.normal_(0, 0.2);
      else if (key.endsWith('running_var')) b.uniform_(0.5, 1.5);
    }
  });
}

for (const [name, input] of CASES) {
  test(`${name} with k = 3 members: member i's rows are the plain network with member i's weights, in training and evaluation`, () => {
    torch.manualSeed(3);
    const k = 3;
    const model = createModel(name, { input, members: k, overrides: NO_DROPOUT });
    assert.equal(model.members, k);
    scramble(model);
    const members = Array.from({ length: k }, (_, i) => memberNet(model, name, input, i));
    const x = torch.randn([5, ...input]);
    try {
      for (const mode of ['train', 'eval'] as const) {
        torch.tidy(() => {
          model.train(mode === 'train');
          const y = model.forward(x);
          assert.equal(y.shape[0], 5 * k);
          const rows = y.view([5, k, -1]);
          const own = members.map((m) => m.train(mode === 'train').forward(x));
          for (let i = 0; i < k; i++) assertClose(rows.select(1, i), own[i]!, { rtol: 1e-4, atol: 1e-5 }, `${mode}, member ${i}`);
          assert.ok(own[0]!.sub(own[1]!).abs().max().item() as number > 1e-3, 'the members differ');
        });
      }
    } finally {
      x.dispose();
      for (const m of [model, ...members]) m.dispose();
    }
  });
}

test('with identical adapters every member is the plain network (same initial weights)', () => {
  const input = [2, 6, 40];
  torch.manualSeed(7);
  const plain = createModel('detect_grid_resnet', { input });
  torch.manualSeed(7);
  const ens = createModel('detect_grid_resnet', { input, members: 4 });
  // The first layer's input adapters start as random signs (the members' first difference); set them to 1.
  torch.noGrad(() => { for (const [key, p] of ens.namedParameters()) if (key.endsWith('.r')) p.fill_(1); });
  const x = torch.randn([3, ...input]);
  try {
    for (const training of [true, false]) {
      torch.tidy(() => {
        plain.train(training); ens.train(training);
        const want = plain.forward(x), got = ens.forward(x).view([3, 4, -1]);
        for (let i = 0; i < 4; i++) assertClose(got.select(1, i), want, { rtol: 1e-5, atol: 1e-6 }, `member ${i}, training ${training}`);
      });
    }
  } finally {
    x.dispose(); plain.dispose(); ens.dispose();
  }
});

test('k = 1 leaves a convolutional model as it is; k members cost k networks\' products plus the adapters, for far fewer than k times the parameters', () => {
  const input = [2, 6, 40], k = 8;
  const one = createModel('detect_grid_resnet', { input, members: 1 });
  const plain = createModel('detect_grid_resnet', { input });
  const ens = createModel('detect_grid_resnet', { input, members: k });
  try {
    assert.deepEqual([...one.stateDict().keys()], [...plain.stateDict().keys()]);
    assert.equal(one.members, 1);
    const p = profileModel(plain, input), q = profileModel(ens, input);
    assert.ok(q.macs > k * p.macs && q.macs < 1.1 * k * p.macs, `${q.macs} MACs for ${k} members of ${p.macs}`);
    assert.ok(q.params < 1.5 * p.params, `${q.params} parameters vs ${p.params}`);
    assert.deepEqual(q.outputShape, p.outputShape);
  } finally {
    one.dispose(); plain.dispose(); ens.dispose();
  }
});
