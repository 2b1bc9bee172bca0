// Deterministic memory release. Every tensor made inside `tidy(fn)` is freed when fn
// returns, except the tensors it returns (which move to the enclosing scope) and those
// passed to `keep()`. Tensors made outside any scope live until `dispose()` or, as a
// fallback, until the garbage collector collects their Tensor object.
import { N, type Handle } from './native.js';
import type { Tensor } from './tensor.js';

const stack: Tensor[][] = [];
const kept = new WeakSet<Tensor>();

// The GC fallback, only for tensors that outlive every scope (made outside one, kept, or
// returned from the outermost one): a scope frees everything else deterministically, so
// the common case pays no GC bookkeeping. Disposing twice is harmless.
const finalizer = new FinalizationRegistry<Handle>((h) => N.dispose(h));
const orphan = (t: Tensor) => finalizer.register(t, t.h);

/** Called by the Tensor constructor. */
export function track(t: Tensor): void {
  const top = stack[stack.length - 1];
  if (top) top.push(t);
  else orphan(t);
}

export function keep<T extends Tensor>(t: T): T {
  kept.add(t);
  orphan(t);
  return t;
}

export function isKept(t: Tensor): boolean {
  return kept.has(t);
}

/** Un-keeps a tensor so a later scope (or dispose) may free it. */
export function unkeep<T extends Tensor>(t: T): T {
  kept.delete(t);
  return t;
}

function collect(v: unknown, out: Set<Tensor>, depth = 0): void {
  if (v === null || typeof v !== 'object' || depth > 4) return;
  if ((v as { __isTensor?: boolean }).__isTensor) {
    out.add(v as Tensor);
    return;
  }
  if (Array.isArray(v)) for (const x of v) collect(x, out, depth + 1);
  else if (Object.getPrototypeOf(v) === Object.prototype || v instanceof Map) {
    for (const x of v instanceof Map ? v.values() : Object.values(v)) collect(x, out, depth + 1);
  }
}

/** Runs fn in a new scope; see the file comment. Async functions are not allowed: use `withScope`. */
export function tidy<R>(fn: () => R): R {
  const scope: Tensor[] = [];
  stack.push(scope);
  let result: R;
  try {
    result = fn();
  } catch (e) {
    stack.pop();
    for (const t of scope) if (!kept.has(t)) t.dispose();
    throw e;
  }
  stack.pop();
  if (result instanceof Promise) throw new Error('tidy() got an async function; use withScope() for async code');
  return release(scope, result);
}

/**
 * Like tidy, for async functions: tensors made while fn runs belong to this scope. Two
 * async scopes must not overlap in time (await one before starting the next).
 */
export async function withScope<R>(fn: () => Promise<R>): Promise<R> {
  const scope: Tensor[] = [];
  stack.push(scope);
  const pop = () => {
    if (stack[stack.length - 1] !== scope) throw new Error('withScope: scopes closed out of order (overlapping async scopes?)');
    stack.pop();
  };
  let result: R;
  try {
    result = await fn();
  } catch (e) {
    pop();
    for (const t of scope) if (!kept.has(t)) t.dispose();
    throw e;
  }
  pop();
  return release(scope, result);
}

function release<R>(scope: Tensor[], result: R): R {
  const survivors = new Set<Tensor>();
  collect(result, survivors);
  const parent = stack[stack.length - 1];
  for (const t of scope) {
    if (survivors.has(t)) {
      if (parent) parent.push(t);
      else orphan(t);
    } else if (!kept.has(t)) t.dispose();
  }
  return result;
}

/** Number of native tensor handles not yet released (the leak test watches this). */
export function liveTensors(): number {
  return N.liveTensors() as number;
}
