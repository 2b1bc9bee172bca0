// State-dict names are torchvision's (conv1, layer1.0.downsample.0, features.denseblock1
// .denselayer1, classifier); checkpoints written before the rename still load. The
// fixtures were written by reslab at commit 83a04f8 (old names: stem.conv1, proj,
// denseblockN.i, norm_final, fc) with randomised BN statistics, the input `__x`, the
// eval-mode logits `__logits` of that code and, in the metadata, the config and that
// code's state-dict order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as torch from '../../src/torch/index.js';
import { Identity, Sequential } from '../../src/nn/index.js';
import { buildModel, createModel, DenseLayer, Transition, type BlockBase, type ModelConfig } from '../../src/models/index.js';
import { assertClose } from '../helpers/close.js';

const keysOf = (name: string): string[] => {
  const m = createModel(name);
  try {
    return [...m.stateDict().keys()];
  } finally {
    m.dispose();
  }
};

test('resnet18, resnet50 and densenet121 have torchvision\'s keys (counts from torchvision 0.14)', () => {
  const r18 = keysOf('resnet18');
  assert.equal(r18.length, 122);
  assert.deepEqual(r18.slice(0, 7), ['conv1.weight', 'bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var', 'bn1.num_batches_tracked', 'layer1.0.conv1.weight']);
  for (const k of ['layer2.0.downsample.0.weight', 'layer2.0.downsample.1.running_var', 'layer4.1.bn2.bias', 'fc.weight', 'fc.bias']) assert.ok(r18.includes(k), k);
  assert.deepEqual(r18.filter((k) => k.startsWith('stem.') || k.includes('.proj.')), []);
  const r50 = keysOf('resnet50');
  assert.equal(r50.length, 320);
  assert.ok(r50.includes('layer3.5.conv3.weight') && r50.includes('layer1.0.downsample.1.weight'));
  const d121 = keysOf('densenet121');
  assert.equal(d121.length, 727);
  for (const k of ['features.conv0.weight', 'features.norm0.running_mean', 'features.denseblock1.denselayer1.norm1.weight',
    'features.denseblock4.denselayer16.conv2.weight', 'features.transition3.conv.weight', 'features.norm5.bias', 'classifier.weight']) {
    assert.ok(d121.includes(k), k);
  }
});

test('a block keeps its `downsample` flag beside its `downsample` shortcut module', () => {
  const m = createModel('resnet18', { input: [3, 32, 32] });
  try {
    const b = m.blocks()[2];
    assert.equal(b.downsample, true);
    const sc = m.getSubmodule('layer2.0.downsample');
    assert.ok(sc instanceof Sequential);
    assert.equal(b.proj, sc);
    assert.equal(m.blocks()[1].downsample, false);
    assert.equal(m.blocks()[1].proj, null);
  } finally {
    m.dispose();
  }
});

test('DenseNet blocks sit in features: dense layers, then each transition; the structure guards itself', () => {
  const m = createModel('densenet121', { input: [3, 32, 32] });
  try {
    const kinds = m.blocks().map((b: BlockBase) => (b instanceof DenseLayer ? 'L' : b instanceof Transition ? 'T' : '?')).join('');
    assert.equal(kinds, `${'L'.repeat(6)}T${'L'.repeat(12)}T${'L'.repeat(24)}T${'L'.repeat(16)}`);
    assert.equal(m.getSubmodule('features.transition1'), m.blocks()[6]);
    assert.throws(() => m.getSubmodule('features').replaceModule('transition1', new Identity()), /is a residual block/);
    assert.throws(() => m.getSubmodule('features').replaceModule('denseblock1', new Identity()), /is a stage of blocks/);
    assert.throws(() => m.replaceModule('features', new Identity()), /holds blocks/);
  } finally {
    m.dispose();
  }
});

for (const family of ['resnet', 'densenet']) {
  test(`a ${family} checkpoint in reslab's older names loads, in the same parameter order, and gives its logits`, () => {
    const path = fileURLToPath(new URL(`./fixtures/legacy_${family}.safetensors`, import.meta.url));
    const { tensors, metadata } = torch.loadSafetensors(path);
    const m = buildModel(JSON.parse(metadata.config) as ModelConfig);
    try {
      torch.tidy(() => {
        const x = tensors.get('__x')!;
        const want = tensors.get('__logits')!;
        const old = new Map([...tensors].filter(([k]) => !k.startsWith('__')));
        assert.ok([...old.keys()].some((k) => k.startsWith('stem.')), 'the fixture has the old names');
        m.loadStateDict(old);
        // Optimizer state is saved by parameter position: the rename must not reorder.
        const order = JSON.parse(metadata.order) as string[];
        const mine = [...m.stateDict()];
        assert.equal(mine.length, order.length);
        order.forEach((k, i) => assert.ok(mine[i][1].equal(old.get(k)!), `${k} is still tensor ${i} (now ${mine[i][0]})`));
        assertClose(torch.noGrad(() => m.eval().forward(x)), want, { atol: 1e-6, rtol: 1e-5 }, `${family} logits`);
      });
    } finally {
      m.dispose();
      for (const t of tensors.values()) t.dispose();
    }
  });
}

test('a checkpoint that fits neither naming is refused with its missing and unexpected keys', () => {
  const a = createModel('resnet20');
  const b = createModel('resnet20');
  try {
    const sd = new Map(a.stateDict());
    sd.set('layer9.0.conv1.weight', sd.get('layer1.0.conv1.weight')!);
    sd.delete('layer1.0.conv1.weight');
    assert.throws(() => b.loadStateDict(sd), /missing keys \[layer1\.0\.conv1\.weight\], unexpected keys \[layer9\.0\.conv1\.weight\]/);
  } finally {
    a.dispose();
    b.dispose();
  }
});
