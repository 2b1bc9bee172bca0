// The contest section of the report (`reslab report --contest DIR`): contest.json read with
// clear errors, every rank table, CD diagram, per-world dot plot and the pair's chart on the
// page, and the finding sentences exactly the contest's verdicts, flipping with the numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContest, reportData, renderReport, FormatError } from '../../src/report/index.js';
import { contestSections } from '../../src/report/sections/contest.js';
import { escapeHtml } from '../../src/report/escape.js';
import { pairVerdict, rankVerdict } from '../../src/eval/verdict.js';
import { contestResult, writeContestDir, CONTEST_METHODS } from './contestFixture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'reslab-report-contest-'));

test('loadContest reads contest.json as written (NaN intervals come back as NaN, not 0)', () => {
  const dir = tmp();
  try {
    const c = loadContest(writeContestDir(dir));
    const want = contestResult();
    assert.deepEqual(c.methods, CONTEST_METHODS);
    assert.deepEqual(c.ranks.map((r) => r.methods), want.ranks.map((r) => r.methods));
    assert.deepEqual(c.ranks[0]!.cliques, want.ranks[0]!.cliques);
    assert.equal(c.perWorld.length, 16);
    const z = c.perWorld.find((r) => r.method === 'zscore')!;
    assert.ok(Number.isNaN(z.caught5Ci.lo) && Number.isNaN(z.caught5Ci.hi));
    assert.equal(c.versus?.wilcoxon?.pValue, want.versus!.wilcoxon!.pValue);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadContest names the file and the field at fault', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'contest.json');
    assert.throws(() => loadContest(join(dir, 'nowhere')), /nowhere: file not found/);
    writeContestDir(dir, (j) => { (j.ranks as { metric: string }[])[1]!.metric = 'rocAuc'; });
    assert.throws(() => loadContest(dir), (e: Error) => e instanceof FormatError && e.message.startsWith(file) && /field 'ranks\[1\]\.metric' must be one of prAuc, caught5/.test(e.message));
    writeContestDir(dir, (j) => { delete (j.perWorld as Record<string, unknown>[])[3]!.prAuc; });
    assert.throws(() => loadContest(dir), /field 'perWorld\[3\]\.prAuc' is required/);
    writeContestDir(dir, (j) => { (j.perWorld as { method: string }[])[0]!.method = 'ghost'; });
    assert.throws(() => loadContest(dir), /field 'perWorld\[0\]\.method' must be one of the contest's methods/);
    writeContestDir(dir, (j) => { (j.ranks as { averageRanks: number[] }[])[0]!.averageRanks.pop(); });
    assert.throws(() => loadContest(dir), /'ranks\[0\]\.averageRanks' must have one entry per method/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the contest section: rank tables in rank order, a CD diagram per metric, per-world dot plots, the pair, a how-to-read under each chart', async () => {
  const c = contestResult();
  const sections = await contestSections(c);
  assert.deepEqual(sections.map((s) => s.id), ['contest', 'contest-worlds', 'contest-versus']);
  const blocks = sections.flatMap((s) => s.blocks);
  const charts = blocks.filter((b) => b.kind === 'chart');
  assert.deepEqual(charts.map((b) => b.alt), ['Critical-difference diagram: PR-AUC', 'Critical-difference diagram: share of insiders caught at 5 alerts/day', 'PR-AUC per world', 'Share of insiders caught at 5 alerts/day per world', 'mlp-best − mlp-best-plain: paired difference per world']);
  blocks.forEach((b, i) => {
    if (b.kind === 'chart') assert.match((blocks[i + 1] as { text?: string }).text ?? '', /^How to read this: /, `a how-to-read paragraph follows "${b.alt}"`);
  });
  const tables = blocks.filter((b) => b.kind === 'table');
  for (const [i, t] of c.ranks.entries()) assert.deepEqual(tables[i]!.rows.map((r) => r[1]), t.methods, 'rank table in order of average rank');
  const texts = blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
  for (const t of c.ranks) assert.ok(texts.includes(rankVerdict(t)), 'the rank verdict is the contest\'s own sentence');
  assert.ok(texts.includes(pairVerdict(c.versus!)));
  // The CD diagram draws one bar per clique of two or more methods and the CD bar.
  const cd = charts[0]!.spec as { layer: { mark: { type: string; strokeWidth?: number }; data: { values: unknown[] } }[] };
  const thick = cd.layer.filter((l) => l.mark.type === 'rule' && l.mark.strokeWidth === 5);
  assert.equal(thick[0]?.data.values.length ?? 0, c.ranks[0]!.cliques.filter((g) => g.length > 1).length);
  // Per world, methods are drawn best first by PR-AUC (the dot plot sorts each panel by value).
  const dots = charts[2]!.spec as { spec: { layer: { encoding?: { y?: { sort?: unknown } } }[] }; resolve: unknown };
  assert.deepEqual(dots.spec.layer.at(-1)!.encoding!.y!.sort, { field: 'value', op: 'max', order: 'descending' });
  assert.deepEqual(dots.resolve, { scale: { y: 'independent' } });
});

test('the verdict follows the numbers: a Friedman p under 0.05 turns "too small to tell" into a lead', async () => {
  const c = contestResult();
  const t = c.ranks[0]!;
  const html = async () => (await renderReport(reportData({ title: 'x', runs: [], contest: c }))).html;
  t.friedman = { ...t.friedman!, pValue: 0.5 };
  const before = await html();
  assert.ok(before.includes(escapeHtml(rankVerdict(t))) && /too small to tell/.test(rankVerdict(t)));
  t.friedman = { ...t.friedman, pValue: 0.001 };
  const after = await html();
  assert.ok(after.includes(escapeHtml(rankVerdict(t))));
  assert.notEqual(rankVerdict(t), rankVerdict({ ...t, friedman: { ...t.friedman, pValue: 0.5 } }));
});

test('reslab report --contest DIR writes a report from a contest alone', { timeout: 120_000 }, () => {
  const dir = tmp();
  try {
    writeContestDir(join(dir, 'contest'));
    const out = join(dir, 'report.html');
    const r = spawnSync(process.execPath, ['bin/reslab.js', 'report', '--contest', join(dir, 'contest'), '--out', out, '--json'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.deepEqual(result.sections, ['contest', 'contest-worlds', 'contest-versus']);
    assert.equal(result.contest, 4);
    assert.equal((readFileSync(out, 'utf8').match(/<figure /g) ?? []).length, result.charts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
