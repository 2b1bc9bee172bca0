// `reslab demo`: the longest end-to-end path that exists, on built-in data:
// generate a small CERT-format release with injected insiders → extract labelled
// user-day features with DuckDB → lay them out as a domain × feature grid → build the
// tabular ResNet for that grid (and its plain twin) and run one training step on a batch
// of real user-days. Training, baselines and the analyses join as they land.
import { join, resolve } from 'node:path';
import { parse, intFlag, emitResult } from '../args.js';
import { generate, resolveProfile } from '../../data/synth/index.js';
import { extractFeatures } from '../../data/cert/index.js';
import { loadFeatureMatrix } from '../../data/cert/matrix.js';
import { planGrid, applyGrid } from '../../layout/grid.js';
import { standardize } from '../../layout/standardize.js';
import { createModel, profileModel, humanCount } from '../../models/index.js';
import * as torch from '../../torch/index.js';
import { F, tidy } from '../../torch/index.js';
import { AdamW } from '../../optim/index.js';

export const summary = 'run the end-to-end pipeline on built-in data';
export const usage = `usage: reslab demo [--out DIR] [--seed N] [--batch N] [--quiet] [--json]

Generates the 'small' profile (a CERT r5.2-format release with injected insiders of
scenarios 1-5) into DIR/data, extracts labelled user-day features into
DIR/features/day.parquet, lays them out as a domain × feature grid, builds
tabular_resnet2d for that grid and its plain twin, and runs one training step on a batch
of real user-days. DIR defaults to out/demo; reruns replace its contents atomically.`;

export async function run(argv: string[]): Promise<void> {
  const { values: flags } = parse(argv, { out: { type: 'string' }, seed: { type: 'string' }, batch: { type: 'string' }, quiet: { type: 'boolean' } });
  const out = resolve((flags.out as string | undefined) ?? join('out', 'demo'));
  const seed = intFlag(flags.seed, 'seed', 1);
  const batch = intFlag(flags.batch, 'batch', 256);
  const quiet = Boolean(flags.quiet) || Boolean(flags.json);
  const log = (s: string) => { if (!flags.json) console.log(s); };

  // 1. data
  const gen = await generate({ ...resolveProfile('small'), out: join(out, 'data'), seed, quiet });
  const events = gen.events;
  log(`generate  ${gen.release}, ${gen.users} users × ${gen.days} days, ${gen.insiders.length} insiders, ${events.toLocaleString('en-US')} events in ${gen.seconds.toFixed(1)} s → ${gen.out}`);

  // 2. features
  const feat = await extractFeatures({ data: gen.out, granularity: 'day', out: join(out, 'features', 'day.parquet'), quiet });
  log(`features  ${feat.rows.toLocaleString('en-US')} user-days × ${feat.features} features, ${feat.insiderRows} malicious user-days of ${feat.insiderUsers} insiders, ${feat.seconds.toFixed(1)} s → ${feat.out}`);

  // 3. layout
  const m = await loadFeatureMatrix(feat.out);
  const plan = planGrid(m.schema);
  log(`layout    domain × feature grid ${plan.shape.join('×')} (rows: ${plan.rows.join(', ')})`);

  // 4. model
  torch.manualSeed(seed);
  const model = createModel('tabular_resnet2d', { input: plan.shape });
  const plain = createModel('tabular_plain2d', { input: plan.shape });
  const prof = profileModel(model, plan.shape);
  const plainParams = plain.numParameters();
  plain.dispose();
  log(`model     tabular_resnet2d: ${humanCount(prof.params)} parameters, ${humanCount(prof.macs)} MACs per user-day, ${prof.blockCount} residual blocks ` +
    `(downsampling: ${prof.downsampling.join(', ') || 'none'}); plain twin ${humanCount(plainParams)} parameters`);

  // 5. one training step on real user-days: every malicious day plus benign ones, so the batch has both classes
  const f = m.columns.length;
  standardize(m.values, m.n, f);
  const pos = [...m.insider!.keys()].filter((i) => m.insider![i] > 0);
  const neg = [...m.insider!.keys()].filter((i) => m.insider![i] === 0);
  const malicious = Math.min(pos.length, batch >> 1);
  const rows = [...pos.slice(0, malicious), ...neg.slice(0, batch - malicious)];
  const picked = new Float32Array(rows.length * f);
  rows.forEach((r, k) => picked.set(m.values.subarray(r * f, (r + 1) * f), k * f));
  const grid = applyGrid(plan, picked, rows.length);
  const opt = new AdamW(model.parameters(), { lr: 1e-3 });
  model.train();
  const step = tidy(() => {
    const x = torch.tensor(grid, { shape: [rows.length, ...plan.shape] });
    const y = torch.tensor(Float32Array.from(rows, (r) => (m.insider![r] > 0 ? 1 : 0)));
    const t0 = performance.now();
    opt.zeroGrad();
    const loss = F.binaryCrossEntropyWithLogits(model.forward(x).squeeze(1), y);
    loss.backward();
    const gradNorm = Math.sqrt(model.parameters().reduce((a, p) => a + (p.grad!.pow(2).sum().item() as number), 0));
    opt.step();
    return { loss: loss.item() as number, gradNorm, ms: performance.now() - t0 };
  });
  opt.dispose();
  model.dispose();
  log(`train     one AdamW step on ${rows.length} user-days (${malicious} malicious): loss ${step.loss.toFixed(4)}, gradient norm ${step.gradNorm.toFixed(3)}, ${step.ms.toFixed(0)} ms`);

  emitResult(Boolean(flags.json), {
    out,
    generate: { release: gen.release, users: gen.users, days: gen.days, insiders: gen.insiders.length, events, seconds: gen.seconds },
    features: { path: feat.out, rows: feat.rows, features: feat.features, insiderRows: feat.insiderRows, insiderUsers: feat.insiderUsers, seconds: feat.seconds },
    layout: { kind: 'domain-grid', shape: plan.shape, rows: plan.rows },
    model: { name: 'tabular_resnet2d', params: prof.params, macs: prof.macs, blocks: prof.blockCount, downsampling: prof.downsampling, plainParams },
    train: { batch: rows.length, malicious, ...step },
  });
}
