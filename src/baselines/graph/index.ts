// The graph baselines: detectors that read the rows' GraphContext (users, days, log
// edges) besides their features. The runner gives them a context only when log edges
// exist, so it needs to know which detectors those are.
export { LouvainDetector } from './louvainDetector.js';
export { loadEdges } from './load.js';
export type { EdgeKind, EdgeList, GraphContext } from './types.js';

/** Registry names of the detectors that need TabularData.context: graph clustering and the GNNs. */
export const GRAPH_DETECTORS: readonly string[] = ['louvain', 'louvain_pc', 'louvain_email', 'louvain_web', 'gcn', 'graphsage', 'gcn_ae'];
