// Free functions of the torch namespace that take several tensors.
import { N } from './native.js';
import { Tensor, type Scalar } from './tensor.js';

export function cat(ts: Tensor[], dim = 0): Tensor { return new Tensor(N.cat(ts.map((t) => t.h), dim)); }
export function stack(ts: Tensor[], dim = 0): Tensor { return new Tensor(N.stack(ts.map((t) => t.h), dim)); }
export function where(cond: Tensor, a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  return new Tensor(N.where(cond.h, a instanceof Tensor ? a.h : a, b instanceof Tensor ? b.h : b));
}
/** einsum with an equation and operands, e.g. einsum('bij,bjk->bik', a, b). */
export function einsum(equation: string, ...operands: Tensor[]): Tensor { return new Tensor(N.einsum(equation, operands.map((t) => t.h))); }
export function addmm(bias: Tensor, a: Tensor, b: Tensor, beta = 1, alpha = 1): Tensor { return new Tensor(N.addmm(bias.h, a.h, b.h, beta, alpha)); }
/** Numerical rank of a matrix (or of each matrix in a batch). */
export function matrixRank(a: Tensor, tol?: number): Tensor { return new Tensor(N.matrixRank(a.h, tol ?? null)); }
export function svdvals(a: Tensor): Tensor { return new Tensor(N.svdvals(a.h)); }
