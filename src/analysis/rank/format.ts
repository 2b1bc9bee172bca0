// Plain-text tables of a rank study, for `reslab rank`.
import type { RankStudy, RandomRank } from './random.js';
import type { LayerRank } from './layers.js';

const f2 = (x: number) => x.toFixed(2);

function randomTable(r: RandomRank, pick: 'rank' | 'exact'): string[] {
  const fs = [...new Set(r.cells.map((c) => c.nonlinearity))];
  const ratios = [...new Set(r.cells.map((c) => c.ratio))];
  const w = 13;
  const lines = [`  d_out/d_in  d_out  ${fs.map((f) => f.padEnd(w)).join(' ')}`];
  for (const x of ratios) {
    const row = fs.map((f) => {
      const c = r.cells.find((e) => e.nonlinearity === f && e.ratio === x)!;
      const [m, s] = pick === 'rank' ? [c.mean, c.sd] : [c.exactMean, c.exactSd];
      return `${f2(m)} ± ${f2(s)}`.padEnd(w);
    });
    const dOut = r.cells.find((e) => e.ratio === x)!.dOut;
    lines.push(`  ${String(x).padStart(10)}  ${String(dOut).padStart(5)}  ${row.join(' ')}`);
  }
  return lines;
}

function layerTable(layers: LayerRank[]): string[] {
  const lines = ['  layer  label        shape            rows  max  rank  exact  rank/max'];
  for (const l of layers) {
    lines.push(`  ${String(l.layer).padStart(5)}  ${l.label.padEnd(11)}  ${`[${l.shape.join('×')}]`.padEnd(14)} ${String(l.rows).padStart(6)} ${String(l.maxRank).padStart(4)} ${String(l.rank).padStart(5)} ${String(l.exactRank).padStart(6)}  ${f2(l.normalised).padStart(8)}`);
  }
  return lines;
}

export function formatRank(s: RankStudy): string {
  const lines: string[] = [];
  if (s.random) {
    const r = s.random;
    lines.push(`random single layers f(XW): X ${r.n} × ${r.dIn} ~ N(0, 1), W ${r.dIn} × d_out ~ N(0, ${r.weightStd}²), ${r.trials} trial(s), seed ${r.seed}`,
      `normalised rank (singular values > ${r.rtol} × the largest) / min(N, d_out), mean ± sd over trials`, ...randomTable(r, 'rank'),
      '', 'normalised exact rank (libtorch default tolerance: largest × max(N, d_out) × float32 ε)', ...randomTable(r, 'exact'));
    const nonlinear = r.cells.filter((c) => c.nonlinearity !== 'identity');
    if (nonlinear.length && nonlinear.every((c) => c.exactMean === 1)) {
      lines.push('  every nonlinearity is of full exact rank at every ratio: only the thresholded count separates them');
    }
  }
  if (s.claims?.length) {
    lines.push('', 'claims');
    for (const c of s.claims) lines.push(`  [${c.verdict}] ${c.claim}`, `      rule: ${c.rule}`, `      evidence: ${c.evidence}`);
  }
  if (s.layers) {
    const lowest = s.layers.reduce((a, l) => (l.normalised < a.normalised ? l : a), s.layers[0]);
    lines.push('', `${s.model}: layer outputs over a batch of ${s.batch} training rows, flattened to (batch·positions) × channels`, ...layerTable(s.layers));
    if (lowest) lines.push(`  lowest rank/max: ${lowest.label} ${f2(lowest.normalised)} (${lowest.rank} of ${lowest.maxRank})`);
  }
  return lines.join('\n');
}
