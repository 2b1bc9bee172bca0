// Graph neural network baselines (GCN, GraphSAGE, a GCN autoencoder) over per-period user graphs.
export { GNNDetector, GNN_DETECTORS, type GNNKind } from './detector.js';
export { windowGraphs, type UserGraph, type GraphOptions } from './graph.js';
export { gcnNorm, meanNorm, type Propagation } from './norm.js';
