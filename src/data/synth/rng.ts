// The seeded RNG lives in src/util/rng.ts (every room uses it); this path stays for the
// generator's own imports.
export * from '../../util/rng.js';
