// toString() against PyTorch's str(tensor) for the printouts stored in the reference
// fixture (precision, int/fixed/scientific modes, padding, wrapping, summaries, suffixes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import * as torch from '../../src/torch/index.js';
import type { DType, Tensor } from '../../src/torch/index.js';
import { pyExp, pyFixed } from '../../src/torch/format.js';
import { pyNum } from '../helpers/close.js';

interface FormatCase { name: string; data: (number | boolean | string)[] | null; n: number; shape: number[]; dtype: DType; requires_grad?: boolean; times?: number; expected: string }
const cases = JSON.parse(readFileSync(new URL('../fixtures/torch/reference.json', import.meta.url), 'utf8')).format as FormatCase[];

// Large cases are not stored in the fixture; they are these ranges.
const generated: Record<string, (n: number) => number[]> = {
  summarized_1d: (n) => Array.from({ length: n }, (_, i) => i),
  summarized_2d: (n) => Array.from({ length: n }, (_, i) => i * 1.5),
  summarized_ints: (n) => Array.from({ length: n }, (_, i) => i),
  summarized_3d: (n) => Array.from({ length: n }, (_, i) => i % 7),
};

function make(c: FormatCase): Tensor {
  const data = c.data ? c.data.map((v) => (typeof v === 'string' ? pyNum(v) : v)) : generated[c.name](c.n);
  let t = torch.tensor(data as number[], { dtype: c.dtype, shape: c.shape });
  if (c.requires_grad) t.requiresGrad_(true);
  if (c.times) t = t.mul(c.times);
  return t;
}

test('fixture has the printing cases', () => assert.ok(cases.length >= 20));

for (const c of cases) {
  test(`prints like PyTorch: ${c.name}`, () => {
    torch.tidy(() => {
      const t = make(c);
      assert.equal(t.toString(), c.expected);
    });
  });
}

test('util.inspect and template strings use the same printout', () => {
  torch.tidy(() => {
    const t = torch.tensor([[1, 2], [3, 4]]);
    assert.equal(`${t}`, 'tensor([[1., 2.],\n        [3., 4.]])');
    assert.equal(inspect(t), t.toString());
  });
});

test('float16 tensors print with their dtype', () => {
  torch.tidy(() => {
    assert.equal(torch.tensor([1, 2.5]).to('float16').toString(), 'tensor([1.0000, 2.5000], dtype=torch.float16)');
  });
});

test('Python-style rounding: ties go to even, from the exact binary value', () => {
  assert.equal(pyFixed(0.03125, 4), '0.0312');
  assert.equal(pyFixed(0.09375, 4), '0.0938');
  assert.equal(pyFixed(-2.5, 0), '-2');
  assert.equal(pyFixed(0.1, 4), '0.1000');
  assert.equal(pyFixed(-0.00001, 4), '-0.0000');
  assert.equal(pyExp(1.03125, 4), '1.0312e+00');
  assert.equal(pyExp(99999.5, 4), '1.0000e+05');
  assert.equal(pyExp(1e-5, 4), '1.0000e-05');
  assert.equal(pyExp(0, 4), '0.0000e+00');
  assert.equal(pyExp(-123456789, 4), '-1.2346e+08');
});
