// Methods at tuned settings (`reslab contest --tuned FILE`): each file's winner replaces
// its method's defaults, so the cells of that method key on the tuned spec and rerun when
// a file with other settings is given, while every other method's cells are reused.
// Tuning is done once on a held-out world (docs/contest.md, "Tuning"); a file tuned on
// one of the contest's own worlds is refused, since its trials read that world's labels.
import type { Params } from '../tune/space.js';
import { tunedSpec, type TunedFile } from '../tune/file.js';
import type { MethodSpec } from './methods.js';

export interface TuningNote {
  /** Trials the search ran (the same budget for every tuned method is the point). */
  trials: number;
  world: string;
  winnerTrial: number;
  valPrAuc: number;
  params: Params;
}

/** Each method's tuned spec and what the tables say about it; an error for a file whose method is not run or is given twice. */
export function tunedMethods(methods: string[], files: TunedFile[]): { specs: Map<string, MethodSpec>; notes: Record<string, TuningNote> } {
  const specs = new Map<string, MethodSpec>();
  const notes: Record<string, TuningNote> = {};
  for (const f of files) {
    if (!methods.includes(f.method)) throw new RangeError(`a tuned-params file is for '${f.method}', which is not among the methods (${methods.join(', ')})`);
    if (specs.has(f.method)) throw new RangeError(`two tuned-params files are for '${f.method}'`);
    specs.set(f.method, tunedSpec(f));
    notes[f.method] = { trials: f.budget, world: f.world.name, winnerTrial: f.winner.trial, valPrAuc: f.winner.valPrAuc, params: f.winner.params };
  }
  return { specs, notes };
}

/** Throws when any file was tuned on this contest world (same features key or file). */
export function checkHeldOut(files: TunedFile[], world: { name: string; key: string; features: string }): void {
  for (const f of files) {
    if (f.world.key === world.key || f.world.features === world.features) {
      throw new RangeError(`'${f.method}' was tuned on ${f.world.name}, which is the contest's world '${world.name}': its trials read that world's labels; tune on a held-out world`);
    }
  }
}

/** How a method is named in the tables: tuned ones say so and with how many trials. */
export function methodLabel(method: string, tuning: Record<string, TuningNote> | undefined): string {
  const t = tuning?.[method];
  return t ? `${method} (tuned: ${t.trials} trials on ${t.world})` : method;
}
