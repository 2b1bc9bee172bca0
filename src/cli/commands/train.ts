// `reslab train`: train a residual detector on a feature table and evaluate it on a
// split that does not leak. Parses flags and reports; the work is in src/train.
import { resolve } from 'node:path';
import { parse, intFlag, membersFlag, numFlag, oneOfFlag as oneOf, choiceList, emitResult, UsageError } from '../args.js';
import { runDetection, withDefaults } from '../../train/run.js';
import type { RunConfig } from '../../rundir/index.js';
import { LAYOUT_KINDS, type LayoutKind } from '../../layout/layout.js';
import { SPLIT_KINDS, type SplitKind } from '../../train/split.js';
import { BALANCES, type Balance } from '../../train/loss.js';
import { DEVIATION_KINDS } from '../../layout/prepare.js';
import { NORMALIZE_KINDS } from '../../layout/normalize.js';
import { MODES, type Mode } from '../../train/modes.js';
import { EMBED_KINDS, checkEmbed, type EmbedKind } from '../../train/embed.js';
import { archOverrides } from '../../train/arch.js';
import { progress } from '../../util/progress.js';
import { runImages, DEFAULT_IMAGE_RUN } from '../../train/imageRun.js';
import { RECIPES, canonicalMethod, type RecipeConfig } from '../../contest/methods.js';

export const summary = 'train a residual detector on features and evaluate it';
export const usage = `usage: reslab train --features FILE.parquet (--recipe NAME | --model NAME --layout KIND) --split KIND --out RUN_DIR
                    [--epochs 20] [--batch 256] [--lr 0.002] [--weight-decay 1e-4] [--optimizer adamw|sgd]
                    [--balance sampler|weighted|focal|none] [--positive-share 0.2] [--patience 5]
                    [--normalize robust|quantile|smooth] [--deviation user,peer] [--history-days 28] [--order schema|correlated] [--pixels 32]
                    [--train-period 0.5] [--train-users 0.5] [--val-users 0.2]
                    [--embed none|ple|periodic|scale] [--width N] [--depth N] [--dropout P] [--mode supervised|autoencoder|svdd] [--ensemble N] [--members K] [--refit] [--linear-first]
                    [--recipe NAME] [--seed N] [--resume] [--quiet] [--json]
       reslab train --images DIR --model NAME --out RUN_DIR [--epochs 10] [--batch 128] [--lr 0.002]
                    [--limit N] [--val 5000] [--test-limit N] [--seed N] [--resume] [--quiet] [--json]
                    (MNIST-format images; models fmnist_resnet32, fmnist_plain32 or any zoo name)

Layouts: flat (MLP), seq (features as a 1-D sequence), grid (domain × feature), history
(the user's last T days along time), timeline (the same days as day × channel × feature,
for the two-tower models), learned (for a dense stem that learns the order), deepinsight
(a DeepInsight image). Splits: time, user, le2020 (Le et al. 2020).
Models: detect_{grid,seq,history,learned,image,mlp,2tower}_{resnet,plain} ('reslab models list').

--recipe NAME: a named recipe's model, layout and options ('reslab recipes' lists them with
their measured contest ranks); 'best' is the headline recipe. Flags given override it.

Modes: supervised (labels), autoencoder (reconstruction error) and svdd (Deep SVDD
distance), the last two trained without labels.

--refit: once early stopping has chosen the epoch count on the validation rows, train
again on training and validation rows together for that many epochs (the baselines fit
on both; the validation rows' scores in predictions.parquet are then in-sample).
--members K: a TabM-style efficient ensemble of K members in one network (Gorishniy et
al. 2025): the linear layers (and the convolutions of the other families) become
BatchEnsemble layers (one shared weight, per-member rank-1 adapters and biases), batch
norm keeps per-member statistics, each member is trained on its own loss; the score is the
members' mean probability. The MLPs have their own heads per member; the convolutional
families run the members folded into the batch. Costs K times the MACs of one network.
TabM uses K = 32.
--embed (flat, seq, grid and learned layouts): a numeric embedding of every input feature
before the model's stem (Gorishniy et al. 2022). ple: piecewise-linear encoding on 8
quantile bins fitted on the training rows (saved with the run), then a per-feature
Linear to 8 dims + ReLU; periodic: 8 learned frequencies per feature (sin, cos), then the
same. On the grid and sequence layouts each cell's 8 dims become channels. scale: one
learned weight per input feature, starting at 1 (RealMLP's scaling layer); the input keeps
its shape.
--width, --depth, --dropout (the residual MLPs and the two-tower models): the network's
width, number of residual blocks and dropout inside each block, instead of the named
model's (128, 4, 0.1); what 'reslab tune' searches for those recipes.
--linear-first (detect_mlp_skip_resnet): fit the linear input→output shortcut first, as
the baselines' logistic regression on the training rows, freeze it, and train the residual
stack on what it misses.

Writes RUN_DIR/config.json, layout.json, metrics.jsonl, weights.safetensors,
predictions.parquet and result.json; --resume continues an interrupted run.

examples:
  reslab train --features out/demo/features/day.parquet --recipe best --out runs/best
  reslab train --features out/demo/features/day.parquet --model detect_history_resnet \\
               --layout history --split le2020 --deviation user --out runs/history
  reslab train --features day.parquet --model detect_grid_resnet --layout grid --split user \\
               --ensemble 3 --out runs/grid`;

