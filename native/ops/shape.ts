// Shape, indexing, joining and conversion ops.
import type { Decl } from './dsl.js';

export const shape: Decl[] = [
  ['reshape(self: tensor, shape: int[]) -> tensor', '{self}.reshape({shape})'],
  ['view(self: tensor, shape: int[]) -> tensor', '{self}.view({shape})'],
  ['permute(self: tensor, dims: int[]) -> tensor', '{self}.permute({dims})'],
  ['transpose(self: tensor, dim0: int, dim1: int) -> tensor', '{self}.transpose({dim0}, {dim1})'],
  ['flatten(self: tensor, startDim: int = 0, endDim: int = -1) -> tensor', '{self}.flatten({startDim}, {endDim})'],
  ['squeeze(self: tensor, dim: int?) -> tensor', { 'dim=null': '{self}.squeeze()', _: '{self}.squeeze({dim})' }],
  ['unsqueeze(self: tensor, dim: int) -> tensor', '{self}.unsqueeze({dim})'],
  ['expand(self: tensor, size: int[]) -> tensor', '{self}.expand({size})'],
  ['contiguous(self: tensor) -> tensor', '{self}.contiguous()'],
  ['clone(self: tensor) -> tensor', '{self}.clone()'],
  ['repeat(self: tensor, repeats: int[]) -> tensor', '{self}.repeat({repeats})'],
  ['flip(self: tensor, dims: int[]) -> tensor', '{self}.flip({dims})'],
  ['cat(tensors: tensor[], dim: int = 0) -> tensor', 'at::cat({tensors}, {dim})'],
  ['stack(tensors: tensor[], dim: int = 0) -> tensor', 'at::stack({tensors}, {dim})'],
  // Two overloads, as in ATen: one chunk size, or the size of every chunk.
  ['split(self: tensor, splitSize: int, dim: int = 0) -> tensor[]', '{self}.split({splitSize}, {dim})'],
  ['splitWithSizes(self: tensor, splitSizes: int[], dim: int = 0) -> tensor[]', '{self}.split_with_sizes({splitSizes}, {dim})'],
  ['chunk(self: tensor, chunks: int, dim: int = 0) -> tensor[]', '{self}.chunk({chunks}, {dim})'],
  ['unbind(self: tensor, dim: int = 0) -> tensor[]', '{self}.unbind({dim})'],
  ['narrow(self: tensor, dim: int, start: int, length: int) -> tensor', '{self}.narrow({dim}, {start}, {length})'],
  // end null: to the end of the dim.
  ['slice(self: tensor, dim: int = 0, start: int = 0, end: int?, step: int = 1) -> tensor', '{self}.slice({dim}, {start}, {end}, {step})'],
  ['select(self: tensor, dim: int, index: int) -> tensor', '{self}.select({dim}, {index})'],
  ['indexSelect(self: tensor, dim: int, index: tensor) -> tensor', '{self}.index_select({dim}, {index})'],
  ['gather(self: tensor, dim: int, index: tensor) -> tensor', '{self}.gather({dim}, {index})'],
  ['scatter(self: tensor, dim: int, index: tensor, src: tensor) -> tensor', '{self}.scatter({dim}, {index}, {src})'],
  ['scatterAdd(self: tensor, dim: int, index: tensor, src: tensor) -> tensor', '{self}.scatter_add({dim}, {index}, {src})'],
  // self[indices] with one int64 or bool tensor, along dim 0.
  ['index(self: tensor, indices: tensor) -> tensor', '{self}.index(OneIndex({indices}))'],
  ['maskedSelect(self: tensor, mask: tensor) -> tensor', '{self}.masked_select({mask})'],
  ['maskedFill(self: tensor, mask: tensor, value: tensor|scalar) -> tensor', '{self}.masked_fill({mask}, {value})'],
  ['where(condition: tensor, self: tensor|scalar, other: tensor|scalar) -> tensor', 'at::where({condition}, {self}, {other})'],
  // A null dtype or device keeps the tensor's own.
  ['to(self: tensor, dtype: dtype?, device: device?) -> tensor', '{self}.to({device}.value_or({self}.device()), {dtype}.value_or({self}.scalar_type()))'],
  ['nonzero(self: tensor) -> tensor', '{self}.nonzero()'],
  ['tril(self: tensor, diagonal: int = 0) -> tensor', '{self}.tril({diagonal})'],
  ['triu(self: tensor, diagonal: int = 0) -> tensor', '{self}.triu({diagonal})'],
  ['oneHot(self: tensor, numClasses: int = -1) -> tensor', 'at::one_hot({self}, {numClasses})'],
  // The fill value only exists for mode "constant".
  ['pad(self: tensor, pad: int[], mode: str = "constant", value: float = 0.0) -> tensor', 'at::pad({self}, {pad}, {mode}, PadValue({mode}, {value}))'],
];
