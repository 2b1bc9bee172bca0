// The lesion and paths sections' findings, computed from the figures they sit above, with
// the analyses' verdict words (reproduced / partly / not reproduced / too small to tell)
// and the numbers each verdict rests on. Veit et al. (2016): the gradient of a 54-block
// ResNet comes from paths of length 5–17 while paths average 27 (ratio ≈ 0.4), and
// deleting one block barely changes its error while it breaks a plain network.
import type { LesionFigures, PathsFigures } from '../types.js';

/** Below this many blocks the path-length range and the gradient's range cannot separate. */
const MIN_BLOCKS = 6;

/** Mean path length, gradient-weighted mean length and the central 90 % range of the gradient share. */
export function pathFigures(r: PathsFigures): { blocks: number; meanLength: number; gradientLength: number; range90: [number, number] } | null {
  const counts = new Map(r.lengths.map((l) => [l.length, l.count]));
  const total = r.lengths.reduce((s, l) => s + l.count, 0);
  const share = (r.gradient ?? []).filter((g) => counts.has(g.length)).map((g) => ({ length: g.length, w: g.mean * counts.get(g.length)! })).sort((a, b) => a.length - b.length);
  const sum = share.reduce((s, p) => s + p.w, 0);
  if (!total || !sum) return null;
  const meanLength = r.lengths.reduce((s, l) => s + l.length * l.count, 0) / total;
  const gradientLength = share.reduce((s, p) => s + p.length * p.w, 0) / sum;
  const at = (q: number) => { let c = 0; for (const p of share) { c += p.w / sum; if (c >= q) return p.length; } return share.at(-1)!.length; };
  return { blocks: Math.max(...r.lengths.map((l) => l.length)), meanLength, gradientLength, range90: [at(0.05), at(0.95)] };
}

/** "The gradient comes mainly through short paths", judged per model. */
export function pathsFinding(results: PathsFigures[]): string {
  const parts = results.flatMap((r) => {
    const lengths = r.lengths.filter((l) => l.count > 0);
    if (lengths.length === 1) return [`${r.model}: one path of length ${lengths[0]!.length} (no shortcuts), nothing to judge`];
    const f = pathFigures(r);
    if (!f) return [];
    const ratio = f.gradientLength / f.meanLength;
    const verdict = f.blocks < MIN_BLOCKS ? `too small to tell with ${f.blocks} blocks` : ratio <= 0.75 ? 'reproduced' : ratio < 1 ? 'partly' : 'not reproduced';
    return [`${r.model}: paths average ${f.meanLength.toFixed(1)} residual branches, the gradient-weighted average is ${f.gradientLength.toFixed(1)} (ratio ${ratio.toFixed(2)}; 90 % of the gradient from lengths ${f.range90[0]}–${f.range90[1]}) — ${verdict}`];
  });
  const claim = 'Veit et al.: most paths are of middle length, but the gradient comes mainly through short ones (gradient-weighted length at most 0.75 of the mean path length: reproduced; below it: partly).';
  return parts.length ? `${claim} Here: ${parts.join('; ')}.` : `${claim} Here: no model has gradient figures, too small to tell.`;
}

const lowerIsBetter = (metric: string) => /error|loss/i.test(metric);

/** Mean and worst damage of deleting one block, in the direction that hurts. */
function singleDamage(r: LesionFigures): { mean: number; worst: number } | null {
  if (r.baseline === undefined || !r.single?.length) return null;
  const sign = lowerIsBetter(r.metric) ? 1 : -1;
  const d = r.single.map((p) => sign * (p.value - r.baseline!));
  return { mean: d.reduce((a, b) => a + b, 0) / d.length, worst: Math.max(...d) };
}

/** "Deleting one block degrades a ResNet gently and breaks its plain twin", judged on the pair(s) present. */
export function lesionFinding(results: LesionFigures[]): string {
  const damage = results.map((r) => ({ model: r.model, metric: r.metric, d: singleDamage(r) })).filter((x) => x.d !== null);
  const claim = 'Veit et al.: deleting one block barely changes a ResNet and breaks its plain twin (the ResNet\'s mean damage at most a third of the plain net\'s: reproduced; smaller: partly).';
  if (!damage.length) return `${claim} Here: no single-block deletions, too small to tell.`;
  const facts = damage.map((x) => `${x.model} loses ${x.d!.mean.toFixed(3)} ${x.metric} on average (worst ${x.d!.worst.toFixed(3)})`).join('; ');
  const plain = damage.find((x) => /plain/i.test(x.model));
  const res = damage.find((x) => !/plain/i.test(x.model));
  if (!plain || !res) return `${claim} Here: ${facts}; without a ResNet and its plain twin, too small to tell.`;
  const [r, p] = [res.d!.mean, plain.d!.mean];
  const verdict = p <= 0 ? 'too small to tell (deleting a block does not hurt the plain net either)' : r <= p / 3 ? 'reproduced' : r < p ? 'partly' : 'not reproduced';
  return `${claim} Here: ${facts} — ${verdict}.`;
}
