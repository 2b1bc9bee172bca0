// safetensors (the Hugging Face format Python's `safetensors` and PyTorch read): an
// 8-byte little-endian header length, a JSON header of {name: {dtype, shape,
// data_offsets}}, then the raw little-endian bytes. Headers from disk are validated
// fully before any offset is used.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { N } from './native.js';
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';

const CODE: Record<string, DType> = { F32: 'float32', F64: 'float64', I64: 'int64', I32: 'int32', U8: 'uint8', BOOL: 'bool', F16: 'float16' };
const NAME: Record<DType, string> = { float32: 'F32', float64: 'F64', int64: 'I64', int32: 'I32', uint8: 'U8', bool: 'BOOL', float16: 'F16' };
const SIZE: Record<DType, number> = { float32: 4, float64: 8, int64: 8, int32: 4, uint8: 1, bool: 1, float16: 2 };
const MAX_HEADER = 100 * 1024 * 1024;

export class SafetensorsError extends Error {
  constructor(source: string, what: string) {
    super(`${source}: invalid safetensors file: ${what}`);
  }
}

/** Serialises named tensors (tensors sorted by name for a stable layout). */
export function encodeSafetensors(tensors: Record<string, Tensor> | Map<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const entries = [...(tensors instanceof Map ? tensors.entries() : Object.entries(tensors))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of entries) {
    const bytes = new Uint8Array(N.toBuffer(t.h));
    header[name] = { dtype: NAME[t.dtype], shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    blobs.push(bytes);
    offset += bytes.length;
  }
  // Pad by UTF-8 bytes, not UTF-16 code units, so non-ASCII names keep the data 8-byte aligned.
  const raw = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.concat([raw, Buffer.alloc((8 - (raw.length % 8)) % 8, 0x20)]);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const b of blobs) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

export interface Decoded { tensors: Map<string, Tensor>; metadata: Record<string, string> }

export function decodeSafetensors(buf: Uint8Array, source = '<buffer>'): Decoded {
  if (buf.length < 8) throw new SafetensorsError(source, `file is ${buf.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER, buf.length - 8))) throw new SafetensorsError(source, `header length ${n} exceeds the file (${buf.length} bytes)`);
  const hlen = Number(n);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + 8, hlen).toString('utf8'));
  } catch (e) {
    throw new SafetensorsError(source, `header is not JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new SafetensorsError(source, 'header is not a JSON object');
  const dataStart = 8 + hlen;
  const dataLen = buf.length - dataStart;
  const metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
  const specs: [string, DType, number[], number, number][] = [];
  for (const [name, spec] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (spec === null || typeof spec !== 'object') throw new SafetensorsError(source, '__metadata__ must be an object');
      for (const [k, v] of Object.entries(spec as object)) {
        if (typeof v !== 'string') throw new SafetensorsError(source, `__metadata__.${k} must be a string`);
        metadata[k] = v;
      }
      continue;
    }
    const s = spec as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = typeof s?.dtype === 'string' ? CODE[s.dtype] : undefined;
    if (!dtype) throw new SafetensorsError(source, `tensor '${name}': unsupported dtype ${JSON.stringify(s?.dtype)}`);
    if (!Array.isArray(s.shape) || !s.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new SafetensorsError(source, `tensor '${name}': shape must be a list of non-negative integers`);
    const off = s.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isSafeInteger(d) && d >= 0) || off[0] > off[1]) {
      throw new SafetensorsError(source, `tensor '${name}': data_offsets must be [begin, end] with 0 <= begin <= end`);
    }
    const [b, e] = off as [number, number];
    if (e > dataLen) throw new SafetensorsError(source, `tensor '${name}': data_offsets [${b}, ${e}] run past the data (${dataLen} bytes)`);
    const numel = (s.shape as number[]).reduce((a, c) => a * c, 1);
    if (numel * SIZE[dtype] !== e - b) throw new SafetensorsError(source, `tensor '${name}': shape ${JSON.stringify(s.shape)} of ${dtype} needs ${numel * SIZE[dtype]} bytes, offsets give ${e - b}`);
    spans.push([b, e, name]);
    specs.push([name, dtype, s.shape as number[], b, e]);
  }
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let end = 0;
  for (const [b, e, name] of spans) {
    if (b !== end) throw new SafetensorsError(source, `tensor '${name}' starts at ${b}, expected ${end} (overlap or hole in the data)`);
    end = e;
  }
  if (end !== dataLen) throw new SafetensorsError(source, `data section has ${dataLen} bytes, tensors cover ${end}`);
  const tensors = new Map<string, Tensor>();
  for (const [name, dtype, shape, b, e] of specs) {
    // Copy into an aligned buffer: the data section need not be aligned for this dtype.
    const bytes = new Uint8Array(e - b);
    bytes.set(buf.subarray(dataStart + b, dataStart + e));
    tensors.set(name, new Tensor(N.fromBuffer(bytes, shape, dtype)));
  }
  return { tensors, metadata };
}

export function saveSafetensors(path: string, tensors: Record<string, Tensor> | Map<string, Tensor>, metadata?: Record<string, string>): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export function loadSafetensors(path: string): Decoded {
  return decodeSafetensors(readFileSync(path), path);
}
