// Fixture data written from code: run directories in the trainer's format, a baselines
// comparison file and analysis directories for a ResNet and its plain twin. Seeded, so
// every test sees the same numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/util/rng.js';

/** The project's seeded generator, so the cases are the same on every run. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

const DOMAINS = ['logon', 'device', 'file', 'email', 'http'];
const PREVALENCE = 0.004;

/** A result.json body; `strength` > 1 makes a better detector. */
export function resultBody(name: string, strength: number, seed: number) {
  const r = rng(seed * 977 + Math.round(strength * 100));
  const n = 2000;
  const fpr = Array.from({ length: n }, (_, i) => i / (n - 1));
  const tpr = fpr.map((x) => Math.min(1, x ** (1 / strength)));
  const recall = [...tpr].reverse();
  const precision = recall.map((t, i) => {
    const f = fpr[n - 1 - i];
    return t === 0 ? 1 : (PREVALENCE * t) / (PREVALENCE * t + (1 - PREVALENCE) * f + 1e-12);
  });
  const total = 17;
  const caught = (k: number) => Math.min(total, Math.round(total * (1 - Math.exp((-k * strength) / 12)) + (r() - 0.5)));
  return {
    name,
    test: {
      rocAuc: strength / (strength + 1) + 0.01 * r(),
      averagePrecision: Math.min(0.95, 0.05 * strength ** 1.6 + 0.02 * r()),
      detectionRate: { '0.05': Math.min(1, 0.05 ** (1 / strength) + 0.01 * r()) },
      budgets: Object.fromEntries([5, 10, 20].map((k) => [String(k), { recall: caught(k) / total, insidersCaught: caught(k), insidersTotal: total }])),
      perScenario: { '1': Math.min(1, 0.3 * strength * (0.9 + 0.2 * r())), '2': Math.min(1, 0.15 * strength), '3': { insidersCaught: Math.min(5, Math.round(strength * 1.5)), insidersTotal: 5 } },
      prevalence: PREVALENCE,
    },
    curves: { roc: { fpr, tpr }, pr: { recall, precision } },
    alertsCurve: Array.from({ length: 20 }, (_, i) => ({ k: i + 1, insidersCaught: caught(i + 1) })),
    topAlerts: Array.from({ length: 25 }, (_, i) => {
      const c = Object.fromEntries(DOMAINS.map((d) => [d, Math.round((r() * 0.4 - 0.05) * 1000) / 1000]));
      return { user: `U${String(1000 + Math.floor(r() * 9000))}`, day: `2010-0${1 + (i % 9)}-1${i % 10}`, score: 0.99 - i * 0.02, insider: i % 4 === 0 ? 1 + (i % 3) : 0, contributions: c };
    }),
    dataset: { release: 'r4.2', users: 1000, days: 501, firstDay: '2010-01-02', lastDay: '2011-05-17', userDays: 330_452, maliciousUserDays: 1322, eventsPerDomain: { logon: 854_859, device: 405_380, file: 445_581, email: 2_629_979, http: 28_434_423 }, insidersPerScenario: { '1': 30, '2': 30, '3': 10 }, split: 'le2020' },
  };
}

/** The same result in the shape `reslab train` writes: test is the evaluator's DetectionReport. */
export function evaluatorShape(body: ReturnType<typeof resultBody>) {
  const t = body.test;
  return {
    ...body,
    test: {
      rows: 50_000,
      positives: 200,
      negatives: 49_800,
      prevalence: t.prevalence,
      overall: { rocAuc: t.rocAuc, averagePrecision: t.averagePrecision, detectionRateAtFpr: [{ maxFpr: 0.01, detectionRate: t.detectionRate['0.05'] / 2, falsePositiveRate: 0.0099, threshold: 0.9 }, { maxFpr: 0.05, detectionRate: t.detectionRate['0.05'], falsePositiveRate: 0.049, threshold: 0.7 }] },
      budgets: { days: 100, daily: Object.entries(t.budgets).map(([k, b]) => ({ k: Number(k), recall: b.recall, alerts: 100 * Number(k), alertPrecision: 0.01, insidersCaught: b.insidersCaught, insiders: b.insidersTotal, daysToDetection: { caught: b.insidersCaught, insiders: b.insidersTotal, medianDays: 2, meanDays: 3, perInsider: [] } })), cumulativeRecall: [] },
      perScenario: [1, 2, 3].map((s) => ({ scenario: s, positives: 50, rocAuc: 0.9, detectionRateAtFpr: [{ maxFpr: 0.05, detectionRate: Math.min(1, (t.detectionRate['0.05'] * (4 - s)) / 2.5), falsePositiveRate: 0.05, threshold: 0.5 }] })),
    },
  };
}

