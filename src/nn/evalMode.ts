// Using a model without training it: eval mode (batch norm on its running statistics,
// dropout and drop-path off) for the duration, the caller's mode restored afterwards even
// when fn throws, and no autograd unless asked (explanations differentiate the input).
import { noGrad, tidy } from '../torch/index.js';
import type { Module } from './module.js';

export interface EvalOptions { grad?: boolean }

export function inEvalMode<T>(model: Module, fn: () => T, o: EvalOptions = {}): T {
  const wasTraining = model.training;
  model.eval();
  try {
    return o.grad ? fn() : noGrad(fn);
  } finally {
    model.train(wasTraining);
  }
}

/** fn(start, end) for each batch of rows [0, n) in eval mode, each batch in its own tidy scope. */
export function evalBatches(model: Module, n: number, batch: number, fn: (start: number, end: number) => void, o: EvalOptions = {}): void {
  inEvalMode(model, () => {
    for (let s = 0; s < n; s += batch) {
      const end = Math.min(n, s + batch);
      tidy(() => fn(s, end));
    }
  }, o);
}
