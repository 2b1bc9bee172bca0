// IDX files (LeCun's MNIST format, also Fashion-MNIST and EMNIST): a 4-byte magic
// (0, 0, element type, number of dimensions), the dimensions as big-endian int32, then
// the values in row-major order (multi-byte types big-endian). Files may be gzipped, as
// distributed; the gzip magic decides, not the file name.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** Element type codes of the format and their sizes in bytes. */
const TYPES: Record<number, { type: IdxType; bytes: number }> = {
  0x08: { type: 'uint8', bytes: 1 }, 0x09: { type: 'int8', bytes: 1 }, 0x0b: { type: 'int16', bytes: 2 },
  0x0c: { type: 'int32', bytes: 4 }, 0x0d: { type: 'float32', bytes: 4 }, 0x0e: { type: 'float64', bytes: 8 },
};

export interface IdxArray {
  type: IdxType;
  dims: number[];
  /** uint8 files keep their bytes (a view of the file); other types are decoded to host order. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Reads an IDX file (raw or gzip); every error names the file and what was expected. */
export function readIdx(path: string): IdxArray {
  if (!existsSync(path)) throw new Error(`${path}: not found (expected an IDX file, raw or gzipped)`);
  let buf: Uint8Array = readFileSync(path);
  if (isGzip(buf)) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new Error(`${path}: the gzip stream is damaged or truncated (${(e as Error).message}); expected a complete gzipped IDX file`);
    }
  }
  return decodeIdx(buf, path);
}

/** Decodes IDX bytes; `source` names them in errors. */
export function decodeIdx(buf: Uint8Array, source = 'IDX data'): IdxArray {
  if (buf.length < 4) throw new Error(`${source}: truncated: ${buf.length} bytes, expected at least the 4-byte IDX magic`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const kind = TYPES[buf[2]];
  const nd = buf[3];
  if (buf[0] !== 0 || buf[1] !== 0 || !kind || nd === 0) {
    throw new Error(`${source}: not an IDX file: magic ${[...buf.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}, expected 00 00 <type 08|09|0b|0c|0d|0e> <dims ≥ 1>`);
  }
  const header = 4 + 4 * nd;
  if (buf.length < header) throw new Error(`${source}: truncated header: ${buf.length} bytes, expected ${header} for ${nd} dimensions`);
  const dims = Array.from({ length: nd }, (_, i) => view.getInt32(4 + 4 * i, false));
  if (dims.some((d) => d < 0)) throw new Error(`${source}: negative dimension in header (${dims.join('×')})`);
  const count = dims.reduce((a, b) => a * b, 1);
  const need = count * kind.bytes;
  const have = buf.length - header;
  if (have < need) {
    throw new Error(`${source}: truncated: the header says ${dims.join('×')} ${kind.type} = ${need} bytes of data, found ${have}`);
  }
  if (have > need) throw new Error(`${source}: ${have - need} bytes after the ${dims.join('×')} ${kind.type} values the header announces`);
  const body = buf.subarray(header, header + need);
  if (kind.type === 'uint8') return { type: kind.type, dims, data: body };
  if (kind.type === 'int8') return { type: kind.type, dims, data: new Int8Array(body.buffer, body.byteOffset, count) };
  const bv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const read = {
    int16: (i: number) => bv.getInt16(2 * i, false), int32: (i: number) => bv.getInt32(4 * i, false),
    float32: (i: number) => bv.getFloat32(4 * i, false), float64: (i: number) => bv.getFloat64(8 * i, false),
  }[kind.type];
  const out = { int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[kind.type];
  const data = new out(count);
  for (let i = 0; i < count; i++) data[i] = read(i);
  return { type: kind.type, dims, data };
}

/** Encodes an array as IDX bytes (tests, fixtures). */
export function encodeIdx(type: IdxType, dims: number[], values: ArrayLike<number>): Uint8Array {
  const code = Number(Object.entries(TYPES).find(([, t]) => t.type === type)![0]);
  const bytes = TYPES[code].bytes;
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + values.length * bytes);
  const v = new DataView(out.buffer);
  out[2] = code; out[3] = dims.length;
  dims.forEach((d, i) => v.setInt32(4 + 4 * i, d, false));
  const write = {
    uint8: (i: number, x: number) => v.setUint8(header + i, x), int8: (i: number, x: number) => v.setInt8(header + i, x),
    int16: (i: number, x: number) => v.setInt16(header + 2 * i, x, false), int32: (i: number, x: number) => v.setInt32(header + 4 * i, x, false),
    float32: (i: number, x: number) => v.setFloat32(header + 4 * i, x, false), float64: (i: number, x: number) => v.setFloat64(header + 8 * i, x, false),
  }[type];
  for (let i = 0; i < values.length; i++) write(i, values[i]);
  return out;
}
