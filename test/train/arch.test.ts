// A network's size as a run option (--width, --depth, --dropout; src/train/arch.ts): the
// run trains and reloads the sized network, its method name says so, the families without
// one width and depth refuse it, and the tuning space searches it where it applies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModel, profileModel } from '../../src/models/index.js';
import { archOverrides } from '../../src/train/arch.js';
import { spaceFor } from '../../src/tune/spaces.js';
import { resolveMethod } from '../../src/contest/methods.js';
import { loadRun } from '../../src/rundir/index.js';
import { reslab, json, tinyReleaseFeatures } from '../helpers/cli.js';

let dir = '';
let features = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'reslab-arch-'));
  features = tinyReleaseFeatures(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('--width 32 --depth 2 --dropout 0: the run trains that network, names it, and reloads it for scoring', () => {
  const run = join(dir, 'small');
  const t = json(reslab('train', '--features', features, '--recipe', 'mlp-best', '--split', 'user', '--epochs', '2', '--width', '32', '--depth', '2', '--dropout', '0', '--out', run, '--json'));
  const cfg = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
  assert.deepEqual([cfg.width, cfg.depth, cfg.dropout], [32, 2, 0]);
  assert.match(cfg.method, /^detect_mlp_resnet · width 32, depth 2, dropout 0 · flat/);
  const want = createModel('detect_mlp_resnet', { input: cfg.inputShape, overrides: { width: 32, hidden: 32, depth: 2, dropout: 0 } });
  assert.equal(t.params, profileModel(want, cfg.inputShape).params);
  want.dispose();
  const loaded = loadRun(run);
  assert.equal(loaded.models[0]!.numParameters(), t.params, 'the reloaded network has the trained one\'s size');
  for (const m of loaded.models) m.dispose();
  const s = json(reslab('score', '--run', run, '--features', features, '--out', join(dir, 'small.parquet'), '--top', '3', '--json'));
  assert.equal(s.top.length, 3);
});

test('sizes are refused for the grid and out of range, and searched for the MLP and two-tower recipes only', () => {
  const grid = reslab('train', '--features', features, '--layout', 'grid', '--width', '64', '--out', join(dir, 'grid'));
  assert.equal(grid.status, 2);
  assert.match(grid.stderr, /--width size the residual MLPs and the two-tower models; detect_grid_resnet is a resnet/);
  assert.throws(() => archOverrides('detect_mlp_resnet', { depth: 0 }), /--depth must be a whole number ≥ 1, got 0/);
  assert.throws(() => archOverrides('detect_mlp_resnet', { dropout: 1 }), /--dropout must be in \[0, 1\), got 1/);
  assert.deepEqual(archOverrides('detect_2tower_resnet', { width: 64 }), { width: 64 });
  for (const [name, sized] of [['mlp-best', true], ['history-2tower', true], ['grid', false]] as const) {
    const space = spaceFor(resolveMethod(name))!;
    assert.equal('width' in space && 'depth' in space && 'dropout' in space, sized, name);
  }
});
