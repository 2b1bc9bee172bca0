// The run-directory loader: reads the trainer's files, groups seeds into methods, and
// when something is wrong names the file (and line) and the field, and says what it wanted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRun, loadCompare, loadAnalysis, methodOf } from '../../src/report/load.js';
import { reportData } from '../../src/report/summarize.js';
import { writeRunDir, writeFixture, writeCompareFile } from './fixture.js';

function withDir(fn: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-report-load-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const edit = (file: string, f: (v: Record<string, any>) => void) => {
  const v = JSON.parse(readFileSync(file, 'utf8'));
  f(v);
  writeFileSync(file, JSON.stringify(v));
};

test('a run directory in the trainer\'s format loads: the evaluator\'s report, ensemble members in metrics.jsonl', () =>
  withDir((dir) => {
    writeRunDir(dir, { model: 'tabular_resnet2d', layout: 'grid', seed: 3, strength: 4, epochs: 5, members: 2 });
    const r = loadRun(dir);
    assert.equal(r.name, 'tabular_resnet2d · grid · seed 3');
    assert.equal(r.method, 'tabular_resnet2d · grid');
    assert.equal(r.members!.length, 2);
    assert.equal(r.epochs.length, 5);
    assert.ok(r.test!.rocAuc > 0.5);
    assert.deepEqual(Object.keys(r.test!.detectionRate), ['0.01', '0.05']);
    assert.deepEqual(Object.keys(r.test!.budgets), ['5', '10', '20']);
    assert.equal(r.test!.budgets['5'].insidersTotal, 17);
    assert.deepEqual(Object.keys(r.test!.perScenario), ['1', '2', '3']);
    assert.match(r.test!.perScenarioMeasure, /detection rate at 5 % FPR/);
    const d = reportData({ title: 't', runs: [r] });
    assert.deepEqual(d.training!.map((t) => t.name), ['tabular_resnet2d · grid · seed 3 · member 0', 'tabular_resnet2d · grid · seed 3 · member 1']);
    assert.ok(d.comparison![0].drAt5!.mean > 0);
  }));

test('a run directory in the flat format loads: name, method, seed, epochs, test metrics, curves, alerts, dataset', () =>
  withDir((dir) => {
    writeRunDir(dir, { model: 'tabular_resnet2d', layout: 'grid', seed: 3, strength: 4, epochs: 5, flat: true, name: 'grid tabular_resnet2d (seed 3)' });
    const r = loadRun(dir);
    assert.equal(r.name, 'grid tabular_resnet2d (seed 3)');
    assert.equal(r.method, 'grid tabular_resnet2d');
    assert.equal(r.seed, 3);
    assert.equal(r.macs, 2_400_000);
    assert.equal(r.epochs.length, 5);
    assert.equal(r.epochs[0].epoch, 1);
    assert.ok(r.test!.rocAuc > 0.5 && r.test!.averagePrecision > 0);
    assert.ok(r.test!.detectionRate['0.05'] > 0);
    assert.equal(r.test!.budgets['5'].insidersTotal, 17);
    assert.equal(r.test!.perScenario['3'], 1, 'a scenario given as caught/total becomes a recall');
    assert.equal(r.roc!.fpr.length, r.roc!.tpr.length);
    assert.equal(r.alertsCurve!.length, 20);
    assert.equal(r.dataset!.users, 1000);
    assert.deepEqual(r.dataset!.extra, { split: 'le2020' });
    assert.ok(r.trainSeconds! > 5, 'train time is the sum of epoch seconds when result.json has none');
  }));

test('a run still training (no result.json) loads its curves only; an empty one is an error', () =>
  withDir((dir) => {
    writeRunDir(dir, { model: 'm', layout: 'grid', seed: 1, strength: 2 });
    unlinkSync(join(dir, 'result.json'));
    const r = loadRun(dir);
    assert.equal(r.test, undefined);
    assert.equal(r.epochs.length, 12);
    unlinkSync(join(dir, 'metrics.jsonl'));
    assert.throws(() => loadRun(dir), /has neither metrics\.jsonl nor result\.json/);
  }));

test('errors name the file and the field, and say what was expected', () =>
  withDir((dir) => {
    writeRunDir(dir, { model: 'm', layout: 'grid', seed: 1, strength: 2, flat: true });
    const result = join(dir, 'result.json');
    const config = join(dir, 'config.json');
    const cases: [string, (v: Record<string, any>) => void, RegExp][] = [
      [result, (v) => (v.test.rocAuc = 'high'), /result\.json: field 'test\.rocAuc' must be a number, got "high"/],
      [result, (v) => delete v.test.averagePrecision, /result\.json: field 'test\.averagePrecision' is required \(a number\), got nothing/],
      [result, (v) => delete v.test, /result\.json: field 'test' is required \(an object\)/],
      [result, (v) => (v.curves.roc.tpr = v.curves.roc.tpr.slice(1)), /result\.json: field 'curves\.roc\.tpr' must have as many entries as 'curves\.roc\.fpr'/],
      [result, (v) => (v.curves.pr.precision[7] = 'x'), /result\.json: field 'curves\.pr\.precision\[7\]' must be a number/],
      [result, (v) => (v.topAlerts[2].user = 42), /result\.json: field 'topAlerts\[2\]\.user' must be a string, got 42/],
      [result, (v) => (v.topAlerts[0].contributions.http = null), /^$/],
      [result, (v) => (v.alertsCurve = { k: 1 }), /result\.json: field 'alertsCurve' must be an array/],
      [result, (v) => (v.test.budgets['5'] = 3), /result\.json: field 'test\.budgets\.5' must be an object, got 3/],
      [result, (v) => (v.test.perScenario['2'] = {}), /result\.json: field 'test\.perScenario\.2\.recall' is required/],
      [config, (v) => delete v.model, /config\.json: field 'model' is required \(a string\)/],
      [config, (v) => (v.macs = '1M'), /config\.json: field 'macs' must be a number, got "1M"/],
    ];
    for (const [file, change, expected] of cases) {
      writeRunDir(dir, { model: 'm', layout: 'grid', seed: 1, strength: 2, flat: true });
      edit(file, change);
      if (expected.source === '^$') assert.doesNotThrow(() => loadRun(dir), 'null is read as absent (JSON writes NaN as null)');
      else assert.throws(() => loadRun(dir), (e: Error) => expected.test(e.message) && e.message.startsWith(file), `expected ${expected}`);
    }
    // The trainer's shape names its nested fields the same way.
    writeRunDir(dir, { model: 'm', layout: 'grid', seed: 1, strength: 2 });
    edit(result, (v) => (v.test.overall.detectionRateAtFpr[1].detectionRate = 'n/a'));
    assert.throws(() => loadRun(dir), /result\.json: field 'test\.overall\.detectionRateAtFpr\[1\]\.detectionRate' must be a number, got "n\/a"/);
    edit(result, (v) => (v.test.budgets.daily[0].k = null));
    assert.throws(() => loadRun(dir), /result\.json: field 'test\.budgets\.daily\[0\]\.k' is required/);
    writeFileSync(result, '{"name": ');
    assert.throws(() => loadRun(dir), (e: Error) => e.message.startsWith(`${result}: not valid JSON`));
    writeFileSync(result, '[1, 2]');
    assert.throws(() => loadRun(dir), /result\.json: expected a JSON object, got \[1,2\]/);
  }));

test('metrics.jsonl errors name the line', () =>
  withDir((dir) => {
    writeRunDir(dir, { model: 'm', layout: 'grid', seed: 1, strength: 2, epochs: 3 });
    const file = join(dir, 'metrics.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, [lines[0], lines[1].replace('"epoch":2', '"epoch":"two"'), lines[2]].join('\n'));
    assert.throws(() => loadRun(dir), (e: Error) => e.message === `${file}:2: field 'epoch' must be a number, got "two"`);
    writeFileSync(file, [lines[0], '{oops', lines[2]].join('\n'));
    assert.throws(() => loadRun(dir), new RegExp(`metrics\\.jsonl:2: not valid JSON`));
  }));

test('a missing directory or config.json is named', () =>
  withDir((dir) => {
    assert.throws(() => loadRun(join(dir, 'nope')), /nope: not a run directory/);
    assert.throws(() => loadRun(dir), /config\.json: file not found/);
  }));

test('comparison files and analysis directories load, with the same kind of errors', () =>
  withDir((dir) => {
    const file = writeCompareFile(join(dir, 'b.json'));
    const runs = loadCompare(file);
    assert.equal(runs.length, 4);
    assert.deepEqual([...new Set(runs.map((r) => r.method))], ['isolation forest', 'logistic regression']);
    edit(file, (v) => (v.results[1].test.rocAuc = null));
    assert.throws(() => loadCompare(file), /b\.json: field 'results\[1\]\.test\.rocAuc' is required/);
    writeFileSync(file, JSON.stringify([{ name: 'x' }]));
    assert.throws(() => loadCompare(file), /b\.json: field '\[0\]\.test' is required/);
    const f = writeFixture(join(dir, 'fx'));
    const a = loadAnalysis(f.analysis[0]);
    assert.equal(a.lesion!.single!.length, 18);
    assert.equal(a.paths!.lengths.length, 19);
    edit(join(f.analysis[1], 'rank.json'), (v) => (v.layers[4].rank = 'full'));
    assert.throws(() => loadAnalysis(f.analysis[1]), /rank\.json: field 'layers\[4\]\.rank' must be a number, got "full"/);
    assert.throws(() => loadAnalysis(join(dir, 'fx', 'runs')), /no analysis results \(expected any of lesion\.json/);
  }));

test('seeds of one method become one comparison row with mean ± sd', () =>
  withDir((dir) => {
    const f = writeFixture(dir);
    const d = reportData({ title: 't', runs: f.runs.map(loadRun), compare: loadCompare(f.compare) });
    // Best PR-AUC first, as in comparison.md (one aggregation, src/eval/compare.ts).
    assert.deepEqual(d.comparison!.map((r) => [r.method, r.runs]), [['tabular_resnet2d · grid', 2], ['tabular_plain2d · grid', 2], ['logistic regression', 2], ['isolation forest', 2]]);
    assert.ok(d.comparison!.every((r, i, a) => i === 0 || a[i - 1].prAuc.mean >= r.prAuc.mean));
    const res = d.comparison![0];
    const [a, b] = f.runs.slice(0, 2).map((r) => loadRun(r).test!.rocAuc);
    assert.ok(Math.abs(res.rocAuc!.mean - (a + b) / 2) < 1e-12);
    assert.ok(Math.abs(res.rocAuc!.sd - Math.abs(a - b) / Math.SQRT2) < 1e-12, 'sample sd over the seeds');
    assert.equal(d.training!.length, 4, 'one training curve per run, not per method');
    assert.equal(d.topAlerts!.method, 'tabular_resnet2d · grid', 'top alerts come from the best method by PR-AUC');
    assert.equal(d.alerts!.length, 4);
    assert.deepEqual(d.scenarios!.map((s) => s.method), ['tabular_resnet2d · grid', 'tabular_plain2d · grid'], 'one scenario chart holds one measure');
  }));

test('methodOf strips a trailing seed', () => {
  assert.equal(methodOf('grid ResNet (seed 1)'), 'grid ResNet');
  assert.equal(methodOf('grid ResNet, seed 12'), 'grid ResNet');
  assert.equal(methodOf('resnet · grid · ensemble of 3 · seed 2'), 'resnet · grid · ensemble of 3');
  assert.equal(methodOf('plain'), 'plain');
});
