// Loads a finished detection run back: its config, the fitted preprocessing and layout,
// and the final weights of every ensemble member, so new data can be scored. A member's
// final weights are the ones its run scored with: result.json's members list names them;
// a run without it (still training, or written before the list had them) falls back to
// the refit's weights when the config asked for a refit and they exist.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createModel, type BlockNet } from '../models/index.js';
import { modelOverrides } from '../train/arch.js';
import { loadSafetensors } from '../torch/index.js';
import type { PrepareState } from '../layout/prepare.js';
import { inputShapeOf, type LayoutSpec } from '../layout/layout.js';
import { outputsFor } from '../train/modes.js';
import { embedSpecFor } from '../train/embed.js';
import { RESULT, memberWeights, membersDir, runFile } from './files.js';
import { readConfig, readJson, readLayout } from './json.js';
import type { ResultFile, RunConfigFile } from './types.js';

export interface SavedRun { dir: string; config: RunConfigFile; prep: PrepareState; layout: LayoutSpec; models: BlockNet[] }

/** Loads safetensors weights into a model (keys as its stateDict) and frees the loaded copies. */
export function loadWeights<M extends BlockNet>(model: M, path: string): M {
  const { tensors } = loadSafetensors(path);
  try {
    model.loadStateDict(tensors);
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
  return model;
}

/** The member numbers that have a directory, in order. */
function memberIds(run: string): number[] {
  const dir = membersDir(run);
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => a - b) : [];
}

/** Each member's final weights file, relative to the run. */
export function finalWeights(run: string, config: Pick<RunConfigFile, 'refit'>): string[] {
  const resultPath = runFile(run, RESULT);
  const listed = existsSync(resultPath) ? readJson<Partial<ResultFile>>(resultPath).members : undefined;
  if (listed?.length && listed.every((m) => m.weights)) return listed.map((m) => m.weights!);
  return memberIds(run).map((k) => {
    const refit = memberWeights(k, true);
    return config.refit && existsSync(join(run, refit)) ? refit : memberWeights(k, false);
  });
}

export function loadRun(dir: string): SavedRun {
  const config = readConfig<RunConfigFile>(dir);
  const { prepare: prep, layout } = readLayout(dir);
  const weights = finalWeights(dir, config);
  if (weights.length === 0) throw new Error(`${membersDir(dir)}: no trained members; the run did not finish (continue it with 'reslab train … --resume')`);
  const input = inputShapeOf(layout, prep);
  const outputs = outputsFor(config.mode ?? 'supervised', prep.channels.length * prep.inputs.length);
  const overrides = modelOverrides(config.model, config, config.embed ? config.embedSpec ?? embedSpecFor(config.embed, prep, layout) : undefined);
  const models = weights.map((w, k) => {
    const path = join(dir, w);
    if (!existsSync(path)) throw new Error(`${path}: missing; member ${k} never finished an epoch`);
    return loadWeights(createModel(config.model, { input, members: config.members, overrides: { ...overrides, numClasses: outputs } }), path).eval();
  });
  return { dir, config, prep, layout, models };
}
