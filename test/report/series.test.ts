// Every chart the report builds, for the tiny fixtures and for a contest, keeps its series
// apart: no two share colour and shape (or dash), no legend holds more than eight; methods
// come in the order of the headline metric; residual models are filled, the others hollow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuns, loadCompare, loadAnalysis, reportData, type ReportData } from '../../src/report/index.js';
import { buildSections } from '../../src/report/sections.js';
import { seriesStyles, legendGroups, methodKind, twinOf } from '../../src/report/charts/index.js';
import { writeFixture, writeCompareFile } from './fixture.js';
import { contestResult } from './contestFixture.js';
import { seriesProblems } from './seriesCheck.js';

async function chartSpecs(d: ReportData) {
  const sections = await buildSections(d);
  return sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'chart' ? [b.spec] : [])));
}

function fixtureData(root: string): ReportData {
  const f = writeFixture(root);
  return reportData({ title: 't', runs: loadRuns(f.runs), compare: loadCompare(f.compare), analysis: f.analysis.map(loadAnalysis), contest: contestResult() });
}

test('every chart of the fixture report and of the contest section keeps its series apart', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-report-series-'));
  try {
    const specs = await chartSpecs(fixtureData(root));
    assert.ok(specs.length >= 20, `charts checked: ${specs.length}`);
    assert.deepEqual(specs.flatMap(seriesProblems), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the checker itself catches twelve methods on an eight-colour palette', async () => {
  const order = Array.from({ length: 12 }, (_, i) => `m${i}`);
  const spec = { title: { text: 'bad' }, layer: [{ data: { values: order.map((series) => ({ series, x: 0, y: 0 })) }, mark: 'line', encoding: { color: { field: 'series', type: 'nominal', sort: order } } }] };
  const problems = seriesProblems(spec);
  assert.ok(problems.some((p) => /12 series in one legend/.test(p.problem)));
  assert.ok(problems.some((p) => /'m8' and 'm0' share colour and shape/.test(p.problem)));
});

test('twelve methods: curves split into legends of at most eight, family first; styles stay distinct', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-report-many-'));
  try {
    const f = writeFixture(root);
    // Eight more baselines under other names, to pass the palette's eight.
    const extra = Array.from({ length: 4 }, (_, i) => loadCompare(writeCompareFile(join(root, `more${i}.json`))).map((r) => ({ ...r, name: `${r.name} v${i}`, method: `${r.method} v${i}` }))).flat();
    const d = reportData({ title: 't', runs: loadRuns(f.runs), compare: [...loadCompare(f.compare), ...extra] });
    assert.equal(d.comparison!.length, 12);
    const specs = await chartSpecs(d);
    assert.deepEqual(specs.flatMap(seriesProblems), []);
    const titles = specs.map((s) => (s as { title: { text: string } }).title.text);
    assert.ok(titles.includes('ROC curve (test split) — residual models and plain twins'));
    assert.ok(titles.some((t) => t.startsWith('ROC curve (test split) — baselines')));
    const styles = seriesStyles(d.comparison!.map((r) => r.method));
    assert.equal(new Set(styles.map((s) => `${s.color}|${s.shape}`)).size, 12);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('methods are drawn in order of PR-AUC, residual filled, the plain twin hollow in its model\'s colour', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-report-order-'));
  try {
    const d = reportData({ title: 't', runs: loadRuns(writeFixture(root).runs), compare: loadCompare(join(root, 'baselines.json')) });
    const byPr = [...d.comparison!].sort((a, b) => b.prAuc.mean - a.prAuc.mean).map((r) => r.method);
    assert.deepEqual(d.comparison!.map((r) => r.method), byPr, 'the table');
    assert.deepEqual(d.curves!.map((c) => c.method), byPr.filter((m) => d.curves!.some((c) => c.method === m)), 'the curves');
    assert.deepEqual(d.alerts!.map((c) => c.method), byPr.filter((m) => d.alerts!.some((c) => c.method === m)), 'the alerts');
    const [resnet, plain] = ['tabular_resnet2d · grid', 'tabular_plain2d · grid'];
    assert.equal(methodKind(resnet), 'residual');
    assert.equal(twinOf(plain, byPr), resnet);
    const s = seriesStyles(byPr);
    const [r, p] = [s.find((x) => x.series === resnet)!, s.find((x) => x.series === plain)!];
    assert.equal(r.filled, true);
    assert.equal(p.filled, false);
    assert.equal(p.color, r.color);
    assert.notEqual(p.shape, r.shape);
    assert.equal(s.find((x) => x.series === 'logistic regression')!.filled, false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('legend groups: up to eight in one chart, otherwise family and baselines in balanced chunks of at most eight', () => {
  assert.deepEqual(legendGroups(['a', 'b']), [{ methods: ['a', 'b'], label: '' }]);
  const order = ['mlp', 'mlp-plain', ...Array.from({ length: 10 }, (_, i) => `b${i}`)];
  const g = legendGroups(order);
  assert.deepEqual(g.map((x) => x.methods.length), [2, 5, 5]);
  assert.deepEqual(legendGroups(['mlp', 'mlp-plain', ...Array.from({ length: 17 }, (_, i) => `b${i}`)]).map((x) => x.methods.length), [2, 6, 6, 5]);
  assert.deepEqual(g[0]!.methods, ['mlp', 'mlp-plain']);
});
