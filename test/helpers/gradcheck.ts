// Finite-difference gradient check in float64: the gradient of sum(f(inputs) · w) for a
// fixed random weight w, by central differences element by element, against autograd.
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import type { Tensor } from '../../src/torch/index.js';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Check only these input positions (default: every input that requires grad). */
  only?: number[];
}

/**
 * `fn` must be deterministic (no dropout) and all inputs float64. Returns the largest
 * absolute difference found, so callers can also assert on it.
 */
export function gradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[], o: GradcheckOptions = {}): number {
  const eps = o.eps ?? 1e-6;
  const atol = o.atol ?? 1e-5;
  const rtol = o.rtol ?? 1e-3;
  for (const x of inputs) assert.equal(x.dtype, 'float64', 'gradcheck needs float64 inputs');
  const which = o.only ?? inputs.map((x, i) => (x.requiresGrad ? i : -1)).filter((i) => i >= 0);
  assert.ok(which.length > 0, 'gradcheck: no input requires grad');
  let worst = 0;
  torch.tidy(() => {
    const out0 = fn(...inputs);
    const w = torch.randnLike(out0.detach());
    const analytic = torch.grad(out0.mul(w).sum(), which.map((i) => inputs[i]), { allowUnused: true });
    const scalar = (): number => torch.tidy(() => torch.noGrad(() => fn(...inputs).mul(w).sum().item()));
    which.forEach((idx, k) => {
      const x = inputs[idx];
      const g = analytic[k] ? analytic[k]!.toFlatArray() : new Array(x.numel()).fill(0);
      const n = x.numel();
      // Perturb through a flat view of the same storage so fn sees the change.
      const flatView = torch.noGrad(() => x.detach().view(-1));
      for (let i = 0; i < n; i++) {
        const orig = torch.noGrad(() => flatView.select(0, i).item());
        torch.noGrad(() => flatView.select(0, i).fill_(orig + eps));
        const fp = scalar();
        torch.noGrad(() => flatView.select(0, i).fill_(orig - eps));
        const fm = scalar();
        torch.noGrad(() => flatView.select(0, i).fill_(orig));
        const numeric = (fp - fm) / (2 * eps);
        const diff = Math.abs(numeric - g[i]);
        worst = Math.max(worst, diff);
        if (diff > atol + rtol * Math.abs(numeric)) {
          assert.fail(`gradcheck: input ${idx} element ${i}: autograd ${g[i]}, finite difference ${numeric}`);
        }
      }
    });
  });
  return worst;
}
