// --embed from a run's fitted preprocessing and layout to a model: every layout it is
// offered for builds a model on the layout's input and scores a batch; the layouts whose
// cells are not features are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { createModel, type NumericEmbedding } from '../../src/models/index.js';
import { fitLayout, BoundLayout } from '../../src/layout/layout.js';
import { checkEmbed, embedSpecFor, prepareFor, EMBED_LAYOUTS, EMBED_KINDS } from '../../src/train/embed.js';
import { fitPrepare, applyPrepare } from '../../src/layout/prepare.js';
import { makeSplit } from '../../src/train/split.js';
import { toyMatrix } from './helpers.js';
import { RECIPES, plainTwin, resolveMethod } from '../../src/contest/methods.js';

const m = toyMatrix({ users: 8, days: 20, insiders: 2 });
const split = makeSplit({ user: m.user, time: m.time, insider: m.insider }, { kind: 'user', seed: 1 });
const MODEL = { flat: 'detect_mlp_resnet', seq: 'detect_seq_resnet', grid: 'detect_grid_resnet', learned: 'detect_learned_resnet' } as Record<string, string>;

for (const embed of EMBED_KINDS) {
  for (const layout of EMBED_LAYOUTS) {
    test(`--embed ${embed} on the ${layout} layout: the model embeds the layout's input and gives one logit per row`, () => {
      const prep = fitPrepare(m, split.train, prepareFor({ deviation: ['user'] }, embed));
      assert.equal(Boolean(prep.ple), embed === 'ple');
      const base = applyPrepare(prep, m);
      const spec = fitLayout(layout, prep, base, split.train);
      const L = new BoundLayout(spec, prep, base, m.n, m);
      torch.manualSeed(2);
      const model = createModel(MODEL[layout], { input: L.inputShape, overrides: { embed: embedSpecFor(embed, prep, spec) } });
      try {
        // Each cell of the C value channels becomes d channels; the grid's mask passes through.
        const { embed: e } = model as unknown as { embed: NumericEmbedding };
        const C = prep.channels.length, f = prep.inputs.length, d = e.spec.dim;
        assert.deepEqual(e.outputShape, layout === 'flat' ? [C * f * d] : layout === 'grid' ? [C * d + 1, ...L.inputShape.slice(1)] : [C * d, f]);
        torch.tidy(() => {
          const y = model.eval().forward(L.batch(torch.tensor(BigInt64Array.from([0n, 7n, 33n]))));
          assert.deepEqual(y.shape, [3, 1]);
          assert.ok(y.isfinite().all().item());
        });
      } finally {
        model.dispose();
        L.dispose();
      }
    });
  }
}

test('--embed is refused for the history and deepinsight layouts, and for an unknown kind', () => {
  for (const layout of ['history', 'deepinsight'] as const) assert.throws(() => checkEmbed('ple', layout), /cells are not features/);
  assert.throws(() => checkEmbed('spline' as never, 'flat'), /embed must be one of ple, periodic/);
  checkEmbed(undefined, 'history');
});

test('the embedding recipes: mlp-ple and mlp-periodic are mlp-best plus the embedding, and every embedding recipe fits its layout and has its twin', () => {
  const { embed: _, ...ple } = RECIPES['mlp-ple']!;
  assert.deepEqual(ple, RECIPES['mlp-best']);
  assert.deepEqual(resolveMethod('mlp-periodic'), { kind: 'residual', recipe: { ...RECIPES['mlp-best'], embed: 'periodic' } });
  const embedded = Object.entries(RECIPES).filter(([, r]) => r.embed);
  assert.ok(embedded.length >= 4);
  for (const [name, r] of embedded) {
    checkEmbed(r.embed, r.layout);
    const twin = plainTwin(name);
    if (twin) assert.deepEqual({ ...RECIPES[twin], model: r.model }, r, `${name} and ${twin} differ only in the model`);
  }
  assert.equal(plainTwin('mlp-ple'), 'mlp-ple-plain');
  assert.equal(plainTwin('grid-ple'), 'grid-ple-plain');
});
