// The op table (native/ops/) is the one declaration of every addon function: the
// generated files must be what the generator makes of it today, the built addon must
// hold the same signatures, and every `N.<op>(…)` call in src/ must name a declared op
// with a declared number of arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../scripts/gen-ops.js';
import { arity, parse } from '../../native/ops/dsl.js';
import { groups } from '../../native/ops/index.js';
import { N, type NativeAddon } from '../../src/torch/native.js';
import { declaredArity, declaredSignatures } from '../../src/torch/native-ops.gen.js';

test('the checked-in generated files equal a fresh generation', () => {
  for (const [path, text] of generate()) {
    assert.equal(readFileSync(path, 'utf8'), text, `${path} is out of date: run node --import tsx scripts/gen-ops.ts`);
  }
});

test('the built addon holds the signatures of the table (rebuild the addon if not)', () => {
  assert.deepEqual({ ...N.__signatures }, declaredSignatures);
});

test('the addon exports exactly the declared functions', () => {
  const exported = Object.keys(N).filter((k) => k !== '__signatures').sort();
  for (const k of exported) assert.equal(typeof (N as unknown as Record<string, unknown>)[k], 'function', k);
  assert.deepEqual(exported, Object.keys(declaredSignatures).sort());
});

test('the addon enforces each generated op\'s declared argument count', () => {
  const addon = N as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const op of groups.flatMap((g) => g.ops)) {
    const [min, max] = arity(op);
    const said = (e: Error) => e instanceof TypeError && e.message.startsWith(`${op.name}() takes`);
    assert.throws(() => addon[op.name](...Array(max + 1).fill(null)), said, `${op.name} with ${max + 1} arguments`);
    if (min > 0) assert.throws(() => addon[op.name](...Array(min - 1).fill(null)), said, `${op.name} with ${min - 1} arguments`);
  }
});

/** Every `N.name(args)` call in a source text: the name and its top-level argument count. */
function calls(src: string): { name: string; args: number; at: number }[] {
  const out: { name: string; args: number; at: number }[] = [];
  for (const m of src.matchAll(/\bN\.(\w+)\(/g)) {
    let depth = 0, args = 0, any = false, quote = '';
    for (let i = m.index! + m[0].length; i < src.length; i++) {
      const c = src[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === "'" || c === '"' || c === '`') { quote = c; any = true; continue; }
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) args++;
      else if (!/\s/.test(c)) any = true;
      if (depth > 0) any = true;
    }
    out.push({ name: m[1], args: any ? args + 1 : 0, at: m.index! });
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.gen.ts') ? [p] : [];
  });
}

test('every N.<op>(…) call in src/ names a declared op with a declared argument count', () => {
  let seen = 0;
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const c of calls(text)) {
      const line = text.slice(0, c.at).split('\n').length;
      const arity = declaredArity[c.name];
      assert.ok(arity, `${file}:${line}: N.${c.name} is not in the op table`);
      assert.ok(c.args >= arity[0] && c.args <= arity[1], `${file}:${line}: N.${c.name} takes ${arity[0]}–${arity[1]} arguments, called with ${c.args}`);
      seen++;
    }
  }
  assert.ok(seen > 150, `only ${seen} calls found: is the scan broken?`);
});

// A generated op nobody calls is a wrapper to maintain for nothing.
test('every generated op is called from src/', () => {
  const text = sources('src').map((f) => readFileSync(f, 'utf8')).join('\n');
  const called = new Set(calls(text).map((c) => c.name));
  assert.deepEqual(groups.flatMap((g) => g.ops).map((op) => op.name).filter((k) => !called.has(k)), []);
});

test('the call scanner counts top-level arguments', () => {
  assert.deepEqual(calls("N.a(); N.b(x.h, [1, 2], f(3, 4), 'a,b')").map((c) => [c.name, c.args]), [['a', 0], ['b', 4]]);
});

test('the table rejects malformed declarations with the op named', () => {
  assert.throws(() => parse(['bad(self: tensr) -> tensor', '{self}']), /bad: argument 'self' has unknown kind 'tensr'/);
  assert.throws(() => parse(['bad(self: tensor) -> tensors', '{self}']), /bad: unknown return kind/);
  assert.throws(() => parse(['bad(self tensor) -> tensor', '{self}']), /bad: cannot parse argument/);
});

test('the generator rejects calls that do not fit their signature', async () => {
  const { groups } = await import('../../native/ops/index.js');
  const check = (decl: Parameters<typeof parse>[0], re: RegExp) => {
    const g = { name: 'probe', about: 'probe', ops: [parse(decl)] };
    groups.push(g);
    try { assert.throws(() => generate(), re); } finally { groups.pop(); }
  };
  check(['probe(self: tensor, dim: int) -> tensor', '{self}.sum()'], /probe: argument\(s\) dim never used/);
  check(['probe(self: tensor) -> tensor', '{self}.sum({dim})'], /probe: '\{dim\}' names no argument/);
  check(['probe(self: tensor, dim: int[]?) -> tensor', '{self}.sum({dim})'], /probe: 'dim' may be null .* add a 'dim=null' case/);
  check(['probe(x: typedarray) -> tensor', 'f({x})'], /probe: kind 'typedarray' is for hand-written functions only/);
});

// Never run: compiled by `npm run typecheck`, where each marked line must be a type error.
export function typeErrors(n: NativeAddon, x: ReturnType<NativeAddon['zeros']>): void {
  // @ts-expect-error a misspelt op
  n.conv2dd(x, x, null, [1, 1], [0, 0], [1, 1], 1);
  // @ts-expect-error too few arguments (stride, padding and dilation are required)
  n.conv2d(x, x, null);
  // @ts-expect-error too many arguments
  n.relu(x, 1);
  // @ts-expect-error a number where a tensor handle belongs
  n.relu(1);
}