const trainFlags = {
  features: { type: 'string' }, model: { type: 'string' }, layout: { type: 'string' }, split: { type: 'string' }, out: { type: 'string' },
  epochs: { type: 'string' }, batch: { type: 'string' }, lr: { type: 'string' }, 'weight-decay': { type: 'string' }, optimizer: { type: 'string' },
  balance: { type: 'string' }, 'positive-share': { type: 'string' }, patience: { type: 'string' }, deviation: { type: 'string' },
  'history-days': { type: 'string' }, normalize: { type: 'string' }, pixels: { type: 'string' }, order: { type: 'string' }, 'train-period': { type: 'string' }, 'train-users': { type: 'string' },
  'val-users': { type: 'string' }, mode: { type: 'string' }, ensemble: { type: 'string' }, seed: { type: 'string' }, resume: { type: 'boolean' }, quiet: { type: 'boolean' },
  refit: { type: 'boolean' }, 'linear-first': { type: 'boolean' }, members: { type: 'string' }, embed: { type: 'string' }, recipe: { type: 'string' },
  width: { type: 'string' }, depth: { type: 'string' }, dropout: { type: 'string' },
} as const;

/** A recipe's options by name (`best` = the headline recipe), or a usage error listing the names. */
function recipeOptions(name: string): RecipeConfig {
  const recipe = RECIPES[canonicalMethod(name)];
  if (!recipe) throw new UsageError(`--recipe must be best or one of ${Object.keys(RECIPES).join(', ')} ('reslab recipes' lists them), got '${name}'`);
  return recipe;
}

