// bench:veit's per-seed work: train the ResNet, its stochastic-depth version and its plain
// twin on one seeded Fashion-MNIST subset, then dissect each (the three lesion studies; the
// path analysis on the nets with shortcuts). Each net's dissection is recorded beside its
// run directory with a fingerprint of everything that produced it, so an interrupted or
// extended study (--resume, more seeds) reuses what it already measured and redoes nothing
// whose inputs changed.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runImages, DEFAULT_IMAGE_RUN, type ImageRunConfig } from '../train/imageRun.js';
import { loadTarget } from './targets.js';
import { runLesion, type LesionResult } from './lesion.js';
import { analysePaths, type PathsResult } from './paths.js';
import type { VeitSeed } from './veitClaims.js';
import { writeFileAtomic } from '../util/atomic.js';

export interface VeitStudyOptions {
  data: string;
  out: string;
  /** 110: Veit et al.'s 54-block layout (with a stochastic-depth twin); 32: the 15-block one. */
  depth: 110 | 32;
  /** Depth of the plain twin at depth 110 (56 by default: a 110-layer plain net barely trains). */
  plainDepth: number;
  limit: number;
  epochs: number;
  val: number;
  /** Test images every lesion is scored on. */
  testRows: number;
  /** Random draws per k (deletion and reordering). */
  trials: number;
  /** Gradient samples per path length. */
  pathSamples: number;
  seeds: number[];
  resume: boolean;
}

/**
 * The default budget: three seeds (the 3×SE rule needs a seed spread), 5,000 images × 4
 * epochs (156 steps: ResNet-110 reaches about 16 % test error, its plain-56 twin 40 %),
 * lesions on 500 test images. One seed costs about 22 minutes on two cores: per ResNet
 * about 250 s of training and 300 s of lesions and paths, the plain twin 190 s in all; the
 * default run took 66 minutes, within the 75 bench:veit states.
 */
export const DEFAULT_VEIT_STUDY: Omit<VeitStudyOptions, 'data' | 'out'> = {
  depth: 110, plainDepth: 56, limit: 5000, epochs: 4, val: 1000, testRows: 500, trials: 3, pathSamples: 6, seeds: [1, 2, 3], resume: false,
};

/** What the study needs of a training run. */
export interface VeitRunBrief {
  model: string; params: number; macs: number; testError: number; trainImages: number; epochs: number; epochSeconds: number; trainSeconds: number;
}

export interface VeitNetRecord { run: VeitRunBrief; lesion: LesionResult; paths: PathsResult | null; dissectSeconds: number }

export interface VeitSeedRun {
  seed: number;
  nets: { resnet: VeitNetRecord; sd: VeitNetRecord | null; plain: VeitNetRecord };
  evidence: VeitSeed;
}

export function veitModels(o: Pick<VeitStudyOptions, 'depth' | 'plainDepth'>): { resnet: string; sd: string | null; plain: string } {
  return o.depth === 110
    ? { resnet: 'fmnist_preact110', sd: 'fmnist_preact110_sd', plain: `fmnist_plain${o.plainDepth}` }
    : { resnet: 'fmnist_resnet32', sd: null, plain: 'fmnist_plain32' };
}

/** Deletion counts: k = 1…20 at Veit's depth (their figure), a spread at 15 blocks. */
export const kDeletions = (depth: number) => (depth === 110 ? Array.from({ length: 20 }, (_, i) => i + 1) : [1, 2, 3, 4, 6, 8, 10, 13]);
export const kSwaps = (depth: number) => (depth === 110 ? [1, 2, 3, 4, 6, 8, 10, 12, 16, 20] : [1, 2, 3, 4, 6, 8, 12]);

// `record` counts changes to what a record holds, so that an older one is not reused.
const RECORD = 1;
const fingerprint = (o: VeitStudyOptions, train: ImageRunConfig, withPaths: boolean) => JSON.stringify({
  record: RECORD, train: { ...train, data: resolve(train.data) }, testRows: o.testRows, trials: o.trials, pathSamples: withPaths ? o.pathSamples : 0,
  kDelete: kDeletions(o.depth), kSwap: kSwaps(o.depth),
});

