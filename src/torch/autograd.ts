// Autograd entry points beyond Tensor.backward(): grad mode, functional gradients
// (w.r.t. inputs or intermediate activations, as the ensemble analyses need), and
// gradient scaling of a branch without hooks.
import { N } from './native.js';
import { Tensor } from './tensor.js';

/** Runs fn with gradient recording off (torch.no_grad()). */
export function noGrad<R>(fn: () => R): R {
  const prev = N.setGradEnabled(false);
  try {
    return fn();
  } finally {
    N.setGradEnabled(prev);
  }
}

/** Runs fn with gradient recording on, e.g. inside a noGrad block. */
export function enableGrad<R>(fn: () => R): R {
  const prev = N.setGradEnabled(true);
  try {
    return fn();
  } finally {
    N.setGradEnabled(prev);
  }
}

export function isGradEnabled(): boolean { return N.isGradEnabled(); }

export interface GradOptions {
  gradOutputs?: Tensor[] | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  /** Return null for inputs the outputs do not depend on instead of throwing. */
  allowUnused?: boolean;
}

/** torch.autograd.grad: gradients of outputs w.r.t. inputs, without touching `.grad`. */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], o: GradOptions = {}): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const r = N.autogradGrad(outs.map((t) => t.h), ins.map((t) => t.h), o.gradOutputs ? o.gradOutputs.map((t) => t.h) : null, o.retainGraph ?? null, o.createGraph ?? false, o.allowUnused ?? false);
  return (r as (object | null)[]).map((x) => (x ? new Tensor(x as never) : null));
}

/**
 * Identity in the forward pass; multiplies the gradient flowing back through it by
 * `scale` (0 stops it). Exact: the forward value is x + 0·(x − x).
 */
export function gradScale(x: Tensor, scale: number): Tensor {
  if (scale === 1) return x;
  const d = x.detach();
  if (scale === 0) return d;
  return d.add(x.sub(d).mul(scale));
}