/** The run config from parsed flags: defaults, then the recipe's options, then the flags given. */
export function runConfigFromFlags(f: Record<string, unknown>): RunConfig {
  if (!f.features) throw new UsageError('--features is required');
  const { prepare: rp = {}, ...r } = f.recipe === undefined ? ({} as Partial<RecipeConfig>) : recipeOptions(String(f.recipe));
  const str = (k: string) => f[k] as string | undefined;
  const layout = f.layout === undefined && r.layout ? r.layout : oneOf<LayoutKind>(f.layout, 'layout', LAYOUT_KINDS, 'grid');
  const deviation = f.deviation === undefined ? rp.deviation ?? [] : f.deviation === 'none' ? [] : choiceList(String(f.deviation), 'deviation', DEVIATION_KINDS);
  const embed = f.embed === undefined ? r.embed ?? 'none' : oneOf<EmbedKind | 'none'>(f.embed, 'embed', ['none', ...EMBED_KINDS], 'none');
  try {
    checkEmbed(embed === 'none' ? undefined : embed, layout);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const cfg = withDefaults({
    ...r,
    features: resolve(String(f.features)),
    model: str('model') ?? (f.layout === undefined ? r.model : undefined) ?? `detect_${({ flat: 'mlp', deepinsight: 'image', timeline: '2tower' } as Record<string, string>)[layout] ?? layout}_resnet`,
    layout,
    layoutOptions: { days: intFlag(str('history-days'), 'history-days', 28), pixels: intFlag(str('pixels'), 'pixels', 32), order: oneOf(f.order, 'order', ['schema', 'correlated'] as const, 'schema') },
    prepare: { ...rp, deviation, normalize: f.normalize === undefined ? rp.normalize ?? 'robust' : oneOf(f.normalize, 'normalize', NORMALIZE_KINDS, 'robust') },
    split: {
      kind: oneOf<SplitKind>(f.split, 'split', SPLIT_KINDS, 'le2020'),
      trainPeriod: numFlag(f['train-period'], 'train-period', 0.5), trainUsers: numFlag(f['train-users'], 'train-users', 0.5), valUsers: numFlag(f['val-users'], 'val-users', 0.2),
    },
    epochs: intFlag(str('epochs'), 'epochs', r.epochs ?? 20),
    batch: intFlag(str('batch'), 'batch', r.batch ?? 256),
    lr: numFlag(f.lr, 'lr', r.lr ?? 2e-3),
    weightDecay: numFlag(f['weight-decay'], 'weight-decay', r.weightDecay ?? 1e-4),
    optimizer: oneOf(f.optimizer, 'optimizer', ['adamw', 'sgd'] as const, r.optimizer ?? 'adamw'),
    balance: oneOf<Balance>(f.balance, 'balance', BALANCES, r.balance ?? 'sampler'),
    positiveShare: numFlag(f['positive-share'], 'positive-share', r.positiveShare ?? 0.2),
    patience: intFlag(str('patience'), 'patience', r.patience ?? 5),
    ensemble: intFlag(str('ensemble'), 'ensemble', r.ensemble ?? 1),
    mode: oneOf<Mode>(f.mode, 'mode', MODES, 'supervised'),
    ...(f.refit || r.refit ? { refit: true } : {}),
    ...(f['linear-first'] || r.linearFirst ? { linearFirst: true } : {}),
    ...(f.members !== undefined ? { members: membersFlag(str('members')) } : r.members !== undefined ? { members: r.members } : {}),
    // Replaces a recipe's embedding: `--embed none` turns it off.
    embed: embed === 'none' ? undefined : embed,
    ...(f.width !== undefined ? { width: intFlag(str('width'), 'width', 0) } : {}),
    ...(f.depth !== undefined ? { depth: intFlag(str('depth'), 'depth', 0) } : {}),
    ...(f.dropout !== undefined ? { dropout: numFlag(f.dropout, 'dropout', 0) } : {}),
    seed: intFlag(str('seed'), 'seed', 1),
  });
  try {
    archOverrides(cfg.model, cfg);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return cfg;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));

/** `--images DIR`: an image classifier on MNIST-format files (src/train/imageRun.ts). */
async function runImagesCli(argv: string[]): Promise<void> {
  const s = { type: 'string' } as const;
  const { values: f } = parse(argv, { images: s, model: s, out: s, epochs: s, batch: s, lr: s, 'weight-decay': s, optimizer: s, patience: s, seed: s, limit: s, val: s, 'test-limit': s, resume: { type: 'boolean' }, quiet: { type: 'boolean' } });
  if (!f.out || !f.model) throw new UsageError('--images needs --model and --out');
  const d = DEFAULT_IMAGE_RUN;
  const cfg = {
    ...d, data: resolve(String(f.images)), model: f.model, epochs: intFlag(f.epochs, 'epochs', d.epochs), batch: intFlag(f.batch, 'batch', d.batch), lr: numFlag(f.lr, 'lr', d.lr),
    weightDecay: numFlag(f['weight-decay'], 'weight-decay', d.weightDecay), optimizer: oneOf(f.optimizer, 'optimizer', ['adamw', 'sgd'] as const, d.optimizer),
    patience: intFlag(f.patience, 'patience', d.patience), seed: intFlag(f.seed, 'seed', d.seed), limit: intFlag(f.limit, 'limit', d.limit), val: intFlag(f.val, 'val', d.val), testLimit: intFlag(f['test-limit'], 'test-limit', d.testLimit),
  };
  const log = (line: string) => { if (!f.json) console.log(line); };
  let bar: ReturnType<typeof progress> | null = null;
  const r = runImages(cfg, resolve(f.out), {
    resume: Boolean(f.resume), log,
    onBatch: (done, total, loss) => {
      if (done === 1) bar = progress({ title: 'epoch', total, unit: 'batches', quiet: Boolean(f.quiet) || Boolean(f.json) });
      bar?.update(done, `loss ${loss.toFixed(4)}`);
      if (done === total) { bar?.stop(); bar = null; }
    },
    onEpoch: (e) => log(`epoch ${String(e.epoch).padStart(3)}  loss ${e.trainLoss.toFixed(4)}  val accuracy ${pct(e.valAccuracy)}  ${e.samplesPerSec.toFixed(0)} samples/s  ${e.seconds.toFixed(1)} s${e.best ? '  *' : ''}`),
  });
  log(`test      accuracy ${r.test.accuracy.toFixed(4)} (error ${(100 * r.test.error).toFixed(2)} %) on ${r.test.rows} images`);
  log(`run       ${r.out} (${r.seconds.toFixed(1)} s)`);
  emitResult(Boolean(f.json), r);
}

export async function run(argv: string[]): Promise<void> {
  if (argv.some((a) => a === '--images' || a.startsWith('--images='))) return runImagesCli(argv);
  const { values: f } = parse(argv, trainFlags);
  if (!f.out) throw new UsageError('--out is required');
  const cfg = runConfigFromFlags(f);
  const quiet = Boolean(f.quiet) || Boolean(f.json);
  const log = (s: string) => { if (!f.json) console.log(s); };
  let bar: ReturnType<typeof progress> | null = null;
  const summary = await runDetection(cfg, resolve(f.out), {
    resume: Boolean(f.resume), log,
    onBatch: (member, done, total, loss) => {
      if (done === 1) bar = progress({ title: `member ${member} epoch`, total, unit: 'batches', quiet });
      bar?.update(done, `loss ${loss.toFixed(4)}`);
      if (done === total) { bar?.stop(); bar = null; }
    },
    onEpoch: (e) => log(`epoch ${String(e.epoch).padStart(3)}${cfg.ensemble > 1 ? ` member ${e.member}` : ''}  loss ${e.trainLoss.toFixed(4)}  val PR-AUC ${pct(e.valPrAuc)}  ROC-AUC ${pct(e.valRocAuc)}  ` +
      `${e.samplesPerSec.toFixed(0)} samples/s  ${e.seconds.toFixed(1)} s${e.best ? '  *' : ''}`),
  });
  const t = summary.test;
  const dr5 = t.overall.detectionRateAtFpr.find((p) => p.maxFpr === 0.05)?.detectionRate;
  const b5 = t.budgets?.daily[0];
  log(`test      ROC-AUC ${pct(t.overall.rocAuc)}  PR-AUC ${pct(t.overall.averagePrecision)}  DR@5%FPR ${pct(dr5)}  ` +
    `insiders caught at ${b5?.k ?? 5} alerts/day ${b5 ? `${b5.insidersCaught}/${b5.insiders}` : '—'}  (${(summary.macs / 1e6).toFixed(2)} M MACs/sample, ${summary.epochSeconds.toFixed(1)} s/epoch)`);
  log(`run       ${summary.out} (${summary.seconds.toFixed(1)} s)`);
  emitResult(Boolean(f.json), summary);
}
