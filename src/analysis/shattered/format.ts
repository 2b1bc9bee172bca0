// The plain-text table of a shattered-gradients study, for the CLI and the benchmark:
// one row per series, one column per depth, the neighbour correlation mean ± sd.
import type { ShatteredStudy } from './study.js';

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function formatShattered(s: ShatteredStudy): string {
  const names = uniq(s.results.map((r) => r.series));
  const depths = uniq(s.results.map((r) => r.depth)).sort((a, b) => a - b);
  const seeds = s.results[0]?.seeds.length ?? 0;
  const head = s.kind === 'run'
    ? `${s.model}: ${depths.join(', ')} blocks; ${s.points} points on lines between training rows; score: ${String(s.options.score ?? '')}`
    : `${s.model}: ${s.points} points on [${(s.options.range as number[]).join(', ')}]; depth = hidden weight layers (residual: 2 per block)`;
  const cell = (v: { mean: number; sd: number }) => `${v.mean.toFixed(2)} ± ${v.sd.toFixed(2)}`;
  const w = 13;
  const lines = [head, '', `neighbour correlation of the input gradient (lag-1 autocorrelation; mean ± sd over ${seeds} seed${seeds === 1 ? '' : 's'})`,
    `  ${(s.kind === 'run' ? 'model' : 'net').padEnd(12)}${depths.map((d) => `${s.kind === 'run' ? 'blocks' : 'depth'} ${d}`.padStart(w)).join('')}`];
  for (const n of names) {
    const row = depths.map((d) => { const r = s.results.find((x) => x.series === n && x.depth === d); return (r ? cell(r.neighbour) : '—').padStart(w); });
    lines.push(`  ${n.padEnd(12)}${row.join('')}`);
  }
  lines.push('', `white noise: |r| < ${s.whiteNoise.toFixed(2)} (3/√${s.points}); a smooth curve: r near 1`);
  if (s.claims?.length) {
    lines.push('', 'claims (Balduzzi et al. 2017), verdicts from these numbers');
    for (const c of s.claims) lines.push(`  [${c.verdict}] ${c.claim}`, `      ${c.evidence}`);
  }
  return lines.join('\n');
}
