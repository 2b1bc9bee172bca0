// The seeds' claims about the variants, judged on a study's numbers (verdicts in
// claims.ts's words: 'partly' when the sign holds for some seeds and not others, or only
// part of the claim holds; 'too small to tell' when the study lacks the variants it needs).
// The thresholds are stated in each claim's rule so a reader can re-judge them.
import { mean } from '../../util/stats.js';
import type { VariantRow } from './study.js';

import type { RuledClaim as Claim, Verdict } from '../claims.js';

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const pp = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} pp`;

/** Verdict from per-seed booleans: all true, all false, or some of each. */
function bySeeds(ok: boolean[]): Verdict {
  return ok.every(Boolean) ? 'reproduced' : ok.some(Boolean) ? 'partly' : 'not reproduced';
}

/** Per-seed accuracies of two rows, paired by seed. */
function paired(a: VariantRow, b: VariantRow): [number, number][] {
  return a.seeds.flatMap((s) => {
    const t = b.seeds.find((x) => x.seed === s.seed);
    return t ? [[s.testAccuracy, t.testAccuracy] as [number, number]] : [];
  });
}

export function judgeClaims(rows: VariantRow[]): Claim[] {
  const by = (n: string) => rows.find((r) => r.name === n);
  const claims: Claim[] = [];
  const na = (id: string, claim: string, source: string, rule: string, missing: string) =>
    claims.push({ id, claim, source, rule, verdict: 'too small to tell', evidence: `needs ${missing} in the study` });

  const v1 = by('resnet_v1'), plain = by('plain'), sd = by('stochastic');
  const preacts = ['a', 'b', 'c', 'd', 'e'].map((a) => by(`preact_${a}`));

  {
    const id = 'residual-beats-plain', claim = 'a ResNet beats its plain twin of the same depth', source = 'He et al. 2016 (CVPR)';
    const rule = 'resnet_v1 test accuracy > plain for every seed (mixed: some seeds)';
    if (!v1 || !plain) na(id, claim, source, rule, 'resnet_v1 and plain');
    else claims.push({ id, claim, source, rule, verdict: bySeeds(paired(v1, plain).map(([a, b]) => a > b)), evidence: `resnet_v1 ${pct(v1.accuracy.mean)} vs plain ${pct(plain.accuracy.mean)}` });
  }
  {
    const id = 'all-residual-beat-plain', claim = 'every residual family beats the plain twin', source = 'papers.md (all families)';
    const rule = 'mean accuracy of each residual variant (all but plain and FractalNet, which has no shortcuts) above plain by more than 1 pp (mixed: at least half of them)';
    const others = rows.filter((r) => r.name !== 'plain' && r.name !== 'fractalnet');
    if (!plain || others.length === 0) na(id, claim, source, rule, 'plain and residual variants');
    else {
      const wins = others.filter((r) => r.accuracy.mean > plain.accuracy.mean + 0.01);
      const verdict: Verdict = wins.length === others.length ? 'reproduced' : wins.length * 2 >= others.length ? 'partly' : 'not reproduced';
      const losers = others.filter((r) => !wins.includes(r)).map((r) => r.name);
      claims.push({ id, claim, source, rule, verdict, evidence: `${wins.length}/${others.length} beat plain (${pct(plain.accuracy.mean)}) by > 1 pp${losers.length ? `; not: ${losers.join(', ')}` : ''}` });
    }
  }
  {
    const id = 'preact-e-best', claim: string = 'full pre-activation (e) trains best of the arrangements (a)–(e)', source = 'He et al. 2016 (ECCV), Fig. 4 / Table 2';
    const rule = '(e) has the highest mean test accuracy of (a)–(e) (mixed: second highest)';
    if (preacts.some((p) => !p)) na(id, claim, source, rule, 'preact_a … preact_e');
    else {
      const ranked = (preacts as VariantRow[]).slice().sort((x, y) => y.accuracy.mean - x.accuracy.mean);
      const rank = ranked.findIndex((r) => r.name === 'preact_e');
      claims.push({ id, claim, source, rule, verdict: rank === 0 ? 'reproduced' : rank === 1 ? 'partly' : 'not reproduced', evidence: `order: ${ranked.map((r) => `${r.name.slice(-1)} ${pct(r.accuracy.mean)}`).join(' > ')}` });
    }
  }
  {
    const id = 'preact-b-slow', claim = '(b), BN after the addition, starts slowest (highest training loss early on)', source = 'He et al. 2016 (ECCV), Fig. 6';
    // The second half of the epoch: the first tenths mostly show the initial logit scale
    // (arrangement (c) adds only non-negative branches, so it starts highest), not how fast
    // the loss falls.
    const rule = "(b)'s mean training loss over the second half of epoch 1 is the highest of (a)–(e) (mixed: second highest)";
    if (preacts.some((p) => !p)) na(id, claim, source, rule, 'preact_a … preact_e');
    else {
      const early = (r: VariantRow) => mean(r.firstEpochTenths.slice(Math.floor(r.firstEpochTenths.length / 2)));
      const ranked = (preacts as VariantRow[]).slice().sort((x, y) => early(y) - early(x));
      const rank = ranked.findIndex((r) => r.name === 'preact_b');
      claims.push({ id, claim, source, rule, verdict: rank === 0 ? 'reproduced' : rank === 1 ? 'partly' : 'not reproduced', evidence: `late first-epoch loss: ${ranked.map((r) => `${r.name.slice(-1)} ${early(r).toFixed(3)}`).join(' > ')}` });
    }
  }
  {
    const id = 'lesion-single-resnet', claim = 'deleting one non-downsampling block barely changes a ResNet', source = 'Veit et al. 2016, Lesion 1';
    const rule = 'resnet_v1 mean rise ≤ 2 pp (mixed: ≤ 10 pp)';
    if (!v1 || v1.singleDrop === null) na(id, claim, source, rule, 'resnet_v1');
    else claims.push({ id, claim, source, rule, verdict: v1.singleDrop <= 2 ? 'reproduced' : v1.singleDrop <= 10 ? 'partly' : 'not reproduced', evidence: `resnet_v1 ${pp(v1.singleDrop)} from ${v1.baselineError.toFixed(2)} % error` });
  }
  {
    const id = 'lesion-single-plain', claim = 'a plain net collapses towards chance when one layer is deleted', source = 'Veit et al. 2016, Lesion 1';
    const rule = 'plain: mean error after one deletion at least halfway from its baseline to chance (mixed: a rise ≥ 3× resnet_v1\'s); n/a when the intact plain net is within 5 pp of chance';
    if (!plain || plain.singleDrop === null) na(id, claim, source, rule, 'plain');
    // A plain net that never left chance cannot collapse towards it: the budget was too small to test the claim.
    else if (plain.chance - plain.baselineError < 5) claims.push({ id, claim, source, rule, verdict: 'too small to tell', evidence: `the intact plain net is at chance (${plain.baselineError.toFixed(2)} % error, chance ${plain.chance.toFixed(0)} %)` });
    else {
      const half = plain.singleDrop >= 0.5 * (plain.chance - plain.baselineError);
      const bigger = v1?.singleDrop != null && plain.singleDrop >= 3 * Math.max(v1.singleDrop, 0.1);
      claims.push({ id, claim, source, rule, verdict: half ? 'reproduced' : bigger ? 'partly' : 'not reproduced', evidence: `plain ${pp(plain.singleDrop)} from ${plain.baselineError.toFixed(2)} % (chance ${plain.chance.toFixed(0)} %)` });
    }
  }
  {
    const id = 'lesion-k-smooth', claim = 'a ResNet\'s error grows smoothly with the number k of deleted blocks', source = 'Veit et al. 2016, Lesion 2';
    const rule = 'resnet_v1: error at the largest k above k = 1, no step down by more than 1 pp, and no single step above half of the total rise (mixed: rises, but not smoothly)';
    const c = v1?.kCurve ?? [];
    if (c.length < 3) na(id, claim, source, rule, 'resnet_v1 with 3 or more k values');
    else {
      const rise = c[c.length - 1].error - c[0].error;
      const steps = c.slice(1).map((p, i) => p.error - c[i].error);
      const smooth = rise > 0 && steps.every((s) => s >= -1 && s <= 0.5 * rise);
      claims.push({ id, claim, source, rule, verdict: smooth ? 'reproduced' : rise > 0 ? 'partly' : 'not reproduced', evidence: `k = ${c.map((p) => p.k).join(',')}: ${c.map((p) => p.error.toFixed(1)).join(', ')} %` });
    }
  }
  {
    const id = 'stochastic-depth-helps', claim = 'stochastic depth lowers the test error of the same ResNet', source = 'Huang et al. 2016 (ECCV)';
    const rule = 'stochastic accuracy > resnet_v1 for every seed (mixed: some seeds); the paper trains 500 epochs';
    if (!v1 || !sd) na(id, claim, source, rule, 'resnet_v1 and stochastic');
    else claims.push({ id, claim, source, rule, verdict: bySeeds(paired(sd, v1).map(([a, b]) => a > b)), evidence: `stochastic ${pct(sd.accuracy.mean)} vs resnet_v1 ${pct(v1.accuracy.mean)}` });
  }
  return claims;
}