export interface RunOptions {
  model: string;
  layout: string;
  seed: number;
  strength: number;
  epochs?: number;
  name?: string;
  /** result.json in the flat form rather than the evaluator's report. */
  flat?: boolean;
  /** Ensemble members in metrics.jsonl. */
  members?: number;
}

export function writeRunDir(dir: string, o: RunOptions): string {
  mkdirSync(dir, { recursive: true });
  const r = rng(o.seed * 31 + o.model.length);
  const name = o.name ?? `${o.model} · ${o.layout} · seed ${o.seed}`;
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model: o.model, layout: o.layout, split: 'le2020', seed: o.seed, params: 123_456, macs: o.model.includes('plain') ? 2_100_000 : 2_400_000 }));
  const lines = Array.from({ length: (o.epochs ?? 12) * (o.members ?? 1) }, (_, i) => {
    const e = (i % (o.epochs ?? 12)) + 1;
    return JSON.stringify({ member: Math.floor(i / (o.epochs ?? 12)), epoch: e, trainLoss: 0.6 * Math.exp(-e / (3 * o.strength)) + 0.02 + 0.01 * r(), valLoss: 0.5 * Math.exp(-e / 5) + 0.05, valPrAuc: Math.min(0.9, 0.05 * o.strength ** 1.6 * (1 - Math.exp(-e / 3))) + 0.01 * r(), valRocAuc: 0.5 + 0.4 * (1 - Math.exp(-e / 2)), lr: 0.001, seconds: 2 + r(), samplesPerSec: 5000 });
  });
  writeFileSync(join(dir, 'metrics.jsonl'), lines.join('\n') + '\n');
  const body = resultBody(name, o.strength, o.seed);
  writeFileSync(join(dir, 'result.json'), JSON.stringify(o.flat ? body : evaluatorShape(body)));
  return dir;
}

export function writeCompareFile(file: string): string {
  const results = [1, 2].flatMap((seed) => [
    { ...resultBody(`isolation forest (seed ${seed})`, 1.6, seed), trainSeconds: 3 + seed },
    { ...resultBody(`logistic regression (seed ${seed})`, 2.2, seed), trainSeconds: 1.2, macs: 150 },
  ]);
  for (const r of results) delete (r as { topAlerts?: unknown }).topAlerts;
  writeFileSync(file, JSON.stringify({ results }));
  return file;
}

