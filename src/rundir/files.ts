// The names inside a run directory, and where runs of several seeds go. Nothing outside
// src/rundir spells a file name of a run.
//   config.json          what was asked + sizes (RunConfigFile, BaselineConfigFile, ImageRunFile)
//   layout.json          the fitted preprocessing and layout (detection runs)
//   metrics.jsonl        one line per member and epoch
//   members/K/           member K's checkpoints and best.safetensors (its early-stopped weights)
//   members/K/refit/     with --refit: the member trained again on train+val; its best.safetensors
//                        (the last epoch's) is the member's final weights
//   weights.safetensors  member 0's final weights
//   predictions.parquet  user, day, split, insider, score per scored row
//   result.json          ResultFile: test metrics, curves, alerts, members (with their weights)
import { join } from 'node:path';

export const CONFIG = 'config.json';
export const LAYOUT = 'layout.json';
export const METRICS = 'metrics.jsonl';
export const RESULT = 'result.json';
export const PREDICTIONS = 'predictions.parquet';
export const WEIGHTS = 'weights.safetensors';
/** A member's best (or, for a refit, last) epoch's weights, inside its directory. */
export const BEST = 'best.safetensors';
const MEMBERS = 'members';
const REFIT = 'refit';

export const runFile = (run: string, name: string) => join(run, name);
export const membersDir = (run: string) => join(run, MEMBERS);
export const memberDir = (run: string, k: number) => join(run, MEMBERS, String(k));
/** Where member k's refit trains (its own checkpoints and best.safetensors). */
export const refitDir = (run: string, k: number) => join(memberDir(run, k), REFIT);

/** Member k's final weights, relative to the run: the refit's when the member was refitted. */
export function memberWeights(k: number, refitted: boolean): string {
  return refitted ? join(MEMBERS, String(k), REFIT, BEST) : join(MEMBERS, String(k), BEST);
}

/** The directory of one seed of a method: ROOT/NAME/seed-N (baselines, benches, the demo). */
export const seedDir = (root: string, name: string, seed: number) => join(root, name, `seed-${seed}`);

/**
 * Appended to the method name of every run on features extracted with
 * --allow-future-context, so every table and report that shows the method says so.
 */
export const FUTURE_CONTEXT_TAG = ' · FUTURE CONTEXT (leaks later LDAP snapshots)';
