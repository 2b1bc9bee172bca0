// Gradient by path length, measured Veit et al.'s way (§4.3): the forward pass is the
// whole network; in the backward pass k sampled residual blocks let the gradient through
// their branches only and every other residual block through its shortcut only, so the
// input gradient is that of paths through exactly those k branches. The gates are the
// block contract's backward-only factors (branchGradScale / shortcutGradScale, i.e.
// torch.gradScale), so the forward values never change. Blocks without a shortcut lie on
// every path and always pass their branch. A multi-branch block that is chosen passes all
// its branches (the contract scales their sum), so its measurement covers its m parallel
// paths together.
import * as torch from '../torch/index.js';
import type { BlockNet } from '../models/index.js';

/** A batch to differentiate: the inputs and a scalar objective summed over its samples. */
export interface Probe { x: torch.Tensor; objective: (output: torch.Tensor) => torch.Tensor }

/** Runs fn with gradient passing through the branches of `chosen` and the shortcuts of the other residual blocks. */
export function withPathGates<R>(model: BlockNet, chosen: ReadonlySet<number>, fn: () => R): R {
  const bs = model.blocks();
  const saved = bs.map((b) => [b.branchGradScale, b.shortcutGradScale] as const);
  try {
    for (const b of bs) {
      if (!b.hasShortcut) continue;
      const on = chosen.has(b.index);
      b.branchGradScale = on ? 1 : 0;
      b.shortcutGradScale = on ? 0 : 1;
    }
    return fn();
  } finally {
    bs.forEach((b, i) => { [b.branchGradScale, b.shortcutGradScale] = saved[i]; });
  }
}

/** d objective / d input for the probe (a fresh tensor, shape of probe.x). */
export function inputGradient(model: BlockNet, probe: Probe): torch.Tensor {
  return torch.tidy(() => torch.enableGrad(() => {
    const x = probe.x.detach().requiresGrad_();
    const [g] = torch.grad(probe.objective(model.forward(x)), x);
    return g!;
  }));
}

/** Mean over the probe's samples of the L2 norm of each sample's input gradient, through the chosen paths. */
export function pathGradientNorm(model: BlockNet, probe: Probe, chosen: ReadonlySet<number>): number {
  return torch.tidy(() => {
    const g = withPathGates(model, chosen, () => inputGradient(model, probe));
    return g.flatten(1).norm(2, 1).mean().item();
  });
}
