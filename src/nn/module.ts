// Module: the base of every layer and model, as in PyTorch. A module registers its
// parameters, buffers and children by name; the registered name is also the field that
// holds it, so `stateDict()` keys match PyTorch's (`layer1.0.conv1.weight`). A class may
// keep an accessor under a child's name (a residual block's `downsample` flag beside
// torchvision's `downsample` shortcut): that child is then reached by name only.
import { Tensor, keep, noGrad, tidy, type DType, type Device } from '../torch/index.js';

/** Whether `name` is a getter or setter of obj's class (assigning to a lone getter throws). */
function isAccessor(obj: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d.get !== undefined || d.set !== undefined;
  }
  return false;
}

export abstract class Module {
  training = true;
  private readonly _parameters = new Map<string, Tensor>();
  private readonly _buffers = new Map<string, Tensor>();
  private readonly _modules = new Map<string, Module>();

  abstract forward(x: Tensor, ...rest: unknown[]): Tensor;

  /** Registers a trainable tensor (kept alive outside scopes, gradients on). */
  protected registerParameter(name: string, t: Tensor): Tensor {
    keep(t);
    if (!t.requiresGrad) t.requiresGrad_(true);
    this._parameters.set(name, t);
    (this as unknown as Record<string, unknown>)[name] = t;
    return t;
  }
  /** Registers persistent state that is not trained (running statistics). */
  protected registerBuffer(name: string, t: Tensor): Tensor {
    keep(t);
    this._buffers.set(name, t);
    (this as unknown as Record<string, unknown>)[name] = t;
    return t;
  }
  registerModule<M extends Module>(name: string, m: M): M {
    this._modules.set(name, m);
    if (!/^\d+$/.test(name) && !isAccessor(this, name)) (this as unknown as Record<string, unknown>)[name] = m;
    return m;
  }
  /** Replaces a registered child, e.g. to swap a block for another of the same shape. */
  replaceModule(name: string, m: Module): void {
    if (!this._modules.has(name)) throw new Error(`${this.constructor.name} has no child '${name}'`);
    this.registerModule(name, m);
  }

  /**
   * The child at a dotted path ('layer1.0.conv1'), as torch's get_submodule. Code that
   * runs children by name looks them up here, so a replaced child is what runs.
   */
  getSubmodule(target: string): Module {
    let m: Module = this;
    for (const part of target === '' ? [] : target.split('.')) {
      const c = m._modules.get(part);
      if (!c) throw new Error(`${m.constructor.name} has no child '${part}' (looking up '${target}')`);
      m = c;
    }
    return m;
  }

  *namedChildren(): Iterable<[string, Module]> { yield* this._modules; }
  children(): Module[] { return [...this._modules.values()]; }
  *namedModules(prefix = ''): Iterable<[string, Module]> {
    yield [prefix, this];
    for (const [n, m] of this._modules) yield* m.namedModules(prefix ? `${prefix}.${n}` : n);
  }
  modules(): Module[] { return [...this.namedModules()].map(([, m]) => m); }

  *namedParameters(prefix = ''): Iterable<[string, Tensor]> {
    const seen = new Set<Tensor>();
    for (const [mp, m] of this.namedModules(prefix)) {
      for (const [n, p] of m._parameters) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [mp ? `${mp}.${n}` : n, p];
      }
    }
  }
  parameters(): Tensor[] { return [...this.namedParameters()].map(([, p]) => p); }
  *namedBuffers(prefix = ''): Iterable<[string, Tensor]> {
    for (const [mp, m] of this.namedModules(prefix)) for (const [n, b] of m._buffers) yield [mp ? `${mp}.${n}` : n, b];
  }
  buffers(): Tensor[] { return [...this.namedBuffers()].map(([, b]) => b); }

  /** Number of parameter elements (trainable only, like sum(p.numel() for p in m.parameters())). */
  numParameters(): number {
    let n = 0;
    for (const p of this.parameters()) n += p.numel();
    return n;
  }

  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  eval(): this { return this.train(false); }

  /**
   * Moves or casts every parameter and buffer in place (module.to(device | dtype)): the
   * tensors keep their identity, so an optimizer made earlier still updates them. A dtype
   * applies to floating-point tensors only, as in PyTorch (int buffers stay int).
   */
  to(dtypeOrDevice: DType | Device): this {
    const isDevice = dtypeOrDevice === 'cpu' || dtypeOrDevice.startsWith('cuda');
    noGrad(() => tidy(() => {
      for (const t of [...this.parameters(), ...this.buffers()]) {
        if (!isDevice && !t.dtype.startsWith('float')) continue;
        t.data = t.to(dtypeOrDevice);
        const g = t.grad;
        if (g) t.grad = g.to(dtypeOrDevice);
      }
    }));
    return this;
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Parameters and buffers by dotted name; the tensors themselves, not copies. */
  stateDict(): Map<string, Tensor> {
    const sd = new Map<string, Tensor>();
    for (const [mp, m] of this.namedModules()) {
      for (const [n, p] of m._parameters) sd.set(mp ? `${mp}.${n}` : n, p);
      for (const [n, b] of m._buffers) sd.set(mp ? `${mp}.${n}` : n, b);
    }
    return sd;
  }

  /** Copies values in place (so optimizers keep working). With strict, keys must match exactly. */
  loadStateDict(sd: Map<string, Tensor> | Record<string, Tensor>, strict = true): { missing: string[]; unexpected: string[] } {
    const src = sd instanceof Map ? sd : new Map(Object.entries(sd));
    const own = this.stateDict();
    const missing = [...own.keys()].filter((k) => !src.has(k));
    const unexpected = [...src.keys()].filter((k) => !own.has(k));
    if (strict && (missing.length || unexpected.length)) {
      throw new Error(`loadStateDict: missing keys [${missing.join(', ')}], unexpected keys [${unexpected.join(', ')}]`);
    }
    noGrad(() => tidy(() => {
      for (const [k, t] of own) {
        const v = src.get(k);
        if (!v) continue;
        if (v.shape.join(',') !== t.shape.join(',')) {
          throw new Error(`loadStateDict: '${k}' has shape [${v.shape}] in the checkpoint, [${t.shape}] in the model`);
        }
        t.copy_(v.dtype === t.dtype ? v : v.to(t.dtype));
      }
    }));
    return { missing, unexpected };
  }

  /** Frees every parameter and buffer. */
  dispose(): void {
    for (const t of this.stateDict().values()) t.dispose();
  }
}
