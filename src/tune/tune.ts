// Random search for one method on one world: `trials` settings drawn from its declared
// space (trial 0 its defaults), each fitted on the training users and scored by PR-AUC on
// the validation users; the best validation score wins, ties going to the earlier trial
// (so the defaults win unless something beats them).
import type { FeatureMatrix } from '../data/cert/matrix.js';
import type { MethodSpec } from '../contest/methods.js';
import type { SplitSpec } from '../train/split.js';
import { trialParams, type Params, type Space } from './space.js';
import { spaceFor } from './spaces.js';
import { trialBench } from './trial.js';

export interface TrialResult { trial: number; params: Params; valPrAuc: number; seconds: number }

export interface Search {
  space: Space;
  trials: TrialResult[];
  winner: TrialResult;
}

/** The method with a trial's params: detector parameters for a baseline, trainer options for a recipe. */
export function withTrialParams(spec: MethodSpec, params: Params): MethodSpec {
  if (Object.keys(params).length === 0) return spec;
  return spec.kind === 'baseline' ? { ...spec, params: { ...spec.params, ...params } } : { ...spec, recipe: { ...spec.recipe, ...params } };
}

/** The best trial: highest validation PR-AUC, the earliest on a tie; a NaN score (no validation insider) never wins. */
export function bestTrial(trials: TrialResult[]): TrialResult {
  return trials.reduce((best, t) => (t.valPrAuc > best.valPrAuc || (Number.isNaN(best.valPrAuc) && !Number.isNaN(t.valPrAuc)) ? t : best));
}

/** Runs the search; throws for a method without a declared space. */
export async function search(matrix: FeatureMatrix, spec: MethodSpec, o: { trials: number; seed: number; split: SplitSpec; log?: (line: string) => void }): Promise<Search> {
  const space = spaceFor(spec);
  if (!space) throw new RangeError(`no search space is declared for ${spec.kind === 'baseline' ? spec.detector : 'this method'} (src/tune/spaces.ts)`);
  const bench = trialBench(matrix, spec, o.split);
  const trials: TrialResult[] = [];
  try {
    for (const [trial, params] of trialParams(space, o.trials, o.seed).entries()) {
      const t0 = performance.now();
      const valPrAuc = await bench.score(withTrialParams(spec, params));
      trials.push({ trial, params, valPrAuc, seconds: (performance.now() - t0) / 1000 });
      o.log?.(`trial ${String(trial).padStart(3)}  validation PR-AUC ${valPrAuc.toFixed(4)}  ${trial === 0 ? '(defaults)' : JSON.stringify(params)}`);
    }
  } finally {
    bench.dispose();
  }
  return { space, trials, winner: bestTrial(trials) };
}
