// One detection run, start to finish, written into its run directory (src/rundir/files.ts
// lists the files). Re-running with --resume continues every unfinished member from its
// last checkpoint.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadFeatureMatrix } from '../data/cert/matrix.js';
import { profileModel, createModel, type BlockNet } from '../models/index.js';
import { domainContributions } from './explain.js';
import type { DetectionReport } from '../eval/index.js';
import {
  CONFIG, FUTURE_CONTEXT_TAG, WEIGHTS, dataSpecOf, hasConfig, memberDir, memberWeights, membersDir, readConfig, readMetrics, refitDir, runFile, writeConfig, writeLayout, writeMetrics,
  writeResult, writeRunPredictions, type MemberSummary, type RunConfig, type RunConfigFile,
} from '../rundir/index.js';
import { prepareDetection } from './data.js';
import { describeSplit } from './split.js';
import { trainMember, DEFAULT_TRAIN, type TrainOptions, type EpochRecord } from './trainer.js';
import { rowScores, outputsFor, type Mode } from './modes.js';
import { ensembleScores } from './score.js';
import { detectionTask } from './detectTask.js';
import { fitLinearShortcut, setLinearShortcut } from './linearFirst.js';
import { checkEmbed, embedSpecFor } from './embed.js';
import { archLabel, modelOverrides } from './arch.js';

export interface RunHooks {
  quiet?: boolean;
  /** true: continue the run in `out` (it must have been made with the same options); 'if-same': continue it if so, else start over. */
  resume?: boolean | 'if-same';
  log?: (line: string) => void;
  onEpoch?: (r: EpochRecord) => void;
  onBatch?: (member: number, done: number, total: number, loss: number) => void;
}

export interface RunSummary {
  out: string;
  name: string;
  params: number;
  macs: number;
  inputShape: number[];
  split: ReturnType<typeof describeSplit>;
  members: MemberSummary[];
  epochSeconds: number;
  test: DetectionReport;
  seconds: number;
}

/** The method a run belongs to: runs that differ only in the seed are one method. */
export function methodName(c: Pick<RunConfig, 'model' | 'layout' | 'ensemble' | 'prepare' | 'width' | 'depth' | 'dropout'> & { mode?: Mode; balance?: string; refit?: boolean; linearFirst?: boolean; members?: number; embed?: RunConfig['embed'] }): string {
  const dev = c.prepare?.deviation?.length ? ` + ${c.prepare.deviation.join('/')} deviation` : '';
  const norm = ({ quantile: ' · rank-Gauss', smooth: ' · smooth clip' } as Record<string, string>)[c.prepare?.normalize ?? ''] ?? '';
  const embed = c.embed ? ` · ${{ ple: 'PLE embedding', periodic: 'periodic embedding', scale: 'per-feature scale' }[c.embed]}` : '';
  const recipe = (c.linearFirst ? ' · linear first' : '') + (c.refit ? ' · refit on train+val' : '');
  const mode = c.mode && c.mode !== 'supervised' ? ` · ${c.mode}` : '';
  // The default balance (sampler) is left unsaid; another one is part of the method.
  const balance = c.balance && c.balance !== 'sampler' && (!c.mode || c.mode === 'supervised') ? ` · ${c.balance} loss` : '';
  const members = c.members && c.members > 1 ? ` · TabM k=${c.members}` : '';
  return `${c.model}${members}${archLabel(c)} · ${c.layout}${dev}${norm}${embed}${mode}${balance}${recipe}${c.ensemble > 1 ? ` · ensemble of ${c.ensemble}` : ''}`;
}

