// `reslab demo`: the longest end-to-end path that exists, on built-in data.
// Today: a few training steps of a residual MLP on a seeded synthetic task, to show the
// engine works end to end on this machine. Each new stage (generate → features → model)
// joins here as it lands.
import { parse, intFlag, emitResult } from '../args.js';
import * as torch from '../../torch/index.js';
import { F, tidy } from '../../torch/index.js';
import { Module, Linear, BatchNorm1d, Sequential } from '../../nn/index.js';
import { AdamW } from '../../optim/index.js';

export const summary = 'run the end-to-end pipeline on built-in data';
export const usage = `usage: reslab demo [--seed N] [--steps N] [--json]

Runs the longest end-to-end path reslab has on built-in data and prints what each stage
produced.`;

class Block extends Module {
  bn = this.registerModule('bn', new BatchNorm1d(64));
  fc = this.registerModule('fc', new Linear(64, 64));
  forward(x: torch.Tensor): torch.Tensor { return x.add(this.fc.forward(this.bn.forward(x).relu())); }
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parse(argv, { seed: { type: 'string' }, steps: { type: 'string' } });
  const seed = intFlag(values.seed, 'seed', 1);
  const steps = intFlag(values.steps, 'steps', 200);
  torch.manualSeed(seed);
  // A task a linear model cannot solve: the label is the sign of a product of two inputs.
  const x = torch.keep(torch.randn([512, 16]));
  const y = torch.keep(tidy(() => x.select(1, 0).mul(x.select(1, 1)).gt(0).float()));
  const model = new Sequential(new Linear(16, 64), new Block(), new Block(), new Linear(64, 1));
  const opt = new AdamW(model.parameters(), { lr: 3e-3 });
  const losses: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    losses.push(tidy(() => {
      opt.zeroGrad();
      const loss = F.binaryCrossEntropyWithLogits(model.forward(x).squeeze(1), y);
      loss.backward();
      opt.step();
      return loss.item() as number;
    }));
  }
  const accuracy = tidy(() => {
    model.eval();
    return model.forward(x).squeeze(1).gt(0).float().eq(y).float().mean().item() as number;
  });
  const result = {
    stages: ['engine'],
    engine: { params: model.numParameters(), steps, firstLoss: losses[0], lastLoss: losses[losses.length - 1], trainAccuracy: accuracy,
      seconds: (performance.now() - t0) / 1000 },
  };
  emitResult(values.json as boolean, result,
    `engine: residual MLP (${result.engine.params} parameters), ${steps} AdamW steps in ${result.engine.seconds.toFixed(2)} s\n` +
    `  loss ${result.engine.firstLoss.toFixed(4)} -> ${result.engine.lastLoss.toFixed(4)}, train accuracy ${(accuracy * 100).toFixed(1)}%`);
}
