// Data types and devices, named as in PyTorch (torch.float32 -> 'float32').
export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'uint8' | 'bool' | 'float16';
export type Device = 'cpu' | 'cuda' | `cuda:${number}`;

export type TypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

export function dtypeOfTypedArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Int32Array) return 'int32';
  return 'uint8';
}

export function typedArrayFor(dtype: DType, buf: ArrayBuffer): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(buf);
    case 'float64': return new Float64Array(buf);
    case 'int64': return new BigInt64Array(buf);
    case 'int32': return new Int32Array(buf);
    case 'uint8':
    case 'bool': return new Uint8Array(buf);
    case 'float16': throw new Error('float16 tensors cannot be read into a typed array; convert with .float()');
  }
}

export function allocTypedArray(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'uint8':
    case 'bool': return new Uint8Array(n);
    case 'float16': throw new Error('float16 tensors cannot be built from JS arrays');
  }
}
