// The seeds' claims about the variants, judged on a study's numbers (verdicts in
// claims.ts's words). Every verdict rests on differences of means over seeds, and each
// difference is judged only when it is at least three times its seed standard error
// (threeSe.ts); otherwise, and always with a single seed, the claim is 'too small to
// tell'. 'partly' means that a weaker form of the claim is resolved and the full one is
// resolved against it. Each claim's rule states its thresholds and the 3×SE rule, and
// its evidence the differences, their SEs and the seeds, so a reader can re-judge it.
//
// ReXNet (Han et al. 2021) gets no claim of its own here: its claims are about the rank
// of layer outputs (judged by `reslab rank`, src/analysis/rank/claims.ts) and about
// ImageNet accuracy against MobileNetV2/EfficientNet at equal FLOPs, and the study has
// no such twin. It is judged with the other residual families against the plain twin.
import { mean } from '../../util/stats.js';
import type { VariantRow, VariantSeedRun } from './study.js';
import type { RuledClaim as Claim, Verdict } from '../claims.js';
import { differenceOfMeans, meanAbove, resolvedSign, describeDifference, shortDifference, THREE_SE_RULE, type SeedDifference } from './threeSe.js';
import { smoothRise, SMOOTH_RISE_RULE } from '../smoothRise.js';

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** Per-seed test accuracy in percent. */
const accuracies = (r: VariantRow) => r.seeds.map((s) => 100 * s.testAccuracy);
/** Per-seed mean training loss over the second half of epoch 1. */
const lateLosses = (r: VariantRow) => r.seeds.map((s) => mean(s.firstEpochTenths.slice(Math.floor(s.firstEpochTenths.length / 2))));
/** Per-seed mean rise (pp) when one non-downsampling block is deleted, seeds without one left out. */
const singleRises = (r: VariantRow) => r.seeds.map((s) => s.lesion.singleMean).filter((x): x is number => x !== null);

