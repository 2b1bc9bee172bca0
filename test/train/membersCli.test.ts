// `reslab train --members K` as a user runs it on a tiny generated release: the run is a
// TabM-style efficient ensemble (its config, method name and K-fold MACs say so), and
// `reslab score` scores new rows with it; the grid layout's convolutions take members too;
// --members below 1 is refused.
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

test('--members on the grid layout folds the members into the batch: K grid networks\' MACs; below 1 is refused', () => {
  const conv = json(reslab('train', '--features', features, '--layout', 'grid', '--split', 'user', '--epochs', '1', '--members', '2', '--out', join(dir, 'grid'), '--json'));
  const cfg = JSON.parse(readFileSync(join(dir, 'grid', 'config.json'), 'utf8'));
  assert.equal(cfg.method, 'detect_grid_resnet · TabM k=2 · grid');
  const plain = createModel('detect_grid_resnet', { input: cfg.inputShape });
  const one = profileModel(plain, cfg.inputShape).macs;
  plain.dispose();
  assert.ok(conv.macs > 2 * one && conv.macs < 2.2 * one, `${conv.macs} MACs vs ${one} for one network`);
  const zero = reslab('train', '--features', features, '--layout', 'flat', '--members', '0', '--out', join(dir, 'zero'));
  assert.equal(zero.status, 2);
  assert.match(zero.stderr.split('\n')[0]!, /--members must be 1 or more, got 0/);
});
