// `reslab train --members K` as a user runs it on a tiny generated release: the run is a
// TabM-style efficient ensemble (its config, method name and K-fold MACs say so), and
// `reslab score` scores new rows with it; --members is refused where it cannot apply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModel, profileModel } from '../../src/models/index.js';
import { reslab, json, tinyReleaseFeatures } from '../helpers/cli.js';


let dir = '';
let features = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'reslab-members-cli-'));
  features = tinyReleaseFeatures(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('reslab train --members 4 trains an efficient ensemble at 4 networks\' MACs; reslab score scores with it', () => {
  const run = join(dir, 'tabm');
  const t = json(reslab('train', '--features', features, '--layout', 'flat', '--split', 'user', '--epochs', '2', '--members', '4', '--out', run, '--json'));
  const cfg = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
  assert.equal(cfg.members, 4);
  assert.equal(cfg.method, 'detect_mlp_resnet · TabM k=4 · flat');
  const plain = createModel('detect_mlp_resnet', { input: cfg.inputShape });
  const one = profileModel(plain, cfg.inputShape).macs;
  plain.dispose();
  assert.ok(t.macs > 4 * one && t.macs < 4.1 * one, `${t.macs} MACs vs ${one} for one network`);
  assert.ok(t.test.overall.rocAuc >= 0 && t.test.overall.rocAuc <= 1);

  const s = json(reslab('score', '--run', run, '--features', features, '--out', join(dir, 'scores.parquet'), '--top', '5', '--json'));
  assert.equal(s.top.length, 5);
  assert.ok(s.top.every((a: { score: number }) => a.score > 0 && a.score < 1), 'probabilities');
  assert.ok(s.top[0].score >= s.top[4].score);
  assert.deepEqual(Object.keys(s.top[0].contributions).sort(), ['context', 'device', 'email', 'file', 'http', 'logon']);
});

test('--members is refused for a convolutional model and below 1', () => {
  const conv = reslab('train', '--features', features, '--layout', 'grid', '--split', 'user', '--epochs', '1', '--members', '4', '--out', join(dir, 'grid'));
  assert.equal(conv.status, 1);
  assert.match(conv.stderr, /efficient ensembles \(TabM\) are built for the MLP models .*detect_grid_resnet is a resnet/);
  const zero = reslab('train', '--features', features, '--layout', 'flat', '--members', '0', '--out', join(dir, 'zero'));
  assert.equal(zero.status, 2);
  assert.match(zero.stderr.split('\n')[0]!, /--members must be 1 or more, got 0/);
});
