// One image-classification run (MNIST-format data) through the shared trainer, written
// as a run directory (src/rundir) so the analyses and reports read it like a detection
// run: config.json says "task": "images" and holds the model's full config, the split and
// the pixel norm; result.json holds test accuracy and error; there is no layout.json.
// The split is seeded: validation rows and the --limit training subset come from one
// shuffle of the training file; the test rows are the first --test-limit test images.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { buildModel, cifarResNet, createModel, loadConfigFile, namedConfig, plainOf, profileModel, withInput, withStochasticDepth, type BlockNet, type ModelConfig } from '../models/index.js';
import { loadImageDataset, type ImageDataset } from '../data/images/dataset.js';
import { Rng } from '../util/rng.js';
import {
  CONFIG, WEIGHTS, hasConfig, loadWeights, memberDir, memberWeights, readConfig, readMetrics, runFile, writeConfig, writeImageResult, writeMetrics,
  type ImageRunFileBase,
} from '../rundir/index.js';
import { trainMember, DEFAULT_TRAIN, type TrainOptions, type EpochRecord } from './trainer.js';
import { imageTask, fitPixelNorm, classify, accuracyOf, type PixelNorm } from './imageTask.js';

/**
 * Small CIFAR-style nets for 28×28 grey images: He et al.'s ResNet-32 layout (3 stages ×
 * 5 basic blocks, option-A shortcuts) at half width (8/16/32), so that a ResNet and its
 * plain twin train and get dissected within minutes on two CPU cores.
 */
const narrow32 = (shortcut: 'A' | 'none') => cifarResNet(32, 'basic', shortcut, { inChannels: 1, widths: [8, 16, 32], stem: { kind: 'cifar', width: 8 } });
/**
 * Veit et al.'s depth: the pre-activation ResNet-110 layout (3 stages × 18 blocks, widths
 * 16/32/64, option-A shortcuts) for 1×28×28 images, with stochastic depth (Huang et al.'s
 * linear decay to p_L = 0.5), and plain twins of the same layout at a chosen depth.
 */
const preact = (depth: number) => cifarResNet(depth, 'preact_basic', 'A', { inChannels: 1, stem: { kind: 'cifar', width: 16 } });
export const IMAGE_MODELS: Record<string, { description: string; config: () => ModelConfig }> = {
  fmnist_resnet32: { description: 'ResNet-32 layout at widths 8/16/32 (15 blocks, option A) for 1×28×28 images', config: () => narrow32('A') },
  fmnist_plain32: { description: 'fmnist_resnet32 without shortcuts', config: () => plainOf(narrow32('A')) },
  fmnist_preact110: { description: 'pre-activation ResNet-110 (54 blocks, widths 16/32/64, option A) for 1×28×28 images', config: () => preact(110) },
  fmnist_preact110_sd: { description: 'fmnist_preact110 trained with stochastic depth (linear decay to p_L = 0.5)', config: () => withStochasticDepth(preact(110)) },
  fmnist_plain110: { description: 'fmnist_preact110 without shortcuts', config: () => plainOf(preact(110)) },
  fmnist_plain56: { description: 'the same layout at 56 layers (27 blocks) without shortcuts', config: () => plainOf(preact(56)) },
  fmnist_plain20: { description: 'the same layout at 20 layers (9 blocks) without shortcuts', config: () => plainOf(preact(20)) },
};

/** A model for --model: an image preset, a zoo name, or a JSON config file. */
export function imageModelConfig(model: string): ModelConfig {
  if (IMAGE_MODELS[model]) return IMAGE_MODELS[model].config();
  if (extname(model) === '.json') return loadConfigFile(model);
  return namedConfig(model).config();
}

export interface ImageRunConfig extends Omit<TrainOptions, 'balance' | 'positiveShare'> {
  data: string;
  /** Training rows used (0 = all that are not validation rows). */
  limit: number;
  /** Validation rows held out of the training file. */
  val: number;
  /** Test rows evaluated (0 = the whole test file). */
  testLimit: number;
}

export const DEFAULT_IMAGE_RUN: Omit<ImageRunConfig, 'data' | 'model'> = {
  ...DEFAULT_TRAIN, epochs: 10, batch: 128, lr: 2e-3, patience: 3, limit: 0, val: 5000, testLimit: 0,
};

export interface ImageSplit { train: Int32Array; val: Int32Array; test: Int32Array }

/** The seeded split of an image dataset (same seed, same rows). */
export function imageSplit(ds: ImageDataset, c: Pick<ImageRunConfig, 'seed' | 'limit' | 'val' | 'testLimit'>): ImageSplit {
  const n = ds.train.n;
  if (c.val >= n) throw new Error(`--val ${c.val}: the training file has only ${n} images`);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(c.seed, 0x1a6e5);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  const val = order.slice(0, c.val).sort();
  const rest = order.subarray(c.val);
  const train = (c.limit > 0 ? rest.slice(0, Math.min(c.limit, rest.length)) : rest.slice()).sort();
  const nt = c.testLimit > 0 ? Math.min(c.testLimit, ds.test.n) : ds.test.n;
  return { train, val, test: Int32Array.from({ length: nt }, (_, i) => i) };
}

export interface ImageRunHooks {
  resume?: boolean;
  log?: (line: string) => void;
  onEpoch?: (r: EpochRecord) => void;
  onBatch?: (done: number, total: number, loss: number) => void;
}

