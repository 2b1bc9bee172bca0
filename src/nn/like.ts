// Factory options that make a new tensor match an existing one. Anything a layer or model
// creates while running (masks, zero fill) must follow its input's dtype and device, or a
// float64 or CUDA forward fails or silently drops to float32 on the CPU.
import type { Tensor, DType, Device } from '../torch/index.js';

export const like = (x: Tensor): { dtype: DType; device: Device } => ({ dtype: x.dtype, device: x.device as Device });
