// The run directory: the one module that knows its file names, what its files hold, and
// how to write and read them (src/rundir/files.ts lists the files).
export * from './files.js';
export * from './types.js';
export { readJson, readConfig, hasConfig, writeConfig, writeLayout, readLayout, readMetrics, writeMetrics, type LayoutFile } from './json.js';
export { writeResult, writeImageResult, datasetSummary, type ResultInput } from './result.js';
export { writePredictions, writeRunPredictions, readRunPredictions, type ScoredPart, type ExtraColumns, type ScoredRows } from './predictions.js';
export { loadRun, loadWeights, finalWeights, type SavedRun } from './load.js';
export { findResults, readResultFile, type FoundResult } from './find.js';
export { splitOf, dataSpecOf } from './seeds.js';
export { saveCheckpoint, loadCheckpoint, type CheckpointState, type CheckpointRef } from './checkpoint.js';
