// The gradient of a model's scalar score along a line through input space,
// x(t) = start + t · direction, at the points t_1 … t_n, taken by autograd with respect
// to t itself: d score(x(t_i)) / d t_i = ∇score(x(t_i)) · direction. For Balduzzi et al.'s
// nets the input is the scalar x and the line is the x-axis (start 0, direction 1).
import * as torch from '../../torch/index.js';
import type { Tensor } from '../../torch/index.js';
import type { Module } from '../../nn/index.js';

export interface Line {
  /** One input, shape [1, …] (the model's input shape with a batch of one). */
  start: Tensor;
  /** Same shape as start. */
  direction: Tensor;
  /** The positions along the line. */
  t: number[];
}

/** One score per sample from the model's output batch, e.g. z => z.select(1, 0). */
export type Score = (output: Tensor) => Tensor;

/** The inputs x(t_i) as one batch [n, …], in start's dtype. */
export function lineInputs(line: Line, t?: Tensor): Tensor {
  const n = line.t.length;
  const tt = t ?? torch.tensor(Float64Array.from(line.t)).to(line.start.dtype);
  const shape = [n, ...line.start.shape.slice(1).map(() => 1)];
  return line.start.add(tt.reshape(shape).mul(line.direction));
}

/**
 * d score / d t at every point of the line. The model must treat samples independently
 * (eval mode: batch norm with fixed statistics), so that the gradient of the summed
 * scores with respect to t_i is the derivative of sample i's own score.
 */
export function lineGradient(model: Module, line: Line, score: Score): Float64Array {
  if (model.training) throw new Error('lineGradient: the model is in training mode; batch statistics would couple the points (call freezeBatchStats or model.eval() first)');
  return torch.tidy(() => torch.enableGrad(() => {
    const t = torch.tensor(Float64Array.from(line.t)).to(line.start.dtype).requiresGrad_();
    const s = score(model.forward(lineInputs(line, t)));
    if (s.shape.length !== 1 || s.shape[0] !== line.t.length) throw new Error(`lineGradient: the score has shape [${s.shape}], expected one value per point [${line.t.length}]`);
    const [g] = torch.grad(s.sum(), t);
    return Float64Array.from(g!.toFlatArray());
  }));
}

/** The score at every point of the line (no autograd), for finite-difference checks. */
export function lineScores(model: Module, line: Line, score: Score): Float64Array {
  return torch.tidy(() => torch.noGrad(() => Float64Array.from(score(model.forward(lineInputs(line))).toFlatArray())));
}

/** n evenly spaced positions from a to b, both included. */
export function evenly(a: number, b: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 2) throw new Error(`points ${n}: need at least 2`);
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}
