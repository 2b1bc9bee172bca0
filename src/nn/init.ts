// Weight initialisation, with torch.nn.init's formulas (all in place, no gradient).
import { Tensor, noGrad } from '../torch/index.js';

export type Nonlinearity = 'linear' | 'conv' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': { const a = param ?? 0.01; return Math.sqrt(2 / (1 + a * a)); }
    case 'selu': return 3 / 4;
    default: return 1;
  }
}

export function fanInAndFanOut(t: Tensor): [number, number] {
  const s = t.shape;
  if (s.length < 2) throw new Error('fan in/out needs a tensor with at least 2 dimensions');
  const receptive = s.slice(2).reduce((a, b) => a * b, 1);
  return [s[1] * receptive, s[0] * receptive];
}

export interface KaimingOptions { a?: number; mode?: 'fan_in' | 'fan_out'; nonlinearity?: Nonlinearity }

function kaimingStd(t: Tensor, o: KaimingOptions): number {
  const [fin, fout] = fanInAndFanOut(t);
  const fan = (o.mode ?? 'fan_in') === 'fan_in' ? fin : fout;
  return calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0) / Math.sqrt(fan);
}

export function kaimingUniform_(t: Tensor, o: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, o);
  return noGrad(() => t.uniform_(-bound, bound));
}
export function kaimingNormal_(t: Tensor, o: KaimingOptions = {}): Tensor {
  const std = kaimingStd(t, o);
  return noGrad(() => t.normal_(0, std));
}
export function xavierUniform_(t: Tensor, gain = 1): Tensor {
  const [fin, fout] = fanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fin + fout));
  return noGrad(() => t.uniform_(-a, a));
}
export function xavierNormal_(t: Tensor, gain = 1): Tensor {
  const [fin, fout] = fanInAndFanOut(t);
  return noGrad(() => t.normal_(0, gain * Math.sqrt(2 / (fin + fout))));
}
export function uniform_(t: Tensor, a = 0, b = 1): Tensor { return noGrad(() => t.uniform_(a, b)); }
export function normal_(t: Tensor, mean = 0, std = 1): Tensor { return noGrad(() => t.normal_(mean, std)); }
export function constant_(t: Tensor, v: number): Tensor { return noGrad(() => t.fill_(v)); }
export function zeros_(t: Tensor): Tensor { return constant_(t, 0); }
export function ones_(t: Tensor): Tensor { return constant_(t, 1); }

/** PyTorch's default for Linear and Conv: kaiming_uniform(a=√5) weights, U(±1/√fan_in) bias. */
export function defaultLayerInit(weight: Tensor, bias: Tensor | null): void {
  kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const bound = 1 / Math.sqrt(fanInAndFanOut(weight)[0]);
    uniform_(bias, -bound, bound);
  }
}
