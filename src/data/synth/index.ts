// Public API of the CERT-format activity-log generator (docs/generator.md).
export { generate, GENERATOR_VERSION, MANIFEST } from './generate.js';
export { PROFILES, resolveProfile, type Profile, type ProfileName } from './profiles.js';
export { GenerateOptionsError } from './validate.js';
export { REAL_R42_ROWS } from './real.js';
export type { GenerateOptions, GenerateSummary, InsiderInfo, Release } from './types.js';
export { RELEASES } from './types.js';
