// train → score → baselines → compare as a user runs them, on a tiny generated release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindSaved } from '../../src/train/data.js';
import { fitPrepare } from '../../src/layout/prepare.js';
import { fitLayout } from '../../src/layout/layout.js';
import { toyMatrix } from './helpers.js';
import { reslab, json, tinyReleaseFeatures } from '../helpers/cli.js';


test('reslab train, score, baselines and compare on a tiny release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-train-cli-'));
  try {
    const features = tinyReleaseFeatures(dir);
    const run = join(dir, 'run');
    const t = json(reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '2', '--out', run, '--json'));
    assert.ok(t.macs > 0 && t.params > 0 && t.test.overall.rocAuc >= 0);
    for (const f of ['config.json', 'layout.json', 'metrics.jsonl', 'weights.safetensors', 'predictions.parquet', 'result.json']) assert.ok(existsSync(join(run, f)), f);
    assert.equal(readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2);

    const s = json(reslab('score', '--run', run, '--features', features, '--out', join(dir, 'scores.parquet'), '--top', '5', '--json'));
    assert.equal(s.top.length, 5);
    assert.ok(s.top[0].score >= s.top[4].score);
    assert.deepEqual(Object.keys(s.top[0].contributions).sort(), ['context', 'device', 'email', 'file', 'http', 'logon']);

    json(reslab('baselines', '--features', features, '--out', join(dir, 'bl'), '--only', 'zscore,random_forest', '--split', 'user', '--json'));
    json(reslab('baselines', '--features', features, '--out', join(dir, 'blq'), '--only', 'zscore', '--split', 'user', '--normalize', 'quantile', '--json'));
    assert.equal(JSON.parse(readFileSync(join(dir, 'blq', 'zscore', 'seed-1', 'result.json'), 'utf8')).method, 'zscore · rank-Gauss');
    assert.match(reslab('baselines', '--features', features, '--out', join(dir, 'blq'), '--normalize', 'rank').stderr, /--normalize must be one of robust, quantile, smooth, got 'rank'/);
    const c = json(reslab('compare', run, join(dir, 'bl'), '--out', join(dir, 'table.md'), '--json'));
    assert.deepEqual(c.rows.map((r: { method: string }) => r.method).sort(), ['detect_mlp_resnet · flat', 'random_forest', 'zscore']);
    assert.match(readFileSync(join(dir, 'table.md'), 'utf8'), /\| method \| runs \| ROC-AUC \| PR-AUC/);

    // Resuming a finished run changes nothing; other options are refused.
    const again = json(reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '2', '--out', run, '--resume', '--json'));
    assert.equal(again.test.overall.averagePrecision, t.test.overall.averagePrecision);
    const other = reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '3', '--out', run, '--resume');
    assert.equal(other.status, 1);
    assert.match(other.stderr, /made with other options/);

    // --refit: the chosen member is trained again on train+val for its best epoch count,
    // and that model (not the early-stopped one) is the run's.
    const refit = join(dir, 'refit');
    const r = json(reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '2', '--refit', '--out', refit, '--json'));
    const cfg = JSON.parse(readFileSync(join(refit, 'config.json'), 'utf8'));
    assert.equal(cfg.refit, true);
    assert.match(cfg.method, /refit on train\+val/);
    assert.ok(existsSync(join(refit, 'members', '0', 'refit', 'best.safetensors')));
    assert.deepEqual(readFileSync(join(refit, 'weights.safetensors')), readFileSync(join(refit, 'members', '0', 'refit', 'best.safetensors')));
    assert.notDeepEqual(readFileSync(join(refit, 'weights.safetensors')), readFileSync(join(refit, 'members', '0', 'best.safetensors')));
    assert.ok(r.members[0].bestEpoch >= 1 && r.members[0].bestEpoch <= 2);
    // Resuming the finished refit run gives the same numbers.
    const r2 = json(reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '2', '--refit', '--out', refit, '--resume', '--json'));
    assert.equal(r2.test.overall.averagePrecision, r.test.overall.averagePrecision);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reslab train --embed ple on a tiny release: edges in layout.json, the embedding in the MACs and the method, and reslab score reads it back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-train-embed-'));
  try {
    const features = tinyReleaseFeatures(dir, { users: 20, days: 30, insiders: 4, scenarios: '1,2' });
    const train = (name: string, ...flags: string[]) => json(reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '1', ...flags, '--out', join(dir, name), '--json'));
    const plain = train('plain');
    const t = train('ple', '--embed', 'ple');
    const run = join(dir, 'ple');
    const { prepare } = JSON.parse(readFileSync(join(run, 'layout.json'), 'utf8'));
    const f = prepare.inputs.length;
    assert.equal(prepare.ple.bins, 8);
    assert.equal(prepare.ple.edges.length, f);
    assert.deepEqual(t.inputShape, [f * 8]);
    assert.deepEqual(plain.inputShape, [f]);
    assert.ok(t.macs > plain.macs && t.params > plain.params);
    const cfg = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
    assert.equal(cfg.embed, 'ple');
    assert.deepEqual({ kind: cfg.embedSpec.kind, dim: cfg.embedSpec.dim, bins: cfg.embedSpec.bins }, { kind: 'ple', dim: 8, bins: 8 });
    assert.equal(cfg.method, 'detect_mlp_resnet · flat · PLE embedding');
    assert.ok(Number.isFinite(t.test.overall.rocAuc));
    const s = json(reslab('score', '--run', run, '--features', features, '--out', join(dir, 'scores.parquet'), '--top', '3', '--json'));
    assert.equal(s.top.length, 3);
    assert.ok(s.top.every((a: { score: number }) => Number.isFinite(a.score)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reslab train refuses an unknown --embed, and an embedding on a layout whose cells are not features', () => {
  const usage = (r: ReturnType<typeof reslab>, re: RegExp) => {
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr.split('\n')[0], re);
  };
  usage(reslab('train', '--features', 'x.parquet', '--out', 'nowhere', '--embed', 'spline'), /--embed must be one of none, ple, periodic, scale, got 'spline'/);
  usage(reslab('train', '--features', 'x.parquet', '--out', 'nowhere', '--layout', 'history', '--embed', 'periodic'), /the history layout's cells are not features/);
});

test('reslab baselines refuses what reslab train refuses: an unknown deviation kind, a number that is not one', () => {
  // A usage error: exit status 2, the error on stderr's first line, the usage after it.
  const oneLine = (r: ReturnType<typeof reslab>, re: RegExp) => {
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr.split('\n')[0], re);
  };
  for (const cmd of ['baselines', 'train']) {
    oneLine(reslab(cmd, '--features', 'x.parquet', '--out', 'nowhere', '--deviation', 'usr'), /--deviation must be a comma list of user, peer, got 'usr'/);
    oneLine(reslab(cmd, '--features', 'x.parquet', '--out', 'nowhere', '--train-period', 'NaN'), /--train-period must be a number, got 'NaN'/);
  }
});

test('scoring features that lack a column the run needs names the columns', () => {
  const m = toyMatrix();
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const prep = fitPrepare(m, rows);
  const spec = fitLayout('flat', prep, new Float32Array(0), rows);
  const fewer = { ...m, columns: m.columns.map((c) => (c === 'http_count_events_1' ? 'renamed' : c)) };
  assert.throws(() => bindSaved(fewer, prep, spec), /lack 1 column\(s\) the run needs: http_count_events_1/);
});
