// safetensors: bit-exact round trips, interop with Python (parsed by hand there, since
// python3-safetensors is not installed), and header validation with clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as torch from '../../src/torch/index.js';
import type { Tensor } from '../../src/torch/index.js';

const bytesOf = (t: Tensor) => Buffer.from(t.dataSync().buffer);

function sample(): Record<string, Tensor> {
  // float32 bit patterns that a lossy path would change: -0, NaN with payload, subnormal, max
  const f32bits = new Uint32Array([0x80000000, 0x7fc12345, 0x00000001, 0x7f7fffff, 0x3f800000, 0xff800000]);
  return {
    'layer.weight': torch.tensor(new Float32Array(f32bits.buffer), { shape: [2, 3] }),
    'layer.bias': torch.tensor(new Float64Array([Math.PI, -0, 5e-324, Number.MAX_VALUE])),
    steps: torch.tensor(new BigInt64Array([9007199254740993n, -1n, 0n])),
    counts: torch.tensor(new Int32Array([2147483647, -2147483648])),
    mask: torch.tensor([[true, false], [false, true]]),
    bytes: torch.tensor(new Uint8Array([0, 255, 7])),
    half: torch.tensor([0.5, -2, 65504]).to('float16'),
    scalar: torch.tensor(1.25),
    empty: torch.zeros([0, 4]),
  };
}

test('encode/decode is bit-exact for every dtype and re-encodes to the same bytes', () => {
  const src = sample();
  const buf = torch.encodeSafetensors(src, { format: 'pt', note: 'ünïcode ✓' });
  const { tensors, metadata } = torch.decodeSafetensors(buf);
  assert.deepEqual(metadata, { format: 'pt', note: 'ünïcode ✓' });
  assert.deepEqual([...tensors.keys()].sort(), Object.keys(src).sort());
  for (const [name, t] of Object.entries(src)) {
    const back = tensors.get(name)!;
    assert.equal(back.dtype, t.dtype, name);
    assert.deepEqual(back.shape, t.shape, name);
    if (t.dtype === 'float16') assert.ok(back.float().equal(t.float()), name);
    else assert.ok(bytesOf(back).equals(bytesOf(t)), `${name} bytes differ`);
  }
  assert.ok(Buffer.from(torch.encodeSafetensors(tensors, metadata)).equals(Buffer.from(buf)));
});

test('layout: 8-byte little-endian header length, JSON header, data aligned to 8 bytes', () => {
  for (const name of ['w', 'ünïcödé.weight', '重み']) {
    const buf = torch.encodeSafetensors({ [name]: torch.ones([3], { dtype: 'float64' }) });
    const n = Number(new DataView(buf.buffer, buf.byteOffset).getBigUint64(0, true));
    assert.equal((8 + n) % 8, 0, `data of '${name}' is not 8-byte aligned`);
    const header = JSON.parse(Buffer.from(buf.subarray(8, 8 + n)).toString('utf8'));
    assert.deepEqual(header[name], { dtype: 'F64', shape: [3], data_offsets: [0, 24] });
    assert.equal(buf.length, 8 + n + 24);
  }
});

test('a non-contiguous tensor is written in row-major order', () => {
  const t = torch.arange(6).reshape(2, 3).t();
  const back = torch.decodeSafetensors(torch.encodeSafetensors({ t })).tensors.get('t')!;
  assert.deepEqual(back.toArray(), [[0, 3], [1, 4], [2, 5]]);
});

