// The tuned-params file `reslab tune` writes and `reslab contest --tuned` reads: the
// method, the world and split it was tuned on, the space, every trial's params and
// validation PR-AUC, and the winner. It is read back strictly (a hand-edited winner
// outside the space, or one that is not among the trials, is refused) because the
// contest runs whatever the file says.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { resolveMethod, type MethodSpec } from '../contest/methods.js';
import type { SplitSpec } from '../train/split.js';
import { inDim, type Params, type Space } from './space.js';
import { spaceFor } from './spaces.js';
import { bestTrial, withTrialParams, type TrialResult } from './tune.js';

export const TUNED_KIND = 'reslab-tuned-params';
export const TUNED_VERSION = 1;

export interface TunedFile {
  kind: typeof TUNED_KIND;
  version: number;
  method: string;
  /** Trials run (trial 0 is the defaults). */
  budget: number;
  /** Seeds the split and the sampler. */
  seed: number;
  /** The world tuned on: a contest refuses a file tuned on one of its own worlds. */
  world: { name: string; key: string; features: string };
  split: SplitSpec;
  selection: string;
  space: Space;
  trials: TrialResult[];
  winner: { trial: number; params: Params; valPrAuc: number };
}

export const SELECTION = 'PR-AUC on the split\'s validation users (fitted on its training users; test users never scored)';

export function writeTunedFile(path: string, f: TunedFile): void {
  // NaN (a validation side without insiders) is not JSON; null keeps the row.
  writeFileAtomic(path, JSON.stringify(f, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
}

export class TunedFileError extends Error {}

export function readTunedFile(path: string): TunedFile {
  let f: TunedFile;
  try {
    f = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TunedFileError(`${path}: ${(e as Error).message}`);
  }
  const fail = (what: string): never => { throw new TunedFileError(`${path}: ${what} (expected a file written by 'reslab tune')`); };
  if (f?.kind !== TUNED_KIND) fail(`kind is ${JSON.stringify(f?.kind)}`);
  if (f.version !== TUNED_VERSION) fail(`version ${f.version}; this reslab reads version ${TUNED_VERSION}`);
  let spec: MethodSpec;
  try { spec = resolveMethod(f.method); } catch (e) { return fail((e as Error).message); }
  if (!Array.isArray(f.trials) || f.trials.length !== f.budget || f.trials.some((t, i) => t?.trial !== i)) fail('trials must list trial 0 … budget-1 in order');
  for (const t of f.trials) if (t.valPrAuc === null) t.valPrAuc = NaN;
  const space = spaceFor(spec);
  const w = f.winner;
  if (!w || !f.trials[w.trial] || JSON.stringify(f.trials[w.trial]!.params) !== JSON.stringify(w.params)) fail('the winner is not one of its trials');
  if (bestTrial(f.trials).trial !== w.trial) fail(`the winner (trial ${w.trial}) is not the best trial by validation PR-AUC`);
  for (const [k, v] of Object.entries(w.params)) {
    const d = space?.[k];
    if (!d || !inDim(d, v)) fail(`winner parameter ${k} = ${JSON.stringify(v)} is outside ${f.method}'s search space`);
  }
  return f;
}

/** The method as the file's winner sets it. */
export function tunedSpec(f: TunedFile): MethodSpec {
  return withTrialParams(resolveMethod(f.method), f.winner.params);
}
