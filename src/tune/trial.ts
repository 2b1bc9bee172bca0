// One tuning trial: the method fitted on the training users of the contest's split and
// scored on its validation users, by PR-AUC. The test rows are never scored, and their
// values only pass through transforms fitted on training rows (normalisation, peer
// statistics) or looking strictly backwards (user deviation), so they cannot move a
// trial's number; test/tune/tune.test.ts scrambles them to prove it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureMatrix } from '../data/cert/matrix.js';
import { createDetector, type TabularData } from '../baselines/index.js';
import { gatherRows } from '../baselines/rows.js';
import { averagePrecision } from '../eval/auc.js';
import { applyPrepare, fitPrepare, type PrepareSpec } from '../layout/prepare.js';
import type { BlockNet } from '../models/index.js';
import { dataSpecOf } from '../rundir/index.js';
import { prepareDetection, type DetectionData } from '../train/data.js';
import { detectionTask } from '../train/detectTask.js';
import { fitLinearShortcut, setLinearShortcut } from '../train/linearFirst.js';
import { withDefaults } from '../train/run.js';
import { ensembleScores } from '../train/score.js';
import { makeSplit, type SplitSpec } from '../train/split.js';
import { trainMember } from '../train/trainer.js';
import { embedSpecFor } from '../train/embed.js';
import { modelOverrides } from '../train/arch.js';
import type { MethodSpec, RecipeConfig } from '../contest/methods.js';

/** What every trial of one tuning run shares: the split and the prepared inputs, made once. */
export interface TrialBench {
  /** Validation PR-AUC of the method at these settings. */
  score(spec: MethodSpec): Promise<number>;
  dispose(): void;
}

const binary = (labels: Int32Array, rows: Int32Array) => Uint8Array.from(rows, (r) => (labels[r]! > 0 ? 1 : 0));

/** Baseline trials: fit on the training rows only, since the validation rows are what a trial is scored on. */
function baselineBench(matrix: FeatureMatrix, prepare: PrepareSpec, splitSpec: SplitSpec): TrialBench {
  const seed = splitSpec.seed;
  const split = makeSplit({ user: matrix.user, time: matrix.time, insider: matrix.insider }, splitSpec);
  const prep = fitPrepare(matrix, split.train, prepare);
  const all: TabularData = { x: applyPrepare(prep, matrix), n: matrix.n, f: prep.inputs.length * prep.channels.length };
  const train = { x: gatherRows(all, split.train), n: split.train.length, f: all.f };
  const val = { x: gatherRows(all, split.val), n: split.val.length, f: all.f };
  const yTrain = binary(matrix.insider!, split.train), yVal = binary(matrix.insider!, split.val);
  return {
    async score(spec) {
      if (spec.kind !== 'baseline') throw new TypeError('a baseline bench scores baselines');
      const det = createDetector(spec.detector, spec.params);
      try {
        // Early stopping may watch the validation rows (as the residual trainer's does), but no refit onto them.
        await det.fit(train, det.supervised ? yTrain : undefined, { seed, ...(det.validates ? { validation: { data: val, labels: yVal, refit: false } } : {}) });
        return averagePrecision(await det.score(val), yVal);
      } finally {
        det.dispose?.();
      }
    },
    dispose() {},
  };
}

/**
 * Residual trials: `reslab train`'s members, early-stopped on the validation rows and
 * scored on them. A refit recipe is scored before its refit: afterwards the validation
 * rows are training rows.
 */
function residualBench(matrix: FeatureMatrix, recipe: RecipeConfig, splitSpec: SplitSpec): TrialBench {
  const { seed, ...split } = splitSpec;
  const cfgOf = (r: RecipeConfig) => {
    const { prepare, ...rest } = r;
    return withDefaults({ ...rest, features: '', prepare: prepare ?? {}, split, seed });
  };
  // Layout and inputs depend on the recipe's layout and prepare, which are not searched.
  const data: DetectionData = prepareDetection(matrix, dataSpecOf(cfgOf(recipe)));
  const yVal = binary(data.labels, data.split.val);
  const linear = recipe.linearFirst ? fitLinearShortcut(data, seed) : null;
  return {
    async score(spec) {
      if (spec.kind !== 'residual') throw new TypeError('a residual bench scores residual recipes');
      const cfg = cfgOf(spec.recipe);
      const dir = mkdtempSync(join(tmpdir(), 'reslab-trial-'));
      const models: BlockNet[] = [];
      try {
        for (let k = 0; k < cfg.ensemble; k++) {
          models.push(trainMember(cfg, {
            task: detectionTask(data.layout, data.labels, data.split.train, cfg.balance, cfg.mode), train: data.split.train, val: data.split.val,
            dir: join(dir, String(k)), member: k, resume: false, init: linear ? (m) => setLinearShortcut(m, cfg.model, linear) : undefined,
            // What `reslab train` sets on the named model: the recipe's embedding and the trial's sizes.
            overrides: modelOverrides(cfg.model, cfg, cfg.embed ? embedSpecFor(cfg.embed, data.prep, data.layoutSpec) : undefined),
          }).model);
        }
        return averagePrecision(ensembleScores(models, cfg.mode, data.layout, data.split.val), yVal);
      } finally {
        for (const m of models) m.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    dispose: () => data.layout.dispose(),
  };
}

/** The bench for a method's trials on one matrix and split; its prepare (and layout) are fixed, its tuned params vary. */
export function trialBench(matrix: FeatureMatrix, spec: MethodSpec, split: SplitSpec): TrialBench {
  if (!matrix.insider) throw new Error('tuning needs labelled features (validation PR-AUC)');
  return spec.kind === 'baseline' ? baselineBench(matrix, spec.prepare, split) : residualBench(matrix, spec.recipe, split);
}
