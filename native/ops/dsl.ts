// The language of the op table. Each op is one line in the spirit of PyTorch's
// native_functions.yaml (which tch-rs generates its binding from): a signature and the
// ATen call, e.g.
//
//   ['conv2d(input: tensor, weight: tensor, bias: tensor?, stride: int[], padding: int[]|str, dilation: int[], groups: int = 1) -> tensor',
//    'at::conv2d({input}, {weight}, {bias}, {stride}, {padding}, {dilation}, {groups})']
//
// scripts/gen-ops.ts turns the table into the C++ wrappers, their registration and the
// TypeScript interface of the addon, so argument order lives in exactly one place.
// This file only parses; it knows each kind's TypeScript type and how C++ reads it.
//
// Adding an op: one line in the group's file here, `node --import tsx scripts/gen-ops.ts`,
// `npm run build:native`, then the Tensor method or function in src/torch.
// `kind?` may be null (C++ gets a c10::optional, or the op lists a `'name=null'` case
// with the overload to call instead); `= default` makes an argument omittable; `a|b`
// kinds pick a conversion at run time and call the same template with each.

/** How one argument kind crosses the boundary. */
interface Kind {
  ts: string;
  /** C++ that reads info[i]; `def` is the C++ default when one was declared. */
  cpp?: (i: number, def: string | undefined) => string;
  /** C++ for a null/undefined value, when the kind has one (then `?` needs no null case). */
  optional?: (i: number) => string;
  /** Kinds such as `tensor|scalar` pick a conversion at run time. */
  alts?: { guard: (i: number) => string; kind: string }[];
}

const num = (i: number) => `info[${i}].As<Napi::Number>()`;

// The argument kinds. Required numbers read the value directly (Napi throws "A number was
// expected" when it is missing); defaulted ones fall back on null/undefined.
const KINDS: Record<string, Kind> = {
  tensor: { ts: 'Handle', cpp: (i) => `TA(${i})`, optional: (i) => `OptTensor(info[${i}])` },
  'tensor[]': { ts: 'Handle[]', cpp: (i) => `TensorList(info[${i}])` },
  int: { ts: 'number', cpp: (i, d) => (d === undefined ? `${num(i)}.Int64Value()` : `Int(info[${i}], ${d})`), optional: (i) => `OptInt(info[${i}])` },
  'int[]': { ts: 'number | number[]', cpp: (i) => `IntList(info[${i}])` },
  float: { ts: 'number', cpp: (i, d) => (d === undefined ? `${num(i)}.DoubleValue()` : `Num(info[${i}], ${d})`), optional: (i) => `OptNum(info[${i}])` },
  bool: { ts: 'boolean', cpp: (i, d) => `Bool(info[${i}], ${d ?? 'false'})` },
  scalar: { ts: 'Scalar', cpp: (i, d) => (d === undefined ? `Scalar(info[${i}])` : `ScalarOr(info[${i}], ${d})`), optional: (i) => `OptScalar(info[${i}])` },
  dtype: { ts: 'DType', cpp: (i, d) => `DType(info[${i}]${d ? `, ${d}` : ''})`, optional: (i) => `OptDType(info[${i}])` },
  device: { ts: 'string', cpp: (i) => `Device(info[${i}])`, optional: (i) => `OptDevice(info[${i}])` },
  str: { ts: 'string', cpp: (i, d) => (d === undefined ? `Str(info[${i}])` : `Str(info[${i}], ${d})`) },
  reduction: { ts: "'mean' | 'sum' | 'none'", cpp: (i) => `Reduction(info[${i}])` },
  // A tensor or a number. `wrapped` makes the number a 0-dim wrapped-number tensor, as
  // Python does for `t * 2` (same promotion, same autograd node as PyTorch).
  'tensor|scalar': { ts: 'Handle | Scalar', alts: [{ guard: (i) => `info[${i}].IsExternal()`, kind: 'tensor' }, { guard: () => '', kind: 'scalar' }] },
  'tensor|wrapped': { ts: 'Handle | Scalar', alts: [{ guard: (i) => `info[${i}].IsExternal()`, kind: 'tensor' }, { guard: () => '', kind: 'wrapped' }] },
  wrapped: { ts: 'Scalar', cpp: (i) => `Wrapped(info[${i}])` },
  'int[]|str': { ts: 'number | number[] | string', alts: [{ guard: (i) => `info[${i}].IsString()`, kind: 'str' }, { guard: () => '', kind: 'int[]' }] },
  // Kinds of hand-written functions only: the generator types them, C++ reads them itself.
  typedarray: { ts: 'TypedArray' },
  float32array: { ts: 'Float32Array' },
  xgb: { ts: 'XgbHandle' },
  params: { ts: 'Record<string, string | number | boolean>' },
};

/** What the C++ returns, and as which TypeScript type. */
const RETURNS: Record<string, { ts: string; cpp?: (e: string) => string }> = {
  tensor: { ts: 'Handle', cpp: (e) => `return Wrap(env, ${e});` },
  'tensor[]': { ts: 'Handle[]', cpp: (e) => `return WrapList(env, ${e});` },
  '(tensor,tensor)': { ts: '[Handle, Handle]', cpp: (e) => `auto r = ${e};\nreturn WrapList(env, {std::get<0>(r), std::get<1>(r)});` },
  void: { ts: 'void', cpp: (e) => `${e};\n  return env.Undefined();` },
  bool: { ts: 'boolean', cpp: (e) => `return Napi::Boolean::New(env, ${e});` },
  int: { ts: 'number', cpp: (e) => `return Napi::Number::New(env, double(${e}));` },
  'int[]': { ts: 'number[]', cpp: (e) => `return WrapInts(env, ${e});` },
  str: { ts: 'string', cpp: (e) => `return Napi::String::New(env, ${e});` },
  dtype: { ts: 'DType', cpp: (e) => `return Napi::String::New(env, DTypeName(${e}));` },
  scalar: { ts: 'number | boolean', cpp: (e) => `return WrapScalar(env, ${e});` },
  // Returns of hand-written functions only.
  'tensor?': { ts: 'Handle | null' },
  'tensor?[]': { ts: '(Handle | null)[]' },
  'str?': { ts: 'string | null' },
  arraybuffer: { ts: 'ArrayBuffer' },
  float32array: { ts: 'Float32Array' },
  xgb: { ts: 'XgbHandle' },
};

