// Trains one of Balduzzi et al.'s scalar-input nets on a 1-D regression, so the sweep can
// be measured after training as well as at init: x ~ U(a, b), y = target(x), mean squared
// error, Adam, batch norm on mini-batch statistics as usual. Seeded: the same seed gives
// the same init, the same batches and the same net.
import * as torch from '../../torch/index.js';
import type { Tensor } from '../../torch/index.js';
import { Adam } from '../../optim/index.js';
import { SweepNet, type SweepNetSpec } from './nets.js';

export interface FitOptions {
  steps: number;
  batch: number;
  lr: number;
  /** The function to fit, on a batch [n, 1]. */
  target: (x: Tensor) => Tensor;
  range?: [number, number];
}

export interface Fitted {
  /** In float64 and eval mode, ready for freezeBatchStats and the sweep. */
  net: SweepNet;
  /** Mean squared error of the first and of the last tenth of the steps. */
  lossFirst: number;
  lossLast: number;
}

/** The default task: two periods of a sine over [−2, 2]. */
export const sineTarget = (x: Tensor): Tensor => x.mul(Math.PI).sin();

export function fitSweepNet(spec: SweepNetSpec, seed: number, o: FitOptions): Fitted {
  const [a, b] = o.range ?? [-2, 2];
  torch.manualSeed(seed);
  const net = new SweepNet(spec);
  const opt = new Adam(net.parameters(), { lr: o.lr });
  const tenth = Math.max(1, Math.floor(o.steps / 10));
  let first = 0, last = 0;
  net.train();
  for (let step = 0; step < o.steps; step++) {
    const loss = torch.tidy(() => {
      const x = torch.rand([o.batch, 1]).mul(b - a).add(a);
      const l = torch.F.mseLoss(net.forward(x), o.target(x));
      opt.zeroGrad();
      l.backward();
      opt.step();
      return l.item();
    });
    if (!Number.isFinite(loss)) throw new Error(`fitSweepNet: ${spec.arch} depth ${spec.depth} diverged at step ${step} (loss ${loss}); lower the learning rate`);
    if (step < tenth) first += loss / tenth;
    if (step >= o.steps - tenth) last += loss / tenth;
  }
  opt.zeroGrad();
  return { net: net.to('float64').eval(), lossFirst: first, lossLast: last };
}
