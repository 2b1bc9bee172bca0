// reslab's tensor engine over libtorch. Import as `import * as torch from './index.js'`
// and use it like PyTorch: torch.zeros([2, 3]), x.matmul(w), torch.F.conv2d(...).
export { Tensor, type Scalar } from './tensor.js';
export type { DType, Device, TypedArray } from './dtype.js';
export * from './factory.js';
export * from './ops.js';
export * from './autograd.js';
export * from './runtime.js';
export { tidy, withScope, keep, unkeep, isKept, liveTensors } from './scope.js';
export * as F from './functional.js';
export { optimKernels, type AdamHyper, type SgdHyper } from './optim-kernels.js';
export { saveSafetensors, loadSafetensors, encodeSafetensors, decodeSafetensors } from './safetensors.js';
