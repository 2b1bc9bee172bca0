// ReXNet's claims about single random layers, judged on a randomLayerRank result (verdicts
// in claims.ts's words: 'partly' when a claim holds at some ratios or for some
// nonlinearities only, 'too small to tell' when the study lacks the ratios or
// nonlinearities it needs).
// Every rule is stated with its thresholds so a reader can re-judge it.
import type { RandomRank, RandomRankCell } from './random.js';
import { verdictOf, type RuledClaim } from '../claims.js';
import { mean, sd } from '../../util/stats.js';

/** A claim judged on the numbers, in the same shape as the variant study's. */
export type RankClaim = RuledClaim;

const SOURCE = 'Han et al. 2021 (ReXNet), §3';
const f2 = (x: number) => x.toFixed(2);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/** Paired difference a − b over trials: holds when its mean is > 0 and, with 2+ trials, t = mean / (sd/√T) > 2. */
function pairedGreater(a: RandomRankCell, b: RandomRankCell): { ok: boolean; diff: number } {
  const d = a.values.map((v, i) => v - b.values[i]);
  const m = mean(d), s = sd(d);
  const ok = m > 0 && (d.length < 2 || s === 0 || m / (s / Math.sqrt(d.length)) > 2);
  return { ok, diff: m };
}

export function judgeRankClaims(r: RandomRank): RankClaim[] {
  const cell = (f: string, ratio: number) => r.cells.find((c) => c.nonlinearity === f && c.ratio === ratio);
  const fs = [...new Set(r.cells.map((c) => c.nonlinearity))];
  const ratios = [...new Set(r.cells.map((c) => c.ratio))].sort((a, b) => a - b);
  const expanding = ratios.filter((x) => Math.round(x * r.dIn) > r.dIn);
  const top = expanding.at(-1);
  const claims: RankClaim[] = [];
  const na = (id: string, claim: string, rule: string, needs: string) => claims.push({ id, claim, source: SOURCE, rule, verdict: 'too small to tell', evidence: `needs ${needs}` });

  {
    const id = 'expand-loses-rank', claim = 'Expanding layers (d_out > d_in) lose rank relative to their width, more so the larger the ratio';
    const rule = `per nonlinearity: normalised rank (σ > ${r.rtol}·σ₁) below 0.95 at the largest ratio, and never up by more than 0.02 from one ratio ≥ 1 to the next`;
    if (top === undefined) na(id, claim, rule, 'a ratio above 1');
    else {
      const from = ratios.filter((x) => x >= 1);
      const ok = fs.map((f) => {
        const ms = from.map((x) => cell(f, x)!.mean);
        return cell(f, top)!.mean < 0.95 && ms.every((m, i) => i === 0 || m <= ms[i - 1] + 0.02);
      });
      const failing = fs.filter((_, i) => !ok[i]);
      claims.push({ id, claim, source: SOURCE, rule, verdict: verdictOf(ok),
        evidence: `at d_out/d_in = ${top}: ${fs.map((f) => `${f} ${f2(cell(f, top)!.mean)}`).join(', ')}${failing.length ? `; not: ${failing.join(', ')}` : ''}` });
    }
  }

  {
    const id = 'silu-elu-over-relu6', claim = 'SiLU (swish) and ELU keep more rank than ReLU6 in expanding layers';
    const rule = 'at every ratio > 1, for SiLU and ELU each: paired over trials (same X, W), mean difference to ReLU6 > 0 and t > 2';
    const smooth = ['silu', 'elu'].filter((f) => fs.includes(f as never));
    if (!fs.includes('relu6') || !smooth.length || top === undefined) na(id, claim, rule, 'relu6, silu or elu, and a ratio above 1');
    else {
      const tests = smooth.flatMap((f) => expanding.map((x) => ({ f, x, ...pairedGreater(cell(f, x)!, cell('relu6', x)!) })));
      claims.push({ id, claim, source: SOURCE, rule, verdict: verdictOf(tests.map((t) => t.ok)),
        evidence: smooth.map((f) => `${f} − relu6: ${tests.filter((t) => t.f === f).map((t) => `${signed(t.diff)} at ${t.x}${t.ok ? '' : ' (n.s.)'}`).join(', ')}`).join('; ') });
    }
  }

  {
    const id = 'nonlinear-above-identity', claim = 'Nonlinearities keep more rank than the linear layer when expanding';
    const rule = 'at every ratio > 1, every nonlinearity vs the identity: paired mean difference > 0 and t > 2';
    const nonlinear = fs.filter((f) => f !== 'identity');
    if (!fs.includes('identity') || !nonlinear.length || top === undefined) na(id, claim, rule, 'identity, a nonlinearity and a ratio above 1');
    else {
      const tests = nonlinear.flatMap((f) => expanding.map((x) => ({ f, x, ...pairedGreater(cell(f, x)!, cell('identity', x)!) })));
      const failing = tests.filter((t) => !t.ok);
      claims.push({ id, claim, source: SOURCE, rule, verdict: verdictOf(tests.map((t) => t.ok)),
        evidence: `at ${top}: identity ${f2(cell('identity', top)!.mean)} vs ${nonlinear.map((f) => `${f} ${f2(cell(f, top)!.mean)}`).join(', ')}` +
          (failing.length ? `; not above: ${failing.map((t) => `${t.f} at ${t.x}`).join(', ')}` : '') });
    }
  }

  {
    const id = 'identity-full', claim = 'A linear layer keeps full rank when d_in ≥ d_out (and rank d_in when expanding)';
    const rule = 'exact rank (libtorch default tolerance) of XW = min(d_in, d_out) in every trial, at every ratio';
    if (!fs.includes('identity')) na(id, claim, rule, 'identity');
    else {
      const ok = ratios.map((x) => {
        const c = cell('identity', x)!;
        const want = Math.min(r.n, r.dIn, c.dOut) / Math.min(r.n, c.dOut);
        return Math.abs(c.exactMean - want) < 1e-9 && c.exactSd === 0;
      });
      const square = cell('identity', ratios.find((x) => Math.round(x * r.dIn) === r.dIn) ?? NaN);
      claims.push({ id, claim, source: SOURCE, rule, verdict: verdictOf(ok),
        evidence: `exact: ${ratios.map((x) => `${f2(cell('identity', x)!.exactMean)} at ${x}`).join(', ')}` +
          (square && square.mean < 1 ? `; at rtol ${r.rtol} the square layer counts ${f2(square.mean)} (a square Gaussian W has small singular values)` : '') });
    }
  }
  return claims;
}
