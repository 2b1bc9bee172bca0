// Activation layers, plus a by-name lookup so model configs can choose one.
import { Tensor, F } from '../torch/index.js';
import { Module } from './module.js';

export type ActivationName = 'relu' | 'relu6' | 'leaky_relu' | 'elu' | 'gelu' | 'silu' | 'sigmoid' | 'tanh' | 'softplus' | 'hardswish' | 'identity';

const fns: Record<ActivationName, (x: Tensor) => Tensor> = {
  relu: F.relu,
  relu6: F.relu6,
  leaky_relu: (x) => F.leakyRelu(x),
  elu: (x) => F.elu(x),
  gelu: (x) => F.gelu(x),
  silu: F.silu,
  sigmoid: F.sigmoid,
  tanh: F.tanh,
  softplus: (x) => F.softplus(x),
  hardswish: F.hardswish,
  identity: (x) => x,
};

export function activationFn(name: ActivationName): (x: Tensor) => Tensor {
  const f = fns[name];
  if (!f) throw new Error(`unknown activation '${name}' (one of ${Object.keys(fns).join(', ')})`);
  return f;
}

export class Activation extends Module {
  private readonly fn: (x: Tensor) => Tensor;
  constructor(readonly kind: ActivationName) {
    super();
    this.fn = activationFn(kind);
  }
  forward(x: Tensor): Tensor { return this.fn(x); }
}
export class ReLU extends Activation { constructor() { super('relu'); } }
export class ReLU6 extends Activation { constructor() { super('relu6'); } }
export class GELU extends Activation { constructor() { super('gelu'); } }
export class SiLU extends Activation { constructor() { super('silu'); } }
export class Sigmoid extends Activation { constructor() { super('sigmoid'); } }
export class Tanh extends Activation { constructor() { super('tanh'); } }
export class ELU extends Activation { constructor() { super('elu'); } }
export class Hardswish extends Activation { constructor() { super('hardswish'); } }
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) { super(); }
  forward(x: Tensor): Tensor { return F.leakyRelu(x, this.negativeSlope); }
}
