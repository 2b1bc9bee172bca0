// Deterministic test inputs shared with scripts/fixtures/torch_reference.py. The values
// are exact binary fractions, so TypeScript and Python build bit-identical tensors
// without sharing a random generator.
import * as torch from '../../src/torch/index.js';
import type { DType, Tensor } from '../../src/torch/index.js';

export interface InputSpec {
  shape: number[];
  seed: number;
  dtype?: DType;
  scale?: number;
  offset?: number;
  abs?: boolean;
  /** Integers in [0, mod) (class indices) instead of fractions. */
  mod?: number;
  grad?: boolean;
}

const numelOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function detValues(n: number, seed: number): number[] {
  const out = new Array<number>(n);
  // i*i*7 stays below 2^53 for every size used in tests, so the modulo is exact.
  for (let i = 0; i < n; i++) out[i] = (((i * i * 7 + i * (2 * seed + 3) + 5 * seed) % 97) - 48) / 32;
  return out;
}

export function build(spec: InputSpec): Tensor {
  const n = numelOf(spec.shape);
  if (spec.mod !== undefined) {
    const vals = Array.from({ length: n }, (_, i) => (i * i * 7 + i * (2 * spec.seed + 3) + 5 * spec.seed) % spec.mod!);
    return torch.tensor(vals, { dtype: spec.dtype ?? 'int64', shape: spec.shape });
  }
  let vals = detValues(n, spec.seed);
  if (spec.abs) vals = vals.map(Math.abs);
  const scale = spec.scale ?? 1;
  const offset = spec.offset ?? 0;
  vals = vals.map((v) => v * scale + offset);
  // Build in float64 then cast, as the Python side does.
  const t64 = torch.tensor(Float64Array.from(vals), { shape: spec.shape });
  const dtype = spec.dtype ?? 'float64';
  const t = dtype === 'float64' ? t64 : t64.to(dtype);
  if (t !== t64) t64.dispose();
  if (spec.grad) t.requiresGrad_(true);
  return t;
}

/** A float64 tensor of the given shape from the same formula (for quick fixtures). */
export function det(shape: number[], seed = 0, o: Omit<InputSpec, 'shape' | 'seed'> = {}): Tensor {
  return build({ shape, seed, ...o });
}
