// CERT ingestion and feature extraction (see docs/features.md).
export { extractFeatures, detectRelease, FEATURES_VERSION } from './extract.js';
export { readSchema, schemaPathFor, rejectsPathFor } from './schema.js';
export { CertFormatError, detectLayout } from './releases.js';
export { RELEASES } from '../format/index.js';
export type {
  Aggregation,
  Domain,
  ExtractOptions,
  FeatureColumn,
  FeatureSchema,
  FeatureSummary,
  Granularity,
  PcClass,
  ProgressEvent,
  RejectInfo,
  StageEvent,
  TimeClass,
} from './types.js';
export { DOMAINS, GRANULARITIES, PC_CLASSES } from './types.js';
