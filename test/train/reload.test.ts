// A finished run, reloaded, is the model its result.json reports: the scores it gives the
// run's own validation and test rows are exactly those in predictions.parquet, and a lesion
// study that removes nothing measures the run's test PR-AUC. Checked for the recipes whose
// final weights are not simply members/K/best.safetensors' early-stopped ones (--refit,
// --linear-first, both), for TabM-style efficient ensembles (--members), whose config
// rebuilds k members in one network, for the numeric embeddings (--embed), whose PLE
// edges are fitted state, and for the two-tower history recipes, whose model reads the
// timeline layout (a [days, channels, features] input) rather than a flat row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '../../src/data/cert/duck.js';
import { lit } from '../../src/data/cert/sql.js';
import { loadFeatureMatrix } from '../../src/data/cert/matrix.js';
import { loadRun, splitOf } from '../../src/rundir/index.js';
import { bindSaved } from '../../src/train/data.js';
import { makeSplit } from '../../src/train/split.js';
import { ensembleScores } from '../../src/train/score.js';
import { reslab, json, tinyReleaseFeatures } from '../helpers/cli.js';


let dir = '';
let features = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'reslab-reload-'));
  features = tinyReleaseFeatures(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function savedScores(run: string): Promise<Map<string, number>> {
  const duck = await Duck.open({ threads: 1, memoryLimit: '256MB', tempDir: join(dir, 'duck') });
  try {
    const rows = await duck.rows<{ user: string; day: string; split: string; score: number }>(`SELECT "user", CAST("day" AS VARCHAR) AS "day", split, score FROM read_parquet(${lit(join(run, 'predictions.parquet'))})`);
    return new Map(rows.map((r) => [`${r.split} ${r.user} ${r.day}`, r.score]));
  } finally {
    duck.close();
  }
}

async function reloadedScores(runDir: string): Promise<Map<string, number>> {
  const run = loadRun(runDir);
  const matrix = await loadFeatureMatrix(run.config.features);
  const layout = bindSaved(matrix, run.prep, run.layout);
  const split = makeSplit({ user: matrix.user, time: matrix.time, insider: matrix.insider }, splitOf(run.config));
  const out = new Map<string, number>();
  try {
    for (const [name, rows] of [['val', split.val], ['test', split.test]] as const) {
      const s = ensembleScores(run.models, run.config.mode ?? 'supervised', layout, rows);
      rows.forEach((r, i) => out.set(`${name} ${matrix.users[matrix.user[r]]} ${new Date(matrix.time[r] * 86_400_000).toISOString().slice(0, 10)}`, s[i]));
    }
  } finally {
    for (const m of run.models) m.dispose();
    layout.dispose();
  }
  return out;
}

const FLAT = ['--layout', 'flat'];
const recipes: [string, string[]][] = [
  ['--refit', [...FLAT, '--refit']],
  ['--linear-first', [...FLAT, '--model', 'detect_mlp_skip_resnet', '--linear-first']],
  ['--linear-first --refit', [...FLAT, '--model', 'detect_mlp_skip_resnet', '--linear-first', '--refit']],
  ['--members 4', [...FLAT, '--members', '4']],
  ['--members 4 --linear-first', [...FLAT, '--model', 'detect_mlp_skip_resnet', '--linear-first', '--members', '4']],
  // The PLE edges come back from layout.json, the embeddings' sizes from config.json.
  ['--embed ple', [...FLAT, '--embed', 'ple']],
  ['--embed periodic with the input shortcut', [...FLAT, '--model', 'detect_mlp_skip_resnet', '--embed', 'periodic']],
  ['--members 4 --embed ple', [...FLAT, '--members', '4', '--embed', 'ple']],
  ['--recipe history-2tower', ['--recipe', 'history-2tower', '--history-days', '8']],
  ['--recipe history-devconv-td', ['--recipe', 'history-devconv-td', '--history-days', '8']],
  // Members folded into the batch of a convolutional net and of the two-tower model.
  ['--layout grid --members 2', ['--layout', 'grid', '--members', '2']],
  ['--recipe history-2tower-k4', ['--recipe', 'history-2tower-k4', '--history-days', '8']],
];

for (const [what, flags] of recipes) {
  test(`a run trained with ${what} reloads to the scores in its predictions.parquet, and its lesion baseline is its test PR-AUC`, async () => {
    const run = join(dir, what.replace(/\W+/g, '_'));
    const t = json(reslab('train', '--features', features, '--split', 'user', '--epochs', '3', '--patience', '1', ...flags, '--out', run, '--quiet', '--json'));
    assert.ok(t.macs > 0 && t.params > 0);
    const saved = await savedScores(run);
    const reloaded = await reloadedScores(run);
    assert.equal(reloaded.size, saved.size);
    for (const [k, v] of saved) assert.equal(reloaded.get(k), v, k);
    // A run whose result.json does not list its members' weights (written before it did)
    // is reloaded by the config's recipe.
    const resultPath = join(run, 'result.json');
    const listed = readFileSync(resultPath, 'utf8');
    const unlisted = JSON.parse(listed);
    for (const m of unlisted.members) delete m.weights;
    writeFileSync(resultPath, JSON.stringify(unlisted));
    const again = await reloadedScores(run);
    for (const [k, v] of saved) assert.equal(again.get(k), v, k);
    writeFileSync(resultPath, listed);

    const result = JSON.parse(readFileSync(join(run, 'result.json'), 'utf8'));
    const lesion = json(reslab('lesion', '--run', run, '--mode', 'single', '--quiet', '--json'));
    assert.equal(lesion.baseline, result.test.averagePrecision);
    if (flags.includes('--members')) {
      // The path analysis differentiates the members' mean loss, as training does.
      const paths = json(reslab('paths', '--run', run, '--samples', '1', '--batch', '8', '--quiet', '--json'));
      assert.ok(paths.gradient.length > 1 && paths.gradient.every((g: { mean: number }) => Number.isFinite(g.mean) && g.mean > 0), JSON.stringify(paths.gradient));
    }
  });
}

test('reslab score with a two-tower history run: scores and per-domain reasons', () => {
  const run = join(dir, 'score-2tower');
  json(reslab('train', '--features', features, '--recipe', 'history-2tower', '--history-days', '8', '--split', 'user', '--epochs', '2', '--out', run, '--quiet', '--json'));
  const s = json(reslab('score', '--run', run, '--features', features, '--out', join(dir, 'scores-2tower.parquet'), '--top', '5', '--json'));
  assert.equal(s.top.length, 5);
  assert.ok(s.top[0].score >= s.top[4].score);
  assert.deepEqual(Object.keys(s.top[0].contributions).sort(), ['context', 'device', 'email', 'file', 'http', 'logon']);
});
