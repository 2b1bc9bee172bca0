// Member i of an efficient ensemble as the plain network it stands for: a BatchEnsemble
// layer's W ⊙ s_i r_iᵀ and b_i, the member's own head, its slice of each batch norm. The
// MLP's ensemble (members on an axis) and the folded one (members in the batch) store the
// same tensors under the plain network's names, so one copy serves both.
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import type { BlockNet } from '../../src/models/index.js';

/** Copies member i of `ensemble` into `plain` (a fresh network of the same model without members) and returns it. */
export function memberInto(ensemble: BlockNet, plain: BlockNet, i: number): BlockNet {
  const k = ensemble.members;
  const ens = ensemble.stateDict();
  torch.noGrad(() => torch.tidy(() => {
    for (const [key, t] of plain.stateDict()) {
      const prefix = key.slice(0, key.lastIndexOf('.'));
      const src = ens.get(key);
      assert.ok(src, `the ensemble has ${key}`);
      const r = ens.get(`${prefix}.r`), s = ens.get(`${prefix}.s`);
      if (key.endsWith('.weight') && r && s) {
        const ones = Array(t.ndim - 2).fill(1);
        t.copy_(src.mul(s.select(0, i).view([t.shape[0], 1, ...ones])).mul(r.select(0, i).view([1, t.shape[1], ...ones])));
      } else if (src.ndim === t.ndim + 1 && src.shape[0] === k) t.copy_(src.select(0, i));
      else if (src.ndim === 1 && t.ndim === 1 && src.shape[0] === k * t.shape[0]) t.copy_(src.narrow(0, i * t.shape[0], t.shape[0]));
      else t.copy_(src);
    }
  }));
  return plain;
}
