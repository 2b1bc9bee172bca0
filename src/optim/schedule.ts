// Learning-rate schedules. Each is a pure function of the step (or epoch) count, and
// `LRScheduler.step()` writes it into the optimizer, like torch.optim.lr_scheduler.
import type { Optimizer } from './optimizer.js';

export type Schedule = (step: number) => number;

/** lr · gamma^floor(step / stepSize) (StepLR). */
export const stepLR = (lr: number, stepSize: number, gamma = 0.1): Schedule => (t) => lr * gamma ** Math.floor(t / stepSize);

/**
 * Cosine from lr to etaMin over tMax steps (CosineAnnealingLR's closed form). Past tMax it
 * is not clamped: like PyTorch's scheduler it keeps following the cosine, back up to lr at
 * 2·tMax (a period of 2·tMax), so a run that outlasts tMax sees the lr PyTorch would give.
 */
export const cosineLR = (lr: number, tMax: number, etaMin = 0): Schedule => (t) =>
  etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2;

/** Linear warm-up from lr·startFactor to the inner schedule's value over `warmup` steps. */
export const warmup = (inner: Schedule, warmupSteps: number, startFactor = 0.1): Schedule => (t) =>
  t >= warmupSteps ? inner(t) : inner(t) * (startFactor + ((1 - startFactor) * t) / warmupSteps);

/**
 * One-cycle (OneCycleLR with cosine annealing): from maxLr/divFactor up to maxLr over
 * pctStart of the steps, then down to maxLr/(divFactor·finalDivFactor).
 */
export const oneCycle = (maxLr: number, totalSteps: number, o: { pctStart?: number; divFactor?: number; finalDivFactor?: number } = {}): Schedule => {
  const pct = o.pctStart ?? 0.3;
  const initial = maxLr / (o.divFactor ?? 25);
  const min = initial / (o.finalDivFactor ?? 1e4);
  const up = pct * totalSteps - 1;
  const down = totalSteps - 1;
  const cos = (a: number, b: number, f: number) => b + ((a - b) * (1 + Math.cos(Math.PI * f))) / 2;
  return (t) => (t <= up ? cos(initial, maxLr, t / up) : cos(maxLr, min, Math.min(1, (t - up) / (down - up))));
};

/**
 * Drives an optimizer's lr by a schedule. The schedule gives the first group's lr; other
 * groups keep their ratio to it, so groups made with different learning rates stay apart
 * as under torch.optim.lr_scheduler (which scales each group's own base lr).
 */
export class LRScheduler {
  private t = 0;
  private readonly ratios: number[];
  constructor(private readonly opt: Optimizer<{ lr: number }>, private readonly schedule: Schedule) {
    const base = opt.paramGroups[0]?.hyper.lr ?? 0;
    this.ratios = opt.paramGroups.map((g) => (base !== 0 ? g.hyper.lr / base : 1));
    this.apply();
  }
  private apply(): void {
    const lr = this.schedule(this.t);
    this.opt.paramGroups.forEach((g, i) => (g.hyper.lr = lr * this.ratios[i]));
  }
  step(): void {
    this.t++;
    this.apply();
  }
  get lastLr(): number { return this.opt.lr; }
  /** Every group's current lr, like get_last_lr(). */
  get lastLrs(): number[] { return this.opt.paramGroups.map((g) => g.hyper.lr); }
}
