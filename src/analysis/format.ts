// Plain-text tables of the lesion and path results, for the CLI and the benchmark.
import type { LesionResult } from './lesion.js';
import { singleSummary } from './lesion.js';
import type { PathsResult } from './paths.js';
import { mean } from '../util/stats.js';

const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));
const digits = (r: LesionResult) => (r.metric.includes('%') ? 2 : 4);

export function formatLesion(r: LesionResult): string {
  const d = digits(r);
  const lines = [`${r.model}: ${r.blocks} blocks${r.plain ? ' (plain: no shortcuts)' : ''}; ${r.metric} baseline ${f(r.baseline, d)}, chance ${f(r.chance, d)}` +
    (r.baselineFigures ? `; ${Object.entries(r.baselineFigures).map(([k, v]) => `${k} ${f(v, 4)}`).join(', ')}` : '')];
  if (r.single.length) {
    lines.push('', `remove one block      ${r.metric}`);
    for (const e of r.single) {
      const tag = e.downsample ? ' (downsampling)' : '';
      const extra = e.figures ? `  ${Object.entries(e.figures).map(([k, v]) => `${k} ${f(v, 4)}`).join(', ')}` : '';
      lines.push(`  block ${String(e.block).padStart(3)}${tag.padEnd(16)} ${e.removable ? `${f(e.value, d).padStart(8)}  Δ ${f(e.value! - r.baseline, d)}${extra}` : '   not removable (no shortcut, changes shape)'}`);
    }
    const s = singleSummary(r);
    if (s) {
      const word = r.lowerIsBetter ? 'increase' : 'drop';
      lines.push(`  non-downsampling blocks: mean ${word} ${f(s.mean, d)}, median ${f(s.median, d)}, worst ${f(s.worst, d)} (block ${s.worstBlock})` +
        (s.downsampleWorst !== null ? `; worst downsampling block ${f(s.downsampleWorst, d)}` : ''));
    }
    if (r.plain) {
      const vals = r.single.filter((e) => e.value !== null).map((e) => e.value!);
      lines.push(`  contrast: a plain net has one path; removing a layer breaks it (mean ${f(mean(vals), d)} vs chance ${f(r.chance, d)}),` +
        ' where a ResNet, an ensemble of paths, loses only the paths through that block (Veit et al. 2016, Lesion 1)');
    }
  }
  if (r.k.length) {
    lines.push('', `remove k random non-downsampling blocks (${r.k[0].trials} trials)`);
    for (const e of r.k) lines.push(`  k ${String(e.k).padStart(3)}   ${f(e.mean, d).padStart(8)} ± ${f(e.sd, d)}`);
  }
  if (r.reorder.length) {
    lines.push('', `swap k random pairs of same-shape blocks (${r.reorder[0].trials} trials)`);
    for (const e of r.reorder) {
      const taus = r.reorderTrials.filter((t) => t.k === e.k).map((t) => t.tau);
      lines.push(`  k ${String(e.k).padStart(3)}   ${f(e.mean, d).padStart(8)} ± ${f(e.sd, d)}   Kendall τ ${f(mean(taus), 3)}`);
    }
  }
  return lines.join('\n');
}

export function formatPaths(r: PathsResult): string {
  const lines = [`${r.model}: ${r.blocks} blocks (${r.residualBlocks} with a shortcut); ${r.lengths.reduce((a, e) => a + e.count, 0).toExponential(3)} paths`,
    '', 'length      paths   |∇x| per path (mean ± sd)   total gradient (× count)'];
  r.lengths.forEach((e, i) => {
    const g = r.gradient[i], c = r.contribution[i];
    lines.push(`  ${String(e.length).padStart(4)}  ${e.count.toExponential(2).padStart(10)}   ${g.mean.toExponential(3).padStart(10)} ± ${g.sd.toExponential(2).padEnd(10)}   ${c.value.toExponential(3)}`);
  });
  const pct = Math.round(r.share * 100);
  lines.push('', `${pct} % of all paths have length ${r.pathRange90[0]}–${r.pathRange90[1]} (mean ${r.meanPathLength.toFixed(1)}); ` +
    `${pct} % of the gradient comes from paths of length ${r.range90[0]}–${r.range90[1]} (gradient-weighted mean ${r.meanEffectiveLength.toFixed(1)})`);
  return lines.join('\n');
}
