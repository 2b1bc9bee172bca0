// Parameter counts: exact against torchvision, and the papers' CIFAR figures to the
// precision they were published with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createModel } from '../../src/models/index.js';

const count = (name: string): number => {
  const m = createModel(name);
  try {
    return m.numParameters();
  } finally {
    m.dispose();
  }
};

test('torchvision parameter counts are exact', () => {
  const want: Record<string, number> = {
    resnet18: 11_689_512,
    resnet34: 21_797_672,
    resnet50: 25_557_032,
    resnet101: 44_549_160,
    resnext50_32x4d: 25_028_904,
    wide_resnet50_2: 68_883_240,
    densenet121: 7_978_856,
  };
  for (const [name, n] of Object.entries(want)) assert.equal(count(name), n, name);
});

test('CIFAR and timm parameter counts match the published figures (in millions)', () => {
  const want: [string, number, number][] = [
    // name, published M, decimals published
    ['resnet20', 0.27, 2], ['resnet32', 0.46, 2], ['resnet44', 0.66, 2], ['resnet56', 0.85, 2], ['resnet110', 1.7, 1],
    ['preact_resnet164', 1.7, 1], ['wrn_28_10', 36.5, 1], ['wrn_16_8', 11.0, 1], ['resnext29_8x64d', 34.4, 1],
    ['densenet_bc_100_12', 0.8, 1], ['densenet40_12', 1.0, 1], ['res2net50_26w_4s', 25.7, 1], ['rexnet_100', 4.8, 1],
  ];
  for (const [name, m, d] of want) assert.equal((count(name) / 1e6).toFixed(d), m.toFixed(d), name);
});

test('ResNet-20 with option A shortcuts has the engine benchmark\'s 269,722 parameters; its plain twin the same', () => {
  assert.equal(count('resnet20'), 269_722);
  assert.equal(count('plain20'), 269_722);
  assert.equal(count('tabular_mlp_resnet'), 555_009);
});
