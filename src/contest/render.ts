// contest.md: the rank tables (with the Friedman test, the critical difference and the
// groups it cannot separate), the chosen pair's paired test, and each world's table with
// bootstrap intervals. Every sentence that states a finding is computed from the numbers
// it sits beside (verdict.ts).
import type { ContestResult } from './run.js';
import { METRIC_TEXT, type RankTable, type WorldRow } from './aggregate.js';
import { pairVerdict, rankVerdict } from './verdict.js';
import type { Stat } from '../util/stats.js';
import { methodLabel, type TuningNote } from './tuned.js';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const ms = (s: Stat | null, d = 3) => (s ? (s.n > 1 ? `${s.mean.toFixed(d)} ± ${s.sd.toFixed(d)}` : s.mean.toFixed(d)) : '—');
const ci = (lo: number, hi: number, d = 3) => (Number.isFinite(lo) ? `[${lo.toFixed(d)}, ${hi.toFixed(d)}]` : '—');
const pval = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

function rankSection(t: RankTable, tuning?: Record<string, TuningNote>): string[] {
  const out = [`### Average rank by ${METRIC_TEXT[t.metric]} over ${t.worlds.length} world(s)`, ''];
  out.push('| rank | method | average rank |', '|---:|---|---:|');
  t.methods.forEach((m, i) => out.push(`| ${i + 1} | ${methodLabel(m, tuning)} | ${t.averageRanks[i]!.toFixed(2)} |`));
  out.push('');
  if (t.friedman) out.push(`Friedman χ² = ${t.friedman.chiSquare.toFixed(2)}, p = ${pval(t.friedman.pValue)}; Iman–Davenport F = ${f3(t.friedman.imanDavenportF)}, p = ${pval(t.friedman.imanDavenportP)}.`);
  if (t.criticalDifference !== null) {
    out.push(`Nemenyi critical difference at α = 0.05: ${t.criticalDifference.toFixed(2)} ranks. Groups that cannot be told apart: ${t.cliques.map((c) => `{${c.join(', ')}}`).join(' ') || 'none (every pair differs)'}.`);
  }
  out.push('', rankVerdict(t), '');
  return out;
}

function worldTable(rows: WorldRow[], tuning?: Record<string, TuningNote>): string[] {
  const out = [
    '| method | PR-AUC (95 % CI) | ROC-AUC | DR@1 % | DR@5 % | caught@5 share (95 % CI) | caught@20 share | user PR-AUC | MACs/user-day | fit s | epoch s |',
    '|---|---|---|---|---|---|---|---|---:|---:|---:|',
  ];
  for (const r of rows) {
    out.push(`| ${methodLabel(r.method, tuning)} | ${ms(r.prAuc)} ${ci(r.prAucCi.lo, r.prAucCi.hi)} | ${ms(r.rocAuc)} | ${ms(r.drAt1)} | ${ms(r.drAt5)} | ${ms(r.caught5, 2)} ${ci(r.caught5Ci.lo, r.caught5Ci.hi, 2)} | ${ms(r.caught20, 2)} | ${ms(r.userPrAuc)} | ${r.macs === null ? '—' : Math.round(r.macs).toLocaleString('en-US')} | ${r.fitSeconds ? f1(r.fitSeconds.mean) : '—'} | ${r.epochSeconds ? r.epochSeconds.mean.toFixed(2) : '—'} |`);
  }
  return out;
}

function tuningSection(tuning: Record<string, TuningNote> | undefined): string[] {
  if (!tuning) return [];
  const out = ['## Tuning', '', 'Tuned methods run at the settings a random search chose on a held-out world by validation PR-AUC (`reslab tune`); the others run at their defaults.', ''];
  out.push('| method | trials | tuned on | winner | validation PR-AUC | settings |', '|---|---:|---|---:|---:|---|');
  for (const [m, t] of Object.entries(tuning)) out.push(`| ${m} | ${t.trials} | ${t.world} | ${t.winnerTrial === 0 ? '0 (defaults)' : t.winnerTrial} | ${f3(t.valPrAuc)} | ${Object.entries(t.params).map(([k, v]) => `${k}=${v}`).join(', ') || 'defaults'} |`);
  out.push('');
  return out;
}

export function contestMarkdown(c: ContestResult): string {
  const out = [
    `# Contest: suite ${c.suite}`,
    '',
    `${c.worlds.length} world(s) × ${c.methods.length} method(s) × seeds ${c.seeds.join(', ')}; split le2020 (60 % of users for training). Figures are mean ± sd over seeds; intervals are 95 % bootstrap intervals of the seed mean, resampling test users.`,
    '',
    ...tuningSection(c.tuning),
    '## Ranks across worlds',
    '',
    ...c.ranks.flatMap((t) => rankSection(t, c.tuning)),
  ];
  if (c.versus) {
    const v = c.versus;
    out.push(`## ${v.a} against ${v.b}`, '');
    if (v.wilcoxon) out.push(`Over ${v.pairs} world × seed pairs (${METRIC_TEXT[v.metric]}): mean difference ${f3(v.meanDifference)}; wins/ties/losses ${v.wilcoxon.wins}/${v.wilcoxon.ties}/${v.wilcoxon.losses}; Wilcoxon signed-rank p = ${pval(v.wilcoxon.pValue)} (${v.wilcoxon.method}).`);
    out.push('', '| world | difference (seed mean) | paired 95 % CI |', '|---|---:|---|');
    for (const w of v.perWorld) out.push(`| ${w.world} | ${f3(w.difference)} | ${ci(w.ci.lo, w.ci.hi)} |`);
    out.push('', pairVerdict(v), '');
  }
  out.push('## Worlds', '');
  for (const w of c.worlds) {
    out.push(`### ${w.name}`, '', `${w.description}; ${w.rows.toLocaleString('en-US')} user-days, ${w.insiders} insiders; about ${f1(w.testInsiders)} insiders in each seed's test split.`, '');
    out.push(...worldTable(c.perWorld.filter((r) => r.world === w.name), c.tuning), '');
  }
  out.push(`Cells: ${c.cells.ran} run now, ${c.cells.cached} reused; ${c.seconds.toFixed(0)} s.`, '');
  return out.join('\n');
}
