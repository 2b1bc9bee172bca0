// reslab's torch.optim.
export { Optimizer, type ParamGroup, type ParamsInput } from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions } from './adam.js';
export { LRScheduler, stepLR, cosineLR, warmup, oneCycle, type Schedule } from './schedule.js';
export { clipGradNorm_, clipGradValue_ } from './clip.js';
