// A run's one seed, spread to the places that draw random numbers. A config.json written
// before the seed was one (with split.seed and layoutOptions.seed copies of it) reads the
// same: the copies always equalled the seed.
import type { DataSpec } from '../train/data.js';
import type { SplitSpec } from '../train/split.js';
import type { RunConfig } from './types.js';
import { prepareFor } from '../train/embed.js';

export function splitOf(c: Pick<RunConfig, 'split' | 'seed'>): SplitSpec {
  return { ...c.split, seed: c.seed };
}

/** What prepareDetection fits: the split, the preprocessing (PLE edges with --embed ple) and the layout, seeded by the run's seed. */
export function dataSpecOf(c: Pick<RunConfig, 'layout' | 'layoutOptions' | 'prepare' | 'split' | 'seed' | 'embed'>): DataSpec {
  return { layout: c.layout, layoutOptions: { ...c.layoutOptions, seed: c.seed }, prepare: prepareFor(c.prepare, c.embed), split: splitOf(c) };
}
