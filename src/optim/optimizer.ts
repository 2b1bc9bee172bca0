// Optimizer base: parameter groups with their own hyper-parameters and per-parameter
// state, as in torch.optim. Each step runs without autograd and inside a scope, so the
// gradient handles it reads are released at once.
import { Tensor, keep, noGrad, tidy } from '../torch/index.js';

export interface ParamGroup<H> { params: Tensor[]; hyper: H }
/** What constructors accept: plain parameters, or groups with their own hyper-parameters. */
export type ParamsInput<H> = Tensor[] | { params: Tensor[]; hyper?: Partial<H> }[];

/**
 * Drops keys whose value is undefined, so `{ momentum: cfg.momentum }` with no momentum
 * configured keeps the default instead of spreading `undefined` over it (which made
 * `1 - dampening` NaN and silently filled parameters with NaN).
 */
export function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o) for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export abstract class Optimizer<H extends { lr: number }> {
  readonly paramGroups: ParamGroup<H>[];
  protected readonly state = new Map<Tensor, Record<string, Tensor | number>>();

  constructor(params: ParamsInput<H>, defaults: H) {
    const groups = params.length > 0 && !(params[0] instanceof Tensor) ? (params as { params: Tensor[]; hyper?: Partial<H> }[]) : [{ params: params as Tensor[] }];
    this.paramGroups = groups.map((g) => ({ params: g.params, hyper: { ...defaults, ...definedOnly((g as { hyper?: Partial<H> }).hyper) } }));
  }

  /** Clears gradients (sets them to none, PyTorch's default). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  step(): void {
    noGrad(() => tidy(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          const grad = p.grad;
          if (!grad) continue;
          let s = this.state.get(p);
          if (!s) this.state.set(p, (s = {}));
          this.update(p, grad, s, g.hyper);
        }
      }
    }));
  }

  /** Updates one parameter in place; tensors stored in `state` must be keep()-ed. */
  protected abstract update(p: Tensor, grad: Tensor, state: Record<string, Tensor | number>, h: H): void;

  get lr(): number { return this.paramGroups[0].hyper.lr; }
  set lr(v: number) { for (const g of this.paramGroups) g.hyper.lr = v; }

  /**
   * The per-parameter state for a checkpoint, keyed by the parameter's position across
   * groups (`3.expAvg`): tensors (live, not copies) and plain numbers (step counts).
   */
  exportState(): { tensors: Map<string, Tensor>; scalars: Record<string, number> } {
    const tensors = new Map<string, Tensor>(), scalars: Record<string, number> = {};
    this.paramGroups.flatMap((g) => g.params).forEach((p, i) => {
      for (const [k, v] of Object.entries(this.state.get(p) ?? {})) {
        if (v instanceof Tensor) tensors.set(`${i}.${k}`, v);
        else scalars[`${i}.${k}`] = v;
      }
    });
    return { tensors, scalars };
  }

  /** Restores what exportState gave (tensors are copied into kept tensors of their own). */
  importState(tensors: Map<string, Tensor>, scalars: Record<string, number>): void {
    this.dispose();
    const params = this.paramGroups.flatMap((g) => g.params);
    const put = (key: string, v: Tensor | number) => {
      const dot = key.indexOf('.');
      const i = Number(key.slice(0, dot));
      if (!(i >= 0 && i < params.length)) throw new Error(`optimizer state: key '${key}' names parameter ${i}, the optimizer has ${params.length}`);
      let s = this.state.get(params[i]);
      if (!s) this.state.set(params[i], (s = {}));
      s[key.slice(dot + 1)] = v;
    };
    for (const [k, v] of Object.entries(scalars)) put(k, v);
    for (const [k, t] of tensors) put(k, keep(t.clone()));
  }

  /** Frees the optimizer's state tensors. */
  dispose(): void {
    for (const s of this.state.values()) for (const v of Object.values(s)) if (v instanceof Tensor) v.dispose();
    this.state.clear();
  }
}
