// Balduzzi et al.'s claims, judged on measured neighbour correlations (lag-1
// autocorrelation of the input gradient, mean ± sd over seeds). Each verdict is computed
// from the numbers, in claims.ts's words ('too small to tell' when a series is missing).
import type { ShatteredSeries } from './study.js';
import type { Claim } from '../claims.js';

const SOURCE = 'Balduzzi et al. 2017';
const f2 = (v: number) => v.toFixed(2);
const byDepth = (rs: ShatteredSeries[], name: string) => rs.filter((r) => r.series === name).sort((a, b) => a.depth - b.depth);
const curve = (rs: ShatteredSeries[]) => rs.map((r) => `${f2(r.neighbour.mean)} at ${r.depth}`).join(', ');
const na = (claim: string, what: string): Claim => ({ claim, source: SOURCE, verdict: 'too small to tell', evidence: `${what} not measured` });

/** The plain net's correlation falls from smooth (> 0.8) at the shallowest depth into the white-noise band at the deepest. */
export function plainCollapses(rs: ShatteredSeries[], name: string, band: number, note = ''): Claim {
  const claim = `plain nets (${name}): the input gradient turns into white noise with depth (correlation ~2^-L)`;
  const c = byDepth(rs, name);
  if (c.length < 2) return na(claim, `${name} at two depths or more`);
  const first = c[0].neighbour.mean, last = c[c.length - 1].neighbour.mean;
  const inBand = c.find((r) => Math.abs(r.neighbour.mean) < band);
  const verdict = first > 0.8 && Math.abs(last) < band ? 'reproduced' : last < first / 2 ? 'partly' : 'not reproduced';
  return { claim, source: SOURCE, verdict, evidence: `r = ${curve(c)}; white noise |r| < ${f2(band)}${inBand ? `, reached at depth ${inBand.depth}` : ', never reached'}${note ? `; ${note}` : ''}` };
}

/** A residual series stays above its plain twin at every measured depth past the shallowest, and out of the noise band at the deepest. */
export function residualAbovePlain(rs: ShatteredSeries[], res: string, plain: string, band: number): Claim {
  const claim = `skip connections resist shattering: ${res} keeps more correlation than ${plain} at every depth`;
  const a = byDepth(rs, res), b = byDepth(rs, plain);
  const depths = a.map((r) => r.depth).filter((d) => b.some((r) => r.depth === d));
  if (depths.length < 2) return na(claim, `${res} and ${plain} at two common depths or more`);
  const at = (s: ShatteredSeries[], d: number) => s.find((r) => r.depth === d)!.neighbour.mean;
  const deeper = depths.slice(1);
  const above = deeper.filter((d) => at(a, d) > at(b, d));
  const deepest = depths[depths.length - 1];
  const verdict = above.length === deeper.length && at(a, deepest) > band ? 'reproduced' : at(a, deepest) > at(b, deepest) ? 'partly' : 'not reproduced';
  return { claim, source: SOURCE, verdict, evidence: `${res} above ${plain} at ${above.length} of ${deeper.length} depths past ${depths[0]}; at depth ${deepest}: ${f2(at(a, deepest))} vs ${f2(at(b, deepest))}` };
}

/** Decay no faster than 1/√L: r(L_max) / r(L_min) ≥ √(L_min / L_max). */
export function decaysSlowly(rs: ShatteredSeries[], name: string): Claim {
  const claim = `${name} decays slowly (sublinearly in depth; the paper's rate with BN is ~1/√L)`;
  const c = byDepth(rs, name).filter((r) => r.depth > 0);
  if (c.length < 2) return na(claim, `${name} at two non-zero depths or more`);
  const lo = c[0], hi = c[c.length - 1];
  const ratio = hi.neighbour.mean / lo.neighbour.mean, bound = Math.sqrt(lo.depth / hi.depth);
  const verdict = ratio >= bound ? 'reproduced' : ratio >= bound / 2 ? 'partly' : 'not reproduced';
  return { claim, source: SOURCE, verdict, evidence: `r = ${curve(c)}; r(${hi.depth}) / r(${lo.depth}) = ${f2(ratio)} vs √(${lo.depth}/${hi.depth}) = ${f2(bound)}` };
}

/** At the deepest common depth, `a` is above `b` by more than the larger of their seed sds. */
export function keepsMore(rs: ShatteredSeries[], a: string, b: string, claim: string, note = ''): Claim {
  const x = byDepth(rs, a), y = byDepth(rs, b);
  const d = x.map((r) => r.depth).filter((v) => y.some((r) => r.depth === v)).pop();
  if (d === undefined) return na(claim, `${a} and ${b} at a common depth`);
  const p = x.find((r) => r.depth === d)!.neighbour, q = y.find((r) => r.depth === d)!.neighbour;
  const margin = Math.max(p.sd, q.sd);
  const verdict = p.mean > q.mean + margin ? 'reproduced' : p.mean > q.mean ? 'partly' : 'not reproduced';
  return { claim, source: SOURCE, verdict, evidence: `at depth ${d}: ${a} ${f2(p.mean)} ± ${f2(p.sd)} vs ${b} ${f2(q.mean)} ± ${f2(q.sd)}${note ? `; ${note}` : ''}` };
}

/**
 * The claims a sweep-net study can judge, for whichever of plain / resnet / preact (with
 * and without BN) it measured; claims whose series are missing are left out.
 */
export function sweepClaims(rs: ShatteredSeries[], band: number): Claim[] {
  const homogeneous = 'without BN the pre-activations are not centred over the sweep and a ReLU net of a scalar input is nearly positively homogeneous, so few kinks fall inside the sweep at any depth';
  const out: Claim[] = [];
  for (const bn of ['+BN', '']) {
    out.push(plainCollapses(rs, `plain${bn}`, band, bn ? '' : homogeneous));
    for (const arch of ['resnet', 'preact']) out.push(residualAbovePlain(rs, `${arch}${bn}`, `plain${bn}`, band));
  }
  for (const arch of ['resnet', 'preact']) out.push(decaysSlowly(rs, `${arch}+BN`));
  out.push(keepsMore(rs, 'resnet+BN', 'resnet', 'batch-normalised resnets keep more correlation than unnormalised ones (paper: ~1/√L with BN, exponential without)', homogeneous));
  out.push(keepsMore(rs, 'preact+BN', 'preact', 'batch-normalised pre-activation resnets keep more correlation than unnormalised ones', homogeneous));
  return out.filter((c) => c.verdict !== 'too small to tell');
}