/** Only the options that decide the numbers: a resumed run must have the same ones. */
function fingerprint(c: RunConfig): string {
  const { features, model, layout, layoutOptions, prepare, split, ensemble, mode, epochs, batch, lr, weightDecay, optimizer, balance, positiveShare, patience, seed, clip, refit, linearFirst, members, embed, width, depth, dropout } = c;
  return JSON.stringify({
    features, model, layout, layoutOptions, prepare, split, ensemble, mode, epochs, batch, lr, weightDecay, optimizer, balance, positiveShare, patience, seed, clip,
    ...(refit ? { refit } : {}), ...(linearFirst ? { linearFirst } : {}), ...(members && members > 1 ? { members } : {}), ...(embed ? { embed } : {}),
    ...(width !== undefined ? { width } : {}), ...(depth !== undefined ? { depth } : {}), ...(dropout !== undefined ? { dropout } : {}),
  });
}

export function withDefaults(c: Partial<RunConfig> & Pick<RunConfig, 'features' | 'model' | 'layout' | 'split'>): RunConfig {
  return { ...DEFAULT_TRAIN, ensemble: 1, mode: 'supervised', topAlerts: 20, ...c };
}

export async function runDetection(cfg: RunConfig, out: string, hooks: RunHooks = {}): Promise<RunSummary> {
  const t0 = performance.now();
  const log = hooks.log ?? (() => {});
  checkEmbed(cfg.embed, cfg.layout);
  mkdirSync(out, { recursive: true });
  let resume = Boolean(hooks.resume);
  if (resume && hasConfig(out)) {
    const prev = readConfig<Partial<RunConfigFile>>(out);
    if (prev.fingerprint !== fingerprint(cfg)) {
      if (hooks.resume !== 'if-same') throw new Error(`${runFile(out, CONFIG)}: the run there was made with other options; resume needs the same ones (or a new --out)`);
      // Another configuration's checkpoints must not seed this one.
      rmSync(membersDir(out), { recursive: true, force: true });
      resume = false;
    }
  }
  const matrix = await loadFeatureMatrix(cfg.features);
  const data = prepareDetection(matrix, dataSpecOf(cfg));
  const split = describeSplit(data.split, { user: matrix.user, time: matrix.time, insider: matrix.insider });
  const embedSpec = cfg.embed ? embedSpecFor(cfg.embed, data.prep, data.layoutSpec) : undefined;
  const overrides = modelOverrides(cfg.model, cfg, embedSpec);
  const probe = createModel(cfg.model, { input: data.layout.inputShape, members: cfg.members, overrides: { ...overrides, numClasses: outputsFor(cfg.mode, data.layout.baseWidth) } });
  const prof = profileModel(probe, data.layout.inputShape);
  probe.dispose();
  log(`data      ${matrix.n.toLocaleString('en-US')} rows × ${data.prep.inputs.length} inputs (${data.prep.channels.join(' + ')}); split ${cfg.split.kind}: ` +
    `train ${split.train.rows} rows (${split.train.insiders} insiders), val ${split.val.rows} (${split.val.insiders}), test ${split.test.rows} (${split.test.insiders})`);
  const k = cfg.members && cfg.members > 1 ? ` (${cfg.members} TabM members)` : '';
  log(`model     ${cfg.model}${k} on ${cfg.layout} ${data.layout.inputShape.join('×')}: ${prof.params.toLocaleString('en-US')} parameters, ${(prof.macs / 1e6).toFixed(2)} M MACs per sample`);
  // Features with future-looking columns (--allow-future-context) mark the method everywhere it is shown.
  const future = matrix.schema.futureContext ? FUTURE_CONTEXT_TAG : '';
  if (future) log(`warning   ${cfg.features} holds future-looking context columns (--allow-future-context): the scores are not those of a detector that could run on today's logs`);
  const method = methodName(cfg) + future, name = `${method} · seed ${cfg.seed}`;
  const file: RunConfigFile = { ...cfg, fingerprint: fingerprint(cfg), name, method, ...(future ? { futureContext: true } : {}), params: prof.params, macs: prof.macs, inputShape: data.layout.inputShape, splitCounts: split, ...(embedSpec ? { embedSpec } : {}) };
  writeConfig(out, file);
  writeLayout(out, data.prep, data.layoutSpec);

  // metrics.jsonl: on resume keep each member's lines up to its checkpoint, then append.
  const previous = resume ? readMetrics(out) : [];
  const records: EpochRecord[] = [];
  const members: RunSummary['members'] = [];
  const models: BlockNet[] = [];
  const linear = cfg.linearFirst ? fitLinearShortcut(data, cfg.seed) : null;
  const init = linear ? (m: BlockNet) => setLinearShortcut(m, cfg.model, linear) : undefined;
  // Without validation rows early stopping had nothing to hold out, so there is nothing to refit on.
  const refitting = Boolean(cfg.refit) && data.split.val.length > 0;
  for (let k = 0; k < cfg.ensemble; k++) {
    const dir = memberDir(out, k);
    const r = trainMember(cfg, {
      init, overrides,
      task: detectionTask(data.layout, data.labels, data.split.train, cfg.balance, cfg.mode), train: data.split.train, val: data.split.val, dir, member: k, resume,
      warn: (m) => log(`warning   ${m}`),
      onBatch: (d, t, l) => hooks.onBatch?.(k, d, t, l),
      onEpoch: (e) => {
        records.push(e);
        // This member's earlier lines up to where it resumed; anything later (a killed epoch) is replaced.
        const resumedAt = records.find((r) => r.member === k)!.epoch;
        writeMetrics(out, [...previous.filter((p) => p.member !== k || p.epoch < resumedAt), ...records].sort((a, b) => a.member - b.member || a.epoch - b.epoch));
        hooks.onEpoch?.(e);
      },
    });
    let model = r.model, seconds = r.seconds;
    if (refitting) {
      // Same seed, so the refit starts from the same weights; its own LR schedule spans the chosen epochs.
      model.dispose();
      const both = Int32Array.from([...data.split.train, ...data.split.val]);
      const again = trainMember({ ...cfg, epochs: r.bestEpoch, patience: r.bestEpoch }, {
        task: detectionTask(data.layout, data.labels, both, cfg.balance, cfg.mode), train: both, val: new Int32Array(0), dir: refitDir(out, k), member: k, resume,
        keepLast: true, init, overrides, warn: (m) => log(`warning   ${m}`), onBatch: (d, t, l) => hooks.onBatch?.(k, d, t, l),
      });
      log(`refit     member ${k}: ${r.bestEpoch} epoch(s) on train+val (${both.length} rows) in ${again.seconds.toFixed(1)} s`);
      model = again.model;
      seconds += again.seconds;
    }
    members.push({ member: k, bestEpoch: r.bestEpoch, epochs: r.epochs, bestValScore: r.bestValScore, seconds, resumedFrom: r.resumedFrom, weights: memberWeights(k, refitting) });
    models.push(model);
  }
  copyFileSync(join(out, members[0].weights!), runFile(out, WEIGHTS));

  const test = data.split.test, val = data.split.val;
  const ensemble = (rows: Int32Array) => ensembleScores(models, cfg.mode, data.layout, rows);
  const tScore = performance.now();
  const testScores = ensemble(test);
  const scoreSeconds = (performance.now() - tScore) / 1000;
  const valScores = ensemble(val);
  await writeRunPredictions(out, matrix, [['val', val, valScores], ['test', test, testScores]]);
  const epochSeconds = records.length ? records.reduce((a, r) => a + r.seconds, 0) / records.length : 0;
  const { evaluation } = writeResult(out, {
    name, method, seed: cfg.seed, matrix, rows: test, scores: testScores, topAlerts: cfg.topAlerts,
    explain: (rows) => domainContributions(models[0], data.layout, rows, (m, x, r) => rowScores(cfg.mode, m, x, () => data.layout.base(r))),
    extra: { model: cfg.model, layout: cfg.layout, params: prof.params, macs: prof.macs, members, epochSeconds, trainSeconds: members.reduce((a, m) => a + m.seconds, 0), scoreSeconds },
  });
  for (const m of models) m.dispose();
  data.layout.dispose();
  return { out, name, params: prof.params, macs: prof.macs, inputShape: data.layout.inputShape, split, members, epochSeconds, test: evaluation, seconds: (performance.now() - t0) / 1000 };
}