export interface Param {
  name: string;
  kind: string;
  /** May be null/undefined: has a default, or `?`. */
  omittable: boolean;
  nullable: boolean;
  /** The default as written in the table (a number, true/false, "text" or a dtype name). */
  def?: string;
}

export interface Op {
  name: string;
  params: Param[];
  ret: string;
  /** The signature as written, kept in the addon so a stale build can be detected. */
  signature: string;
  /** Generated ops: C++ expression(s). `cases` are tried in order, guarded by `arg=null`. */
  call?: string;
  cases?: { nullArg: string; call: string }[];
  /** Hand-written ops: the file under native/src that defines and registers them. */
  hand?: string;
}

/** A table line: a signature and either the ATen call, guarded cases, or where the hand-written body lives. */
export type Decl = [signature: string, body: string | { [guard: `${string}=null`]: string; _: string } | { hand: string }];

const SIG = /^(\w+)\((.*)\)\s*->\s*(\S+)$/;

export function parse(decl: Decl): Op {
  const [signature, body] = decl;
  const m = SIG.exec(signature.trim());
  if (!m) throw new Error(`op table: cannot parse '${signature}' (expected 'name(arg: kind, ...) -> kind')`);
  const [, name, argText, ret] = m;
  if (!RETURNS[ret]) throw new Error(`op table: ${name}: unknown return kind '${ret}'`);
  const params = argText.trim() === '' ? [] : argText.split(/,(?![^(]*\))/).map((a) => parseParam(name, a));
  const op: Op = { name, params, ret, signature: signature.trim().replace(/\s+/g, ' ') };
  if (typeof body === 'string') op.call = body;
  else if ('hand' in body) op.hand = body.hand;
  else {
    op.cases = Object.entries(body).filter(([k]) => k !== '_').map(([k, call]) => ({ nullArg: k.replace(/=null$/, ''), call }));
    op.call = body._;
  }
  return op;
}

function parseParam(op: string, text: string): Param {
  const m = /^\s*(\w+)\s*:\s*([\w[\]|?]+)\s*(?:=\s*(.+?))?\s*$/.exec(text);
  if (!m) throw new Error(`op table: ${op}: cannot parse argument '${text.trim()}' (expected 'name: kind [= default]')`);
  const [, name, rawKind, def] = m;
  const nullable = rawKind.endsWith('?');
  const kind = nullable ? rawKind.slice(0, -1) : rawKind;
  if (!KINDS[kind]) throw new Error(`op table: ${op}: argument '${name}' has unknown kind '${rawKind}'`);
  return { name, kind, nullable, omittable: nullable || def !== undefined, def };
}

const DTYPES: Record<string, string> = { float32: 'at::kFloat', float64: 'at::kDouble', int64: 'at::kLong', int32: 'at::kInt', bool: 'at::kBool' };

/** The table's default as a C++ expression. */
function cppDefault(p: Param): string | undefined {
  if (p.def === undefined) return undefined;
  if (p.kind === 'dtype') {
    if (!DTYPES[p.def]) throw new Error(`op table: dtype default '${p.def}' is not one of ${Object.keys(DTYPES).join(', ')}`);
    return DTYPES[p.def];
  }
  return p.def;
}

/** How many arguments an op takes: all of them at most; at least up to the last one that may not be left out. */
export function arity(op: Op): [min: number, max: number] {
  let min = op.params.length;
  while (min > 0 && op.params[min - 1].omittable) min--;
  return [min, op.params.length];
}

export function tsType(p: Param): string {
  return KINDS[p.kind].ts + (p.omittable ? ' | null' : '');
}
export function tsReturn(op: Op): string { return RETURNS[op.ret].ts; }
export function isHandOnly(kind: string): boolean { return !KINDS[kind].cpp && !KINDS[kind].alts; }

/**
 * The C++ that reads argument i: for a nullable argument, the kind's optional form unless
 * a preceding `arg=null` case has ruled null out; `narrow` picks one alternative of `a|b`.
 */
export function cppArg(op: Op, i: number, narrow?: string, nonNull = false): string {
  const p = op.params[i];
  const kind = KINDS[narrow ?? p.kind];
  if (kind.alts) throw new Error(`op table: ${op.name}: '${p.name}' needs an alternative picked`);
  if (p.nullable && !nonNull) {
    if (!kind.optional) throw new Error(`op table: ${op.name}: '${p.name}' may be null but kind '${p.kind}' has no optional form: add a '${p.name}=null' case`);
    return kind.optional(i);
  }
  if (!kind.cpp) throw new Error(`op table: ${op.name}: kind '${p.kind}' is for hand-written functions only`);
  return kind.cpp(i, cppDefault(p));
}

export function alternatives(kind: string): { guard: (i: number) => string; kind: string }[] | undefined {
  return KINDS[kind].alts;
}
export function hasOptionalForm(kind: string): boolean { return !!KINDS[kind].optional; }
export function cppReturn(op: Op, expr: string): string {
  const r = RETURNS[op.ret];
  if (!r.cpp) throw new Error(`op table: ${op.name}: return kind '${op.ret}' is for hand-written functions only`);
  return r.cpp(expr);
}