/** "seeds 1, 2, 3" of the rows a claim compares (the union, in order). */
function seedsOf(...rows: VariantRow[]): string {
  const ids = [...new Set(rows.flatMap((r) => r.seeds.map((s) => s.seed)))].sort((a, b) => a - b);
  return `seed${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
}

/** A difference's verdict when its sign alone decides: + reproduced, − not reproduced. */
const bySign = (d: SeedDifference): Verdict => (['not reproduced', 'too small to tell', 'reproduced'] as const)[resolvedSign(d) + 1];

/**
 * "x beats every other" over pairwise differences (x minus each rival, larger = better for
 * x): reproduced when every difference is resolved in x's favour, not reproduced when any
 * is resolved against x, partly when some are for x and the rest unresolved.
 */
function beatsAll(ds: SeedDifference[]): Verdict {
  const signs = ds.map(resolvedSign);
  if (signs.every((s) => s === 1)) return 'reproduced';
  if (signs.some((s) => s === -1)) return 'not reproduced';
  return signs.some((s) => s === 1) ? 'partly' : 'too small to tell';
}

/** Per-seed error (%) at each k of the row's mean curve. */
function seedCurve(s: VariantSeedRun, ks: number[]): number[] | null {
  const es = ks.map((k) => s.lesion.k.find((p) => p.k === k)?.error);
  return es.every((e): e is number => e !== undefined) ? es : null;
}

export function judgeClaims(rows: VariantRow[]): Claim[] {
  const by = (n: string) => rows.find((r) => r.name === n);
  const claims: Claim[] = [];
  const rule = (text: string) => `${text}; ${THREE_SE_RULE}`;
  const na = (id: string, claim: string, source: string, r: string, missing: string) =>
    claims.push({ id, claim, source, rule: rule(r), verdict: 'too small to tell', evidence: `needs ${missing} in the study` });

  const v1 = by('resnet_v1'), plain = by('plain'), sd = by('stochastic'), fractal = by('fractalnet');
  const preacts = ['a', 'b', 'c', 'd', 'e'].map((a) => by(`preact_${a}`));

  {
    const id = 'residual-beats-plain', claim = 'a ResNet beats its plain twin of the same depth', source = 'He et al. 2016 (CVPR)';
    const r = 'resnet_v1 mean test accuracy minus plain\'s: reproduced when above 0, not reproduced when below';
    if (!v1 || !plain) na(id, claim, source, r, 'resnet_v1 and plain');
    else {
      const d = differenceOfMeans(accuracies(v1), accuracies(plain));
      claims.push({ id, claim, source, rule: rule(r), verdict: bySign(d), evidence: `resnet_v1 ${pct(v1.accuracy.mean)} vs plain ${pct(plain.accuracy.mean)}: ${describeDifference(d)}; ${seedsOf(v1, plain)}` });
    }
  }
  {
    const id = 'all-residual-beat-plain', claim = 'every residual family beats the plain twin', source = 'papers.md (all families)';
    const r = 'each residual variant\'s mean accuracy (all but plain and FractalNet, which has no shortcuts) minus plain\'s: reproduced when every one is above, partly when at least half are, not reproduced when at least half are below, else too small to tell';
    const others = rows.filter((x) => x.name !== 'plain' && x.name !== 'fractalnet');
    if (!plain || others.length === 0) na(id, claim, source, r, 'plain and residual variants');
    else {
      const ds = others.map((x) => ({ name: x.name, d: differenceOfMeans(accuracies(x), accuracies(plain)) }));
      const above = ds.filter((x) => resolvedSign(x.d) === 1).map((x) => x.name);
      const below = ds.filter((x) => resolvedSign(x.d) === -1).map((x) => x.name);
      const unresolved = ds.filter((x) => resolvedSign(x.d) === 0).map((x) => x.name);
      const n = others.length;
      const verdict: Verdict = above.length === n ? 'reproduced' : above.length * 2 >= n ? 'partly' : below.length * 2 >= n ? 'not reproduced' : 'too small to tell';
      const list = (label: string, names: string[]) => (names.length ? `; ${label}: ${names.join(', ')}` : '');
      const each = ds.map((x) => `${x.name} ${shortDifference(x.d)}`).join(', ');
      claims.push({
        id, claim, source, rule: rule(r), verdict,
        evidence: `${above.length}/${n} above plain (${pct(plain.accuracy.mean)}) by ≥ 3 SE${list('below', below)}${list('within 3 SE', unresolved)}; minus plain: ${each}; ${seedsOf(plain, ...others)}`,
      });
    }
  }
  {
    const id = 'preact-e-best', claim: string = 'full pre-activation (e) trains best of the arrangements (a)–(e)', source = 'He et al. 2016 (ECCV), Fig. 4 / Table 2';
    const r = '(e)\'s mean test accuracy minus each of (a)–(d)\'s: reproduced when all four are above 0, not reproduced when any is below, partly when some are above and the rest unresolved';
    if (preacts.some((p) => !p)) na(id, claim, source, r, 'preact_a … preact_e');
    else {
      const [e, ...rest] = [preacts[4]!, ...(preacts.slice(0, 4) as VariantRow[])];
      const ds = rest.map((x) => differenceOfMeans(accuracies(e), accuracies(x)));
      claims.push({ id, claim, source, rule: rule(r), verdict: beatsAll(ds), evidence: `(e) ${pct(e.accuracy.mean)} minus ${rest.map((x, i) => `(${x.name.slice(-1)}) ${describeDifference(ds[i])}`).join('; ')}; ${seedsOf(...(preacts as VariantRow[]))}` });
    }
  }
  {
    const id = 'preact-b-slow', claim = '(b), BN after the addition, starts slowest (highest training loss early on)', source = 'He et al. 2016 (ECCV), Fig. 6';
    // The second half of the epoch: the first tenths mostly show the initial logit scale
    // (arrangement (c) adds only non-negative branches, so it starts highest), not how fast
    // the loss falls.
    const r = "(b)'s mean training loss over the second half of epoch 1 minus each of (a), (c), (d), (e)'s: reproduced when all four are above 0, not reproduced when any is below, partly when some are above and the rest unresolved";
    if (preacts.some((p) => !p)) na(id, claim, source, r, 'preact_a … preact_e');
    else {
      const b = preacts[1]!;
      const rest = (preacts as VariantRow[]).filter((x) => x !== b);
      const ds = rest.map((x) => differenceOfMeans(lateLosses(b), lateLosses(x)));
      claims.push({ id, claim, source, rule: rule(r), verdict: beatsAll(ds), evidence: `(b) ${mean(lateLosses(b)).toFixed(3)} minus ${rest.map((x, i) => `(${x.name.slice(-1)}) ${describeDifference(ds[i], '', 3)}`).join('; ')}; ${seedsOf(...(preacts as VariantRow[]))}` });
    }
  }
  {
    const id = 'lesion-single-resnet', claim = 'deleting one non-downsampling block barely changes a ResNet', source = 'Veit et al. 2016, Lesion 1';
    const r = 'resnet_v1 mean rise in error when one block is deleted, against 2 pp and 10 pp: reproduced when below 2, partly when above 2 and below 10, not reproduced when above 10';
    const rises = v1 ? singleRises(v1) : [];
    if (!v1 || rises.length === 0) na(id, claim, source, r, 'resnet_v1');
    else {
      const d2 = meanAbove(rises, 2), d10 = meanAbove(rises, 10);
      const [s2, s10] = [resolvedSign(d2), resolvedSign(d10)];
      const verdict: Verdict = s2 === -1 ? 'reproduced' : s2 === 1 && s10 === -1 ? 'partly' : s10 === 1 ? 'not reproduced' : 'too small to tell';
      claims.push({ id, claim, source, rule: rule(r), verdict, evidence: `resnet_v1 rise ${mean(rises).toFixed(2)} pp from ${v1.baselineError.toFixed(2)} % error; minus 2 pp: ${describeDifference(d2)}; minus 10 pp: ${describeDifference(d10)}; ${seedsOf(v1)}` });
    }
  }
  {
    const id = 'lesion-single-plain', claim = 'a plain net collapses towards chance when one layer is deleted', source = 'Veit et al. 2016, Lesion 1';
    const r = 'plain: per seed, the mean rise after one deletion minus half the distance from its baseline to chance: reproduced when above 0; else partly when the plain rise minus 3× resnet_v1\'s is above 0, not reproduced when both are below; n/a when the intact plain net is within 5 pp of chance';
    const rises = plain ? singleRises(plain) : [];
    if (!plain || rises.length === 0) na(id, claim, source, r, 'plain');
    // A plain net that never left chance cannot collapse towards it: the budget was too small to test the claim.
    else if (plain.chance - plain.baselineError < 5) claims.push({ id, claim, source, rule: rule(r), verdict: 'too small to tell', evidence: `the intact plain net is at chance (${plain.baselineError.toFixed(2)} % error, chance ${plain.chance.toFixed(0)} %)` });
    else {
      const half = meanAbove(plain.seeds.filter((s) => s.lesion.singleMean !== null).map((s) => s.lesion.singleMean! - 0.5 * (s.lesion.chance - s.lesion.baseline)));
      const v1Rises = v1 ? singleRises(v1) : [];
      const bigger = v1Rises.length ? differenceOfMeans(rises, v1Rises.map((x) => 3 * x)) : null;
      const [sh, sb] = [resolvedSign(half), bigger ? resolvedSign(bigger) : 0];
      const verdict: Verdict = sh === 1 ? 'reproduced' : sh === -1 && sb === 1 ? 'partly' : sh === -1 && sb === -1 ? 'not reproduced' : 'too small to tell';
      claims.push({
        id, claim, source, rule: rule(r), verdict,
        evidence: `plain rise ${mean(rises).toFixed(2)} pp from ${plain.baselineError.toFixed(2)} % (chance ${plain.chance.toFixed(0)} %); minus half-way: ${describeDifference(half)}${bigger ? `; minus 3× resnet_v1's: ${describeDifference(bigger)}` : ''}; ${seedsOf(plain, ...(v1 ? [v1] : []))}`,
      });
    }
  }
  {
    const id = 'lesion-k-smooth', claim = 'a ResNet\'s error grows smoothly with the number k of deleted blocks', source = 'Veit et al. 2016, Lesion 2';
    const r = `resnet_v1, ${SMOOTH_RISE_RULE}`;
    const ks = v1?.kCurve.map((p) => p.k) ?? [];
    const curves = v1 ? v1.seeds.map((s) => seedCurve(s, ks)).filter((c): c is number[] => c !== null) : [];
    if (!v1 || ks.length < 3 || curves.length === 0) na(id, claim, source, r, 'resnet_v1 with 3 or more k values');
    else {
      const { rise, margin, verdict } = smoothRise(curves);
      const c = v1.kCurve;
      claims.push({ id, claim, source, rule: rule(r), verdict, evidence: `k = ${c.map((p) => p.k).join(',')}: ${c.map((p) => p.error.toFixed(1)).join(', ')} %; rise ${describeDifference(rise)}; margin ${describeDifference(margin)}; ${seedsOf(v1)}` });
    }
  }
  {
    const id = 'stochastic-depth-helps', claim = 'stochastic depth lowers the test error of the same ResNet', source = 'Huang et al. 2016 (ECCV)';
    const r = 'stochastic mean test accuracy minus resnet_v1\'s: reproduced when above 0, not reproduced when below; the paper trains 500 epochs';
    if (!v1 || !sd) na(id, claim, source, r, 'resnet_v1 and stochastic');
    else {
      const d = differenceOfMeans(accuracies(sd), accuracies(v1));
      claims.push({ id, claim, source, rule: rule(r), verdict: bySign(d), evidence: `stochastic ${pct(sd.accuracy.mean)} vs resnet_v1 ${pct(v1.accuracy.mean)}: ${describeDifference(d)}; ${seedsOf(sd, v1)}` });
    }
  }
  {
    const id = 'fractal-anytime', claim = 'a FractalNet\'s deeper column alone answers better than its shallowest (the anytime property)', source = 'Larsson et al. 2017 (ICLR): the anytime property';
    const r = 'fractalnet, per seed: the shallowest column\'s error (only it kept) minus the deepest column\'s: reproduced when above 0, not reproduced when below';
    const cols = fractal ? fractal.seeds.map((s) => s.lesion.columns).filter((c): c is NonNullable<typeof c> => Boolean(c && c.columns.length >= 2)) : [];
    if (!fractal || cols.length === 0) na(id, claim, source, r, 'fractalnet with its column lesion');
    else {
      const d = meanAbove(cols.map((c) => c.columns[0].error - c.columns[c.columns.length - 1].error));
      const each = fractal.columnErrors!.map((c) => `column ${c.column + 1} ${c.error.toFixed(2)} %`).join(', ');
      claims.push({ id, claim, source, rule: rule(r), verdict: bySign(d), evidence: `full net ${mean(cols.map((c) => c.baseline)).toFixed(2)} %, ${each}; shallowest minus deepest: ${describeDifference(d)}; ${seedsOf(fractal)}` });
    }
  }
  return claims;
}
