// `reslab tune` on one world's features: the search on the contest's split at one seed,
// as a tuned-params file.
import type { FeatureMatrix } from '../data/cert/matrix.js';
import { CONTEST_SPLIT } from '../contest/cells.js';
import { resolveMethod } from '../contest/methods.js';
import { SELECTION, TUNED_KIND, TUNED_VERSION, type TunedFile } from './file.js';
import { search } from './tune.js';

export interface TuneOptions {
  method: string;
  trials: number;
  seed: number;
  matrix: FeatureMatrix;
  world: TunedFile['world'];
  log?: (line: string) => void;
}

export async function runTune(o: TuneOptions): Promise<TunedFile> {
  const split = { ...CONTEST_SPLIT, seed: o.seed };
  const s = await search(o.matrix, resolveMethod(o.method), { trials: o.trials, seed: o.seed, split, log: o.log });
  return {
    kind: TUNED_KIND, version: TUNED_VERSION, method: o.method, budget: o.trials, seed: o.seed, world: o.world, split, selection: SELECTION,
    space: s.space, trials: s.trials, winner: { trial: s.winner.trial, params: s.winner.params, valPrAuc: s.winner.valPrAuc },
  };
}
