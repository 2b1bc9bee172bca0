// Training curves: loss and validation scores per epoch, one line per run, plus a table
// of each run's best epoch so a reader sees at once whether early stopping mattered.
import type { TrainingRun, EpochRow } from '../types.js';
import type { Block, Section } from '../html.js';
import { lineChart, type SeriesPoint } from '../charts/index.js';
import { fixed } from '../format.js';
import { chartBlock } from './chart.js';
import { HOW_TO_READ } from './howto.js';

function series(runs: TrainingRun[], key: keyof EpochRow): SeriesPoint[] {
  return runs.flatMap((r) => r.epochs.filter((e) => e[key] !== undefined && Number.isFinite(e[key])).map((e) => ({ series: r.name, x: e.epoch, y: e[key] as number })));
}

export async function trainingSection(runs: TrainingRun[]): Promise<Section> {
  const common = { xTitle: 'epoch', xInteger: true, seriesTitle: 'run' } as const;
  const few = Math.max(...runs.map((r) => r.epochs.length)) <= 30;
  const blocks: Block[] = [];
  const loss = series(runs, 'trainLoss');
  if (loss.length) blocks.push(await chartBlock(lineChart({ ...common, title: 'Training loss per epoch', yTitle: 'training loss (cross-entropy, nats)', data: loss, points: few })));
  const pr = series(runs, 'valPrAuc');
  if (pr.length) blocks.push(await chartBlock(lineChart({ ...common, title: 'Validation PR-AUC per epoch', yTitle: 'validation PR-AUC (average precision)', data: pr, points: few })));
  const roc = series(runs, 'valRocAuc');
  if (roc.length) blocks.push(await chartBlock(lineChart({ ...common, title: 'Validation ROC-AUC per epoch', yTitle: 'validation ROC-AUC', data: roc, points: few })));
  if (loss.length || pr.length || roc.length) blocks.push({ kind: 'paragraph', text: HOW_TO_READ.training });
  const rows = runs.map((r) => {
    const scored = r.epochs.filter((e) => e.valPrAuc !== undefined);
    const best = scored.reduce<EpochRow | undefined>((b, e) => (!b || e.valPrAuc! > b.valPrAuc! ? e : b), undefined);
    const last = r.epochs[r.epochs.length - 1];
    const seconds = r.epochs.reduce((s, e) => s + (e.seconds ?? 0), 0);
    return [r.name, r.epochs.length, best?.epoch, fixed(best?.valPrAuc), fixed(last?.trainLoss, 4), seconds ? seconds.toFixed(1) : undefined];
  });
  blocks.push({ kind: 'table', columns: ['run', { label: 'epochs', align: 'right' }, { label: 'best epoch', align: 'right' }, { label: 'best val PR-AUC', align: 'right' }, { label: 'final train loss', align: 'right' }, { label: 'train time (s)', align: 'right' }], rows });
  return { id: 'training', heading: 'Training curves', intro: 'Loss on the training split and ranking quality on the validation split after each epoch.', blocks };
}
