// Made-up variant rows for the claim and report tests: each seed's figures are given, and
// the row's summaries (means over seeds) are computed from them as study.ts does.
import { mean, sd } from '../../src/util/stats.js';
import type { VariantRow, VariantSeedRun } from '../../src/analysis/variants/study.js';

export interface SeedFigures {
  /** Test accuracy (fraction). */
  acc: number;
  /** Mean rise in error (pp) when one block is deleted; null: no deletable block. */
  rise?: number | null;
  /** Error (%) of the intact net on the lesion rows. */
  baseline?: number;
  /** Error (%) at k = 1, 2, … deleted blocks. */
  k?: number[];
  /** Training loss per tenth of epoch 1. */
  tenths?: number[];
  /** FractalNet: error (%) with only column c kept. */
  columns?: number[];
}

export function fakeRow(name: string, seeds: SeedFigures[], chance = 90): VariantRow {
  const runs: VariantSeedRun[] = seeds.map((s, i) => {
    const baseline = s.baseline ?? 100 * (1 - s.acc);
    const k = s.k ?? [baseline + 5, baseline + 10, baseline + 15];
    return {
      seed: i + 1, dir: '', testAccuracy: s.acc, trainSeconds: 1, lesionSeconds: 1, firstEpochLoss: s.tenths ?? [1], firstEpochTenths: s.tenths ?? [1],
      lesion: {
        baseline, chance, singleMean: s.rise === undefined ? 1 : s.rise, singleWorst: s.rise ?? 1,
        k: k.map((error, j) => ({ k: j + 1, error, sd: 0 })),
        columns: s.columns ? { baseline, columns: s.columns.map((error, c) => ({ column: c, convsPerBlock: 2 ** c, error })) } : null,
      },
    };
  });
  const accs = runs.map((r) => r.testAccuracy);
  const rises = runs.map((r) => r.lesion.singleMean).filter((x): x is number => x !== null);
  const cols = runs[0].lesion.columns;
  return {
    name, family: name, description: '', params: 1, macs: 1, blocks: 3, deletable: rises.length ? 3 : 0,
    accuracy: { mean: mean(accs), sd: sd(accs) }, seconds: { train: 1, lesion: 1 },
    firstEpochTenths: runs[0].firstEpochTenths.map((_, j) => mean(runs.map((r) => r.firstEpochTenths[j]))),
    singleDrop: rises.length ? mean(rises) : null,
    kCurve: runs[0].lesion.k.map((p, j) => ({ k: p.k, error: mean(runs.map((r) => r.lesion.k[j].error)), sd: sd(runs.map((r) => r.lesion.k[j].error)) })),
    columnErrors: cols ? cols.columns.map((c, j) => ({ column: c.column, convsPerBlock: c.convsPerBlock, error: mean(runs.map((r) => r.lesion.columns!.columns[j].error)), sd: sd(runs.map((r) => r.lesion.columns!.columns[j].error)) })) : null,
    baselineError: mean(runs.map((r) => r.lesion.baseline)), chance, seeds: runs,
  };
}

/** Three seeds at `center ± spread` (sample sd = spread), for accuracies and other figures. */
export const spreadOf = (center: number, spread: number) => [center - spread, center, center + spread];