async function trainAndDissect(o: VeitStudyOptions, model: string, seed: number, withPaths: boolean, log: (s: string) => void): Promise<VeitNetRecord> {
  const dir = join(o.out, `seed${seed}`, model);
  const train: ImageRunConfig = { ...DEFAULT_IMAGE_RUN, data: o.data, model, epochs: o.epochs, batch: 128, lr: 2e-3, patience: o.epochs, seed, limit: o.limit, val: o.val, testLimit: 2000 };
  const fp = fingerprint(o, train, withPaths);
  const recordPath = join(dir, 'veit-net.json');
  if (o.resume && existsSync(recordPath)) {
    const prev = JSON.parse(readFileSync(recordPath, 'utf8')) as { fingerprint: string; net: VeitNetRecord };
    if (prev.fingerprint === fp) { log(`seed ${seed} ${model}: reusing ${dir}`); return prev.net; }
  }
  const r = runImages(train, dir);
  const run: VeitRunBrief = { model, params: r.params, macs: r.macs, testError: 100 * r.test.error, trainImages: r.rows.train, epochs: r.epochs, epochSeconds: r.epochSeconds, trainSeconds: r.seconds };
  log(`seed ${seed} ${model}: ${r.rows.train} images × ${r.epochs} epochs in ${r.seconds.toFixed(0)} s, ${r.params.toLocaleString('en-US')} parameters, ${(r.macs / 1e6).toFixed(1)} M MACs per image, test error ${run.testError.toFixed(2)} % on ${r.test.rows}`);
  const t0 = performance.now();
  const target = await loadTarget(dir, { testLimit: o.testRows, probeBatch: 32, seed });
  try {
    const base = { trials: o.trials, seed };
    const a = runLesion(target.model, model, target.evaluator, { ...base, modes: ['single', 'k'], ks: kDeletions(o.depth) });
    const b = runLesion(target.model, model, target.evaluator, { ...base, modes: ['reorder'], ks: kSwaps(o.depth) });
    const lesion: LesionResult = { ...a, reorder: b.reorder, reorderTrials: b.reorderTrials };
    writeFileAtomic(join(dir, 'lesion.json'), JSON.stringify(lesion, null, 2) + '\n');
    let paths: PathsResult | null = null;
    if (withPaths) {
      paths = analysePaths(target.model, model, { samples: o.pathSamples, seed, probe: target.probe });
      writeFileAtomic(join(dir, 'paths.json'), JSON.stringify(paths, null, 2) + '\n');
    }
    const net: VeitNetRecord = { run, lesion, paths, dissectSeconds: (performance.now() - t0) / 1000 };
    log(`seed ${seed} ${model}: lesions${withPaths ? ' and paths' : ''} in ${net.dissectSeconds.toFixed(0)} s`);
    writeFileAtomic(recordPath, JSON.stringify({ fingerprint: fp, net }) + '\n');
    return net;
  } finally {
    target.dispose();
  }
}

/** Trains and dissects one seed's nets (reusing recorded ones under --resume). */
export async function runVeitSeed(o: VeitStudyOptions, seed: number, log: (s: string) => void): Promise<VeitSeedRun> {
  const m = veitModels(o);
  const resnet = await trainAndDissect(o, m.resnet, seed, true, log);
  const sd = m.sd ? await trainAndDissect(o, m.sd, seed, true, log) : null;
  const plain = await trainAndDissect(o, m.plain, seed, false, log);
  return { seed, nets: { resnet, sd, plain }, evidence: { resnet: resnet.lesion, stochasticDepth: sd?.lesion ?? null, plain: plain.lesion, paths: resnet.paths! } };
}

/** Seconds of training and dissection a net cost when it was measured (reused ones included). */
export const netSeconds = (n: VeitNetRecord) => n.run.trainSeconds + n.dissectSeconds;
