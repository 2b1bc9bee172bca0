// Gradient clipping by global norm (torch.nn.utils.clip_grad_norm_).
import { Tensor, noGrad, stack, tidy } from '../torch/index.js';

/** Scales all gradients so their joint norm is at most maxNorm; returns the norm before. */
export function clipGradNorm_(params: Tensor[], maxNorm: number, normType = 2): number {
  return noGrad(() => tidy(() => {
    const grads = params.map((p) => p.grad).filter((g): g is Tensor => g !== null);
    if (grads.length === 0) return 0;
    const total = normType === Infinity
      ? stack(grads.map((g) => g.abs().max())).max().item()
      : stack(grads.map((g) => g.norm(normType))).norm(normType).item();
    const coef = maxNorm / (total + 1e-6);
    if (coef < 1) for (const g of grads) g.mul_(coef);
    return total;
  }));
}

export function clipGradValue_(params: Tensor[], clip: number): void {
  noGrad(() => tidy(() => {
    for (const p of params) p.grad?.clamp_(-clip, clip);
  }));
}
