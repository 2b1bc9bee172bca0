// Tensor creation and metadata. Factories take (…, dtype, device); a null device is the CPU.
import type { Decl } from './dsl.js';

export const create: Decl[] = [
  ['zeros(size: int[], dtype: dtype = float32, device: device?) -> tensor', 'at::zeros({size}, Opts({dtype}, {device}))'],
  ['ones(size: int[], dtype: dtype = float32, device: device?) -> tensor', 'at::ones({size}, Opts({dtype}, {device}))'],
  ['empty(size: int[], dtype: dtype = float32, device: device?) -> tensor', 'at::empty({size}, Opts({dtype}, {device}))'],
  ['full(size: int[], value: scalar, dtype: dtype = float32, device: device?) -> tensor', 'at::full({size}, {value}, Opts({dtype}, {device}))'],
  ['arange(start: scalar, end: scalar, step: scalar, dtype: dtype = int64, device: device?) -> tensor', 'at::arange({start}, {end}, {step}, Opts({dtype}, {device}))'],
  ['linspace(start: scalar, end: scalar, steps: int = 100, dtype: dtype = float32, device: device?) -> tensor', 'at::linspace({start}, {end}, {steps}, Opts({dtype}, {device}))'],
  ['eye(n: int, m: int, dtype: dtype = float32, device: device?) -> tensor', 'at::eye({n}, {m}, Opts({dtype}, {device}))'],
  // A sparse COO matrix (for mm) from indices [2, nnz] that the caller has sorted by
  // (row, column) without repeats: it is marked coalesced instead of being sorted again,
  // which would cost more than the product it serves.
  ['sparseCooSorted(indices: tensor, values: tensor, size: int[]) -> tensor', 'at::_sparse_coo_tensor_unsafe({indices}, {values}, {size})._coalesced_(true)'],
  ['randn(size: int[], dtype: dtype = float32, device: device?) -> tensor', 'at::randn({size}, Opts({dtype}, {device}))'],
  ['rand(size: int[], dtype: dtype = float32, device: device?) -> tensor', 'at::rand({size}, Opts({dtype}, {device}))'],
  ['randint(low: int, high: int, size: int[], dtype: dtype = int64, device: device?) -> tensor', 'at::randint({low}, {high}, {size}, Opts({dtype}, {device}))'],
  ['randperm(n: int, dtype: dtype = int64, device: device?) -> tensor', 'at::randperm({n}, Opts({dtype}, {device}))'],
  ['zerosLike(self: tensor) -> tensor', 'at::zeros_like({self})'],
  ['onesLike(self: tensor) -> tensor', 'at::ones_like({self})'],
  ['randnLike(self: tensor) -> tensor', 'at::randn_like({self})'],

  // Metadata.
  ['item(self: tensor) -> scalar', 'Item({self})'],
  ['shape(self: tensor) -> int[]', '{self}.sizes()'],
  ['dtype(self: tensor) -> dtype', '{self}.scalar_type()'],
  ['device(self: tensor) -> str', '{self}.device().str()'],
  ['numel(self: tensor) -> int', '{self}.numel()'],
  ['isContiguous(self: tensor) -> bool', '{self}.is_contiguous()'],
];