test('save/load through a file, atomically (no temp files left)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-st-'));
  try {
    const path = join(dir, 'sub', 'model.safetensors');
    torch.saveSafetensors(path, new Map([['a', torch.tensor([1, 2, 3])]]));
    torch.saveSafetensors(path, { a: torch.tensor([4, 5]) });
    const { tensors } = torch.loadSafetensors(path);
    assert.deepEqual(tensors.get('a')!.toFlatArray(), [4, 5]);
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['model.safetensors']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Python parses our file with struct/json/torch.frombuffer, checks every value, then writes
// a file by hand for us to read.
const PY = String.raw`
import json, struct, sys, torch
src, out = sys.argv[1], sys.argv[2]
raw = open(src, 'rb').read()
(n,) = struct.unpack('<Q', raw[:8])
header = json.loads(raw[8:8 + n].decode('utf-8'))
data = raw[8 + n:]
codes = {'F32': torch.float32, 'F64': torch.float64, 'I64': torch.int64, 'I32': torch.int32, 'U8': torch.uint8, 'BOOL': torch.bool, 'F16': torch.float16}
result = {'metadata': header.pop('__metadata__', None), 'aligned': (8 + n) % 8 == 0, 'tensors': {}}
for name, spec in header.items():
    b, e = spec['data_offsets']
    t = torch.frombuffer(bytearray(data[b:e]), dtype=codes[spec['dtype']]) if e > b else torch.empty(0, dtype=codes[spec['dtype']])
    t = t.reshape(spec['shape'])
    result['tensors'][name] = {'dtype': str(t.dtype), 'shape': list(t.shape), 'values': t.double().reshape(-1).tolist() if t.dtype != torch.int64 else [str(v) for v in t.reshape(-1).tolist()]}
    if t.dtype == torch.float32:
        result['tensors'][name]['bits'] = [hex(v & 0xffffffff) for v in t.view(torch.int32).reshape(-1).tolist()]
# a file written by hand: two tensors, metadata, header padded with spaces
ts = {'x': torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4, 'idx': torch.tensor([-5, 2**40], dtype=torch.int64)}
hdr, blobs, off = {'__metadata__': {'origin': 'python'}}, b'', 0
for k, t in ts.items():
    bts = t.numpy().tobytes()
    hdr[k] = {'dtype': {torch.float32: 'F32', torch.int64: 'I64'}[t.dtype], 'shape': list(t.shape), 'data_offsets': [off, off + len(bts)]}
    blobs += bts
    off += len(bts)
h = json.dumps(hdr).encode()
h += b' ' * ((8 - len(h) % 8) % 8)
open(out, 'wb').write(struct.pack('<Q', len(h)) + h + blobs)
print(json.dumps(result))
`;

test('Python reads our files and we read files Python wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-st-py-'));
  try {
    const ours = join(dir, 'ours.safetensors');
    const theirs = join(dir, 'theirs.safetensors');
    torch.saveSafetensors(ours, {
      w: torch.tensor(new Float32Array(new Uint32Array([0x80000000, 0x3eaaaaab, 0x7f7fffff]).buffer)),
      d: torch.tensor([[0.1, -2.5]], { dtype: 'float64' }),
      n: torch.tensor(new BigInt64Array([9007199254740993n, -7n])),
      m: torch.tensor([true, false, true]),
      e: torch.zeros([0]),
    }, { format: 'pt' });
    writeFileSync(join(dir, 'read.py'), PY);
    const r = spawnSync('/usr/bin/python3', [join(dir, 'read.py'), ours, theirs], { encoding: 'utf8' });
    assert.equal(r.status, 0, `python failed: ${r.stderr}`);
    const got = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.deepEqual(got.metadata, { format: 'pt' });
    assert.equal(got.aligned, true);
    assert.deepEqual(got.tensors.w.bits, ['0x80000000', '0x3eaaaaab', '0x7f7fffff']);
    assert.equal(got.tensors.w.dtype, 'torch.float32');
    assert.deepEqual(got.tensors.d, { dtype: 'torch.float64', shape: [1, 2], values: [0.1, -2.5] });
    assert.deepEqual(got.tensors.n.values, ['9007199254740993', '-7']);
    assert.deepEqual(got.tensors.m, { dtype: 'torch.bool', shape: [3], values: [1, 0, 1] });
    assert.deepEqual(got.tensors.e.shape, [0]);

    const back = torch.loadSafetensors(theirs);
    assert.deepEqual(back.metadata, { origin: 'python' });
    assert.deepEqual(back.tensors.get('x')!.toArray(), [[0, 0.25, 0.5], [0.75, 1, 1.25]]);
    assert.equal(back.tensors.get('x')!.dtype, 'float32');
    assert.deepEqual(Array.from(back.tensors.get('idx')!.dataSync() as BigInt64Array), [-5n, 2n ** 40n]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A file with the given header object and data length. */
function craft(header: unknown, dataBytes: number, rawHeader?: string): Uint8Array {
  const h = Buffer.from(rawHeader ?? JSON.stringify(header), 'utf8');
  const out = new Uint8Array(8 + h.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  return out;
}
const F32 = (shape: number[], b: number, e: number) => ({ dtype: 'F32', shape, data_offsets: [b, e] });

test('header validation rejects malformed files with a message naming the problem', () => {
  const bad: [string, Uint8Array, RegExp][] = [
    ['too short', new Uint8Array(5), /shorter than the 8-byte header length/],
    ['header longer than file', (() => { const b = craft({}, 0); new DataView(b.buffer).setBigUint64(0, 1000n, true); return b; })(), /header length 1000 exceeds the file/],
    ['truncated data', craft({ a: F32([4], 0, 16) }, 12), /run past the data \(12 bytes\)/],
    ['not JSON', craft(null, 0, '{"a": '), /header is not JSON/],
    ['not an object', craft([1, 2], 0), /not a JSON object/],
    ['unknown dtype', craft({ a: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, 8), /tensor 'a': unsupported dtype "C64"/],
    ['negative shape', craft({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4), /tensor 'a': shape must be/],
    ['reversed offsets', craft({ a: F32([1], 4, 0) }, 4), /tensor 'a': data_offsets must be/],
    ['fractional offsets', craft({ a: F32([1], 0.5, 4.5) }, 8), /tensor 'a': data_offsets must be/],
    ['size mismatch', craft({ a: F32([3], 0, 8) }, 8), /tensor 'a': shape \[3\] of float32 needs 12 bytes, offsets give 8/],
    ['overlap', craft({ a: F32([2], 0, 8), b: F32([2], 4, 12) }, 12), /tensor 'b' starts at 4, expected 8/],
    ['hole', craft({ a: F32([1], 0, 4), b: F32([1], 8, 12) }, 12), /tensor 'b' starts at 8, expected 4/],
    ['trailing bytes', craft({ a: F32([1], 0, 4) }, 8), /data section has 8 bytes, tensors cover 4/],
    ['metadata not strings', craft({ __metadata__: { n: 1 } }, 0), /__metadata__.n must be a string/],
  ];
  for (const [what, buf, re] of bad) {
    assert.throws(() => torch.decodeSafetensors(buf, 'ckpt.safetensors'), (e: Error) => {
      assert.match(e.message, /^ckpt\.safetensors: invalid safetensors file: /, what);
      assert.match(e.message, re, what);
      return true;
    }, what);
  }
});

test('loadSafetensors names the file in its errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-st-bad-'));
  try {
    const path = join(dir, 'broken.safetensors');
    const good = torch.encodeSafetensors({ a: torch.ones([8]) });
    writeFileSync(path, good.subarray(0, good.length - 4));
    assert.throws(() => torch.loadSafetensors(path), (e: Error) => e.message.startsWith(`${path}: invalid safetensors file`));
    assert.ok(readFileSync(path).length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
