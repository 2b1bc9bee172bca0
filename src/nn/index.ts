// reslab's torch.nn: Module, layers, activations and initialisers.
export { Module } from './module.js';
export * from './layers.js';
export * from './activations.js';
export * as init from './init.js';
export { like } from './like.js';
export { inEvalMode, evalBatches, type EvalOptions } from './evalMode.js';
export { BatchEnsembleLinear, MemberLinear, MemberBatchNorm1d, ensembleLayers, type AdapterInit } from './ensemble.js';
