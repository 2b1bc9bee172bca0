// Loads a finished run directory back: its config, the fitted preprocessing and layout,
// and the best weights of every ensemble member, so new data can be scored.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createModel, type BlockNet } from '../models/index.js';
import { loadSafetensors } from '../torch/index.js';
import type { PrepareState } from '../layout/prepare.js';
import type { LayoutSpec } from '../layout/layout.js';
import { inputShapeOf } from '../layout/layout.js';
import type { RunConfig } from './run.js';
import { outputsFor } from './modes.js';

export interface LoadedRun { dir: string; config: RunConfig & { name: string; macs: number; params: number }; prep: PrepareState; layout: LayoutSpec; models: BlockNet[] }

function readJson<T>(path: string, what: string): T {
  if (!existsSync(path)) throw new Error(`${path}: not found; is this a run directory written by 'reslab train' (${what})?`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

export function loadRun(dir: string): LoadedRun {
  const config = readJson<LoadedRun['config']>(join(dir, 'config.json'), 'config');
  const { prepare: prep, layout } = readJson<{ prepare: PrepareState; layout: LayoutSpec }>(join(dir, 'layout.json'), 'fitted layout');
  const membersDir = join(dir, 'members');
  const members = existsSync(membersDir) ? readdirSync(membersDir).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(a) - Number(b)) : [];
  if (members.length === 0) throw new Error(`${membersDir}: no trained members; the run did not finish (continue it with 'reslab train … --resume')`);
  const input = inputShapeOf(layout, prep);
  const models = members.map((k) => {
    const path = join(membersDir, k, 'best.safetensors');
    if (!existsSync(path)) throw new Error(`${path}: missing; member ${k} never finished an epoch`);
    const model = createModel(config.model, { input, overrides: { numClasses: outputsFor(config.mode ?? 'supervised', prep.channels.length * prep.inputs.length) } });
    const { tensors } = loadSafetensors(path);
    model.loadStateDict(tensors);
    for (const t of tensors.values()) t.dispose();
    return model.eval();
  });
  return { dir, config, prep, layout, models };
}