/** An analysis directory for one model; `residual` false gives a plain net's collapse. */
export function writeAnalysisDir(dir: string, model: string, residual: boolean): string {
  mkdirSync(dir, { recursive: true });
  const r = rng(residual ? 7 : 8);
  const blocks = 18;
  const base = residual ? 6.5 : 7.2;
  const json = (name: string, v: unknown) => writeFileSync(join(dir, name), JSON.stringify(v));
  json('lesion.json', {
    model,
    metric: 'test error (%)',
    baseline: base,
    single: Array.from({ length: blocks }, (_, b) => ({ block: b, value: residual ? base + (b % 6 === 0 ? 4 : 0.3 + r()) : 88 + 4 * r() })),
    k: Array.from({ length: 10 }, (_, k) => ({ k: k + 1, mean: residual ? base + 2.2 * (k + 1) ** 1.4 : Math.min(90, base + 50 * (k + 1)), sd: residual ? 0.5 + 0.3 * k : 1 + r() })),
    reorder: Array.from({ length: 8 }, (_, k) => ({ k: k + 1, mean: residual ? base + 1.5 * (k + 1) : 85 + r() * 4, sd: residual ? 0.4 + 0.2 * k : 2 })),
    reorderTrials: Array.from({ length: 40 }, () => {
      const tau = 0.2 + 0.8 * r();
      return { tau, value: residual ? base + 25 * (1 - tau) + 2 * r() : 80 + 8 * r() };
    }),
  });
  if (residual) {
    const binom = (n: number, k: number): number => (k === 0 || k === n ? 1 : binom(n - 1, k - 1) + binom(n - 1, k));
    json('paths.json', {
      model,
      lengths: Array.from({ length: blocks + 1 }, (_, l) => ({ length: l, count: binom(blocks, l) })),
      gradient: Array.from({ length: blocks + 1 }, (_, l) => ({ length: l, mean: 1e-2 * Math.exp(-0.45 * l), sd: 1e-3 })),
    });
  }
  json('shattered.json', {
    model,
    gradients: Array.from({ length: 256 }, (_, i) => ({ x: i / 255, value: residual ? Math.sin(i / 20) + 0.2 * (r() - 0.5) : 2 * (r() - 0.5) })),
    autocorrelation: Array.from({ length: 30 }, (_, lag) => ({ lag, value: residual ? Math.exp(-lag / 8) : lag === 0 ? 1 : 0.1 * (r() - 0.5) })),
  });
  json('rank.json', { model, maxRank: 64, layers: Array.from({ length: 20 }, (_, l) => ({ layer: l, rank: residual ? 62 - (l % 3) : Math.max(3, Math.round(64 * Math.exp(-l / 6))) })) });
  // bench:veit's claims file, beside the ResNet's analyses.
  if (residual) {
    json('veit.json', {
      study: 'bench:veit', depth: 110, trainImages: 10000, epochs: 4, seeds: [1],
      claims: [
        { id: 'single-deletion', claim: 'deleting one block barely changes a ResNet', source: 'Veit et al. 2016', paper: 'ResNet-110: error stays near 6–7 % <except downsampling>', evidence: 'mean increase 0.80 points vs plain 80.1', rule: 'ResNet ≤ a third of plain', verdict: 'reproduced' },
        { id: 'short-effective-paths', claim: 'the gradient comes from short paths', source: 'Veit et al. 2016', paper: '90 % of the gradient from lengths 5–17', evidence: '90 % from lengths 2–9', rule: 'gradient range ends below the path range', verdict: 'partly' },
      ],
    });
  }
  return dir;
}

/** Everything a full report needs, under `root`; returns the paths to pass to the loader. */
export function writeFixture(root: string) {
  const runs = [
    writeRunDir(join(root, 'runs', 'resnet-s1'), { model: 'tabular_resnet2d', layout: 'grid', seed: 1, strength: 4 }),
    writeRunDir(join(root, 'runs', 'resnet-s2'), { model: 'tabular_resnet2d', layout: 'grid', seed: 2, strength: 4.2 }),
    writeRunDir(join(root, 'runs', 'plain-s1'), { model: 'tabular_plain2d', layout: 'grid', seed: 1, strength: 3 }),
    writeRunDir(join(root, 'runs', 'plain-s2'), { model: 'tabular_plain2d', layout: 'grid', seed: 2, strength: 2.8 }),
  ];
  const compare = writeCompareFile(join(root, 'baselines.json'));
  const analysis = [writeAnalysisDir(join(root, 'analysis', 'resnet'), 'ResNet-38 <grid>', true), writeAnalysisDir(join(root, 'analysis', 'plain'), 'plain-38 <grid>', false)];
  return { runs, compare, analysis };
}
