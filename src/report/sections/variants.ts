// The seeds' variant study: one table of every variant (accuracy, size, cost, early
// training loss, lesion figures), the claims with their verdicts, and charts of test
// accuracy and of error against the number of deleted blocks, so families are read
// against each other and against the plain twin.
import type { VariantsFigures } from '../types.js';
import type { Block, Section } from '../html.js';
import { barChart, errorBarChart, lineChart } from '../charts/index.js';
import { chartBlock } from './chart.js';
import { HOW_TO_READ } from './howto.js';

const f = (x: number | undefined, d = 2) => (x === undefined || !Number.isFinite(x) ? undefined : x.toFixed(d));

export async function variantsSection(studies: VariantsFigures[]): Promise<Section> {
  const blocks: Block[] = [];
  // Several studies (budgets) are shown one after another, each named by its budget.
  for (const s of studies) {
    const tag = studies.length > 1 && s.budget ? ` (${s.budget})` : '';
    if (s.budget) blocks.push({ kind: 'paragraph', text: `Budget: ${s.budget}.` });
    blocks.push({
      kind: 'table',
      columns: ['variant', 'family', { label: 'params', align: 'right' }, { label: 'MMACs', align: 'right' }, { label: 'test accuracy (%)', align: 'right' }, { label: '± sd', align: 'right' },
        { label: '1st-epoch loss, first → last tenth', align: 'right' }, { label: 'train time (s)', align: 'right' }, { label: 'one block deleted (pp)', align: 'right' }, { label: 'error at max k (%)', align: 'right' }],
      rows: s.rows.map((r) => {
        const t = r.firstEpochTenths;
        const last = r.kCurve.at(-1);
        return [r.name, r.family, r.params.toLocaleString('en-US'), f(r.macs / 1e6), f(100 * r.accuracy.mean), f(100 * r.accuracy.sd),
          t.length ? `${f(t[0], 3)} → ${f(t[t.length - 1], 3)}` : undefined, f(r.trainSeconds, 0), f(r.singleDrop), last ? `${f(last.error, 1)} (k = ${last.k})` : undefined];
      }),
    });
    if (s.claims.length) {
      blocks.push({ kind: 'table', columns: ['claim', 'source', 'verdict', 'evidence'], rows: s.claims.map((c) => [c.claim, c.source, c.verdict, c.evidence]) });
    }
    blocks.push(await chartBlock(barChart({
      title: `Test accuracy by variant${tag}`, subtitle: 'mean ± sd over seeds', labelTitle: 'variant', valueTitle: 'test accuracy (%)', horizontal: true,
      data: s.rows.map((r) => ({ label: r.name, value: 100 * r.accuracy.mean, sd: 100 * r.accuracy.sd })),
    })), { kind: 'paragraph', text: HOW_TO_READ.variantAccuracy });
    const early = s.rows.flatMap((r) => r.firstEpochTenths.map((y, i) => ({ series: r.name, x: (i + 1) / r.firstEpochTenths.length, y })));
    if (early.length) {
      blocks.push(await chartBlock(lineChart({ title: `Training loss over the first epoch${tag}`, subtitle: 'mean per tenth of the epoch', xTitle: 'share of the first epoch', yTitle: 'training loss (cross-entropy, nats)', seriesTitle: 'variant', data: early })), { kind: 'paragraph', text: HOW_TO_READ.variantEarly });
    }
    const k = s.rows.flatMap((r) => r.kCurve.map((p) => ({ series: r.name, x: p.k, mean: p.error, sd: p.sd })));
    if (k.length) {
      blocks.push(await chartBlock(errorBarChart({ title: `Deleting k blocks${tag}`, subtitle: 'test error with k random non-downsampling blocks deleted, mean ± sd', xTitle: 'blocks deleted (k)', yTitle: 'test error (%)', xInteger: true, seriesTitle: 'variant', data: k })), { kind: 'paragraph', text: HOW_TO_READ.variantK });
    }
  }
  return {
    id: 'variants',
    heading: 'Residual variants',
    intro: 'Every residual family next to its plain twin on the same images and budget: accuracy, cost, how training starts, and how much each degrades when blocks are deleted.',
    blocks,
  };
}
