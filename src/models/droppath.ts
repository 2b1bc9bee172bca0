// Drop-path (stochastic depth) as two tiny functions. The two published conventions
// differ in where the expectation is kept, and the lesion analyses care which one a
// model was trained with:
// - 'sample' (timm): each sample's branch is zeroed with probability p during training
//   and survivors are scaled by 1/(1−p); evaluation uses the branch as is.
// - 'batch' (Huang et al. 2016): the whole mini-batch skips the branch with probability
//   p during training (the branch is not even computed); evaluation scales it by 1−p.
import * as torch from '../torch/index.js';
import { Tensor } from '../torch/index.js';
import { like } from '../nn/index.js';

export type DropMode = 'sample' | 'batch';

export interface DropPathSpec {
  /** Drop probability of the last block (1 − p_L in Huang et al.). */
  rate: number;
  mode: DropMode;
  /** 'linear': block l of L gets rate·l/L (Huang's rule); 'constant': every block gets rate. */
  schedule?: 'linear' | 'constant';
}

/** Per-sample drop with inverted scaling; identity when not training or p = 0. */
export function dropPath(x: Tensor, p: number, training: boolean): Tensor {
  if (!training || p <= 0) return x;
  const keep = 1 - p;
  const mask = torch.rand([x.shape[0], ...Array(x.ndim - 1).fill(1)], like(x)).lt(keep).to(x.dtype);
  return x.mul(mask).div(keep);
}

/**
 * One draw for the whole batch: true when the branch is to be skipped. A host-side
 * decision, so it draws on the CPU whatever the model's device (no tensor enters the graph).
 */
export function dropWholeBatch(p: number, training: boolean): boolean {
  if (!training || p <= 0) return false;
  return torch.tidy(() => torch.rand([1]).item()) < p;
}

/** The drop rate of block `index` (0-based) of `count`. */
export function dropRateAt(spec: DropPathSpec | undefined, index: number, count: number): number {
  if (!spec || spec.rate <= 0) return 0;
  return (spec.schedule ?? 'linear') === 'constant' ? spec.rate : (spec.rate * (index + 1)) / count;
}
