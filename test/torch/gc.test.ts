// The GC fallback: tensors that outlive every scope and are dropped without dispose()
// are still released once their Tensor objects are collected; a disposed handle never
// names another tensor, even after its slot is reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as torch from '../../src/torch/index.js';
import { N } from '../../src/torch/native.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('unscoped tensors dropped without dispose() are released after garbage collection', async () => {
  const before = torch.liveTensors();
  (() => {
    for (let i = 0; i < 200; i++) torch.ones([4]).add(1);
  })();
  assert.ok(torch.liveTensors() >= before + 400, 'tensors made outside a scope stay alive until collected');
  for (let i = 0; i < 20 && torch.liveTensors() > before; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(torch.liveTensors(), before);
});

test('a stale handle is an error, not the tensor that reused its slot', () => {
  const a = torch.tensor([1, 2, 3]);
  const stale = a.h;
  a.dispose();
  const b = torch.tensor([7, 8, 9]); // likely takes a's slot
  assert.equal(N.isDisposed(stale), true);
  assert.throws(() => N.numel(stale), /disposed/);
  assert.deepEqual(b.toFlatArray(), [7, 8, 9]);
  N.dispose(stale); // disposing a stale handle again must not free b
  assert.deepEqual(b.toFlatArray(), [7, 8, 9]);
  b.dispose();
});
