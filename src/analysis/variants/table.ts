// A variant study as markdown: the table of variants and the claims with their verdicts.
// The same text is what `reslab variants` prints and what variants.md holds.
import type { VariantStudy, VariantRow } from './study.js';
import { THREE_SE_RULE } from './threeSe.js';
import { meanSdOf, seOfMean } from '../../util/stats.js';

const f = (x: number | null, d = 2) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));

/** First-epoch loss as "first tenth → last tenth". */
function early(r: VariantRow): string {
  const t = r.firstEpochTenths;
  return t.length ? `${f(t[0], 3)} → ${f(t[t.length - 1], 3)}` : 'n/a';
}

/** Error against k as "k:err" pairs, thinned to at most six points. */
function curve(r: VariantRow): string {
  const c = r.kCurve;
  if (c.length === 0) return 'n/a';
  const pick = c.length <= 6 ? c : [0, 1, 2, 3, 4, 5].map((i) => c[Math.round((i * (c.length - 1)) / 5)]);
  return pick.map((p) => `${p.k}:${p.error.toFixed(1)}`).join(' ');
}

/** FractalNet's column deletion as "full 12.3 · c1 30.1 c2 18.2 c3 13.0" (error %, one column kept); n/a for other families. */
function columns(r: VariantRow): string {
  const c = r.columnErrors;
  if (!c) return 'n/a';
  return `full ${r.baselineError.toFixed(1)} · ${c.map((p) => `c${p.column + 1} ${p.error.toFixed(1)}`).join(' ')}`;
}

/** Mean ± seed SE of a per-seed series ("± n/a" for one seed; "n/a" for none). */
function meanSe(xs: (number | null)[]): string {
  const s = meanSdOf(xs);
  return s ? `${f(s.mean)} ± ${f(seOfMean(s))}` : 'n/a';
}

/** A claim's rule without the 3×SE rule every rule ends in (printed once under the table). */
const ownRule = (rule: string | undefined) => (rule ?? '').replace(`; ${THREE_SE_RULE}`, '');

/** Seconds every seed took to train and lesion, resumed ones included. */
function computeSeconds(s: VariantStudy): number {
  return s.rows.reduce((t, r) => t + r.seeds.reduce((u, x) => u + x.trainSeconds + x.lesionSeconds, 0), 0);
}

export function variantsMarkdown(s: VariantStudy): string {
  const o = s.options;
  const lines = [
    `# Variant study`,
    '',
    `${o.limit || 'all'} training images, ${o.epochs} epoch(s), seeds ${o.seeds.join(', ')}; accuracy on ${o.testLimit || 'all'} test images, lesions on ${o.lesionRows} (k-block lesion: ${o.kPoints > 0 ? `at most ${o.kPoints} values of k, ` : ''}${o.trials} draws per k). ${computeSeconds(s).toFixed(0)} s of training and lesions in all (${s.seconds.toFixed(0)} s in this call; resumed seeds cost none).`,
    '',
    '| variant | family | params | MMACs | test acc % (± seed SE) | 1st-epoch loss | train s | lesion s | 1-block drop pp (± seed SE) | error % vs k (k:err) | one column kept, error % |',
    '|---|---|---:|---:|---:|---|---:|---:|---:|---|---|',
    ...s.rows.map((r) => `| ${r.name} | ${r.family} | ${r.params.toLocaleString('en-US')} | ${f(r.macs / 1e6)} | ${f(100 * r.accuracy.mean)} ± ${f(seOfMean({ mean: 100 * r.accuracy.mean, sd: 100 * r.accuracy.sd, n: r.seeds.length }))} | ${early(r)} | ${f(r.seconds.train, 0)} | ${f(r.seconds.lesion, 0)} | ${meanSe(r.seeds.map((x) => x.lesion.singleMean))} | ${curve(r)} | ${columns(r)} |`),
    '',
    '| claim | source | rule | verdict | evidence |',
    '|---|---|---|---|---|',
    ...s.claims.map((c) => `| ${c.claim} | ${c.source} | ${ownRule(c.rule)} | **${c.verdict}** | ${c.evidence} |`),
    '',
    // Every rule ends in the same 3×SE rule: stated once under the table.
    `Every difference is judged by the 3×SE rule: ${THREE_SE_RULE}.`,
    '',
  ];
  return lines.join('\n');
}