export interface ImageRunSummary {
  out: string; name: string; params: number; macs: number; inputShape: number[];
  rows: { train: number; val: number; test: number };
  bestEpoch: number; epochs: number; epochSeconds: number; seconds: number;
  test: { accuracy: number; error: number; rows: number };
}

const fingerprint = (c: ImageRunConfig) => JSON.stringify({ ...c, data: resolve(c.data) });

export function runImages(cfg: ImageRunConfig, out: string, hooks: ImageRunHooks = {}): ImageRunSummary {
  const t0 = performance.now();
  const log = hooks.log ?? (() => {});
  mkdirSync(out, { recursive: true });
  if (hooks.resume && hasConfig(out)) {
    const prev = readConfig<{ fingerprint?: string }>(out);
    if (prev.fingerprint !== fingerprint(cfg)) throw new Error(`${runFile(out, CONFIG)}: the run there was made with other options; resume needs the same ones (or a new --out)`);
  }
  const ds = loadImageDataset(cfg.data);
  const split = imageSplit(ds, cfg);
  const norm = fitPixelNorm(ds.train, split.train);
  const inputShape = [...ds.train.shape];
  const modelConfig = { ...withInput(imageModelConfig(cfg.model), inputShape), numClasses: ds.numClasses } as ModelConfig;
  const probe = buildModel(modelConfig);
  const prof = profileModel(probe, inputShape);
  const blocks = probe.blocks().length;
  probe.dispose();
  const name = `${cfg.model} · images ${inputShape.join('×')} · seed ${cfg.seed}`;
  log(`data      ${ds.dir}: train ${split.train.length} rows, val ${split.val.length}, test ${split.test.length}; ${ds.numClasses} classes; pixel mean ${norm.mean.toFixed(3)} sd ${norm.std.toFixed(3)}`);
  log(`model     ${cfg.model}: ${blocks} blocks, ${prof.params.toLocaleString('en-US')} parameters, ${(prof.macs / 1e6).toFixed(2)} M MACs per image`);
  const file: ImageRunFile = {
    task: 'images', ...cfg, data: resolve(cfg.data), fingerprint: fingerprint(cfg), name, modelConfig, numClasses: ds.numClasses, inputShape,
    normalize: norm, params: prof.params, macs: prof.macs, blocks, split: { seed: cfg.seed, train: split.train.length, val: split.val.length, test: split.test.length },
  };
  writeConfig(out, file);

  const previous = hooks.resume ? readMetrics(out) : [];
  const records: EpochRecord[] = [];
  // trainMember builds its model with createModel, which takes a registry name or a full
  // config; the image nets are configs (channels and class count fixed here).
  const opts: TrainOptions = { ...DEFAULT_TRAIN, ...cfg, model: modelConfig as unknown as string };
  const r = trainMember(opts, {
    task: imageTask(ds.train, norm, ds.numClasses), train: split.train, val: split.val, dir: memberDir(out, 0), member: 0, resume: Boolean(hooks.resume),
    warn: (m) => log(`warning   ${m}`),
    onBatch: hooks.onBatch,
    onEpoch: (e) => {
      records.push(e);
      writeMetrics(out, [...previous.filter((p) => p.epoch < e.epoch), ...records]);
      hooks.onEpoch?.(e);
    },
  });
  copyFileSync(join(out, memberWeights(0, false)), runFile(out, WEIGHTS));
  const { predicted } = classify(r.model, ds.test, split.test, norm);
  const accuracy = accuracyOf(ds.test, split.test, predicted);
  r.model.dispose();
  const epochSeconds = records.length ? records.reduce((a, x) => a + x.seconds, 0) / records.length : 0;
  const test = { accuracy, error: 1 - accuracy, rows: split.test.length };
  writeImageResult(out, {
    name, task: 'images', test, params: prof.params, macs: prof.macs,
    members: [{ member: 0, bestEpoch: r.bestEpoch, epochs: r.epochs, bestValScore: r.bestValScore, seconds: r.seconds, resumedFrom: r.resumedFrom, weights: memberWeights(0, false) }],
    epochSeconds, trainSeconds: r.seconds,
  });
  return {
    out, name, params: prof.params, macs: prof.macs, inputShape, rows: { train: split.train.length, val: split.val.length, test: split.test.length },
    bestEpoch: r.bestEpoch, epochs: r.epochs, epochSeconds, seconds: (performance.now() - t0) / 1000, test,
  };
}

export interface ImageRunFile extends ImageRunConfig, ImageRunFileBase { normalize: PixelNorm }

export interface LoadedImageRun { dir: string; config: ImageRunFile; model: BlockNet; data: ImageDataset; split: ImageSplit }

/** Loads an image run: its config, best weights (eval mode), dataset and split. `data` overrides the dataset directory. */
export function loadImageRun(dir: string, data?: string): LoadedImageRun {
  const config = readConfig<ImageRunFile>(dir, `is ${dir} a run directory written by 'reslab train --images'?`);
  if (config.task !== 'images') throw new Error(`${runFile(dir, CONFIG)}: "task" is ${JSON.stringify(config.task)}, expected "images"`);
  const wpath = runFile(dir, WEIGHTS);
  if (!existsSync(wpath)) throw new Error(`${wpath}: missing; the run did not finish (continue it with --resume)`);
  const model = loadWeights(createModel(config.modelConfig), wpath).eval();
  const ds = loadImageDataset(data ?? config.data);
  return { dir, config, model, data: ds, split: imageSplit(ds, config) };
}
