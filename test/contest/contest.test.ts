// The contest on the quick suite, end to end: every world generated and extracted, every
// (world, method, seed) cell run once; a rerun reuses every cell; changing one method's
// options reruns only that method's cells. The tables hold what they claim: intervals
// around the seed means, ranks that follow from the per-world means, at least 15 test
// insiders per world.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContest } from '../../src/contest/run.js';
import { loadSuite } from '../../src/contest/suite.js';
import { averageRanks } from '../../src/eval/index.js';

test('quick suite: cells run once and are reused; one method\'s options rerun only its cells; ranks follow from the per-world means', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-contest-'));
  try {
    const base = { suite: loadSuite('quick'), methods: ['zscore', 'logistic'], seeds: [1, 2], out: join(dir, 'out'), worldsCache: join(dir, 'worlds'), versus: ['logistic', 'zscore'] as [string, string] };
    const first = await runContest(base);
    assert.deepEqual(first.cells, { ran: 12, cached: 0 });
    assert.equal(first.worlds.length, 3);
    for (const w of first.worlds) assert.ok(w.testInsiders >= 15, `${w.name}: ${w.testInsiders} test insiders`);
    assert.equal(first.perWorld.length, 6);
    for (const r of first.perWorld) {
      assert.deepEqual(r.seeds, [1, 2]);
      assert.ok(r.prAucCi.lo <= r.prAuc.mean && r.prAuc.mean <= r.prAucCi.hi, `${r.world} ${r.method}: PR-AUC ${r.prAuc.mean} outside [${r.prAucCi.lo}, ${r.prAucCi.hi}]`);
      assert.ok(r.caught5Ci.lo <= r.caught5.mean && r.caught5.mean <= r.caught5Ci.hi);
      assert.ok(r.prAucCi.hi > r.prAucCi.lo, 'an interval over a few hundred test users has width');
    }
    const pr = first.ranks.find((t) => t.metric === 'prAuc')!;
    const names = first.worlds.map((w) => w.name);
    const matrix = names.map((w) => Float64Array.from(base.methods, (m) => first.perWorld.find((r) => r.world === w && r.method === m)!.prAuc.mean));
    const want = averageRanks(matrix);
    pr.methods.forEach((m, i) => assert.equal(pr.averageRanks[i], want[base.methods.indexOf(m)]));
    assert.equal(first.versus!.pairs, 6);
    assert.equal(first.versus!.wilcoxon!.wins + first.versus!.wilcoxon!.ties + first.versus!.wilcoxon!.losses, 6);
    assert.ok(existsSync(join(base.out, 'contest.md')));
    assert.deepEqual(JSON.parse(readFileSync(join(base.out, 'contest.json'), 'utf8')).ranks, JSON.parse(JSON.stringify(first.ranks)));

    const again = await runContest(base);
    assert.deepEqual(again.cells, { ran: 0, cached: 12 });
    assert.deepEqual(again.perWorld, first.perWorld);

    const changed = await runContest({ ...base, params: { zscore: { reduce: 'max' } } });
    assert.deepEqual(changed.cells, { ran: 6, cached: 6 });
    const row = (c: typeof first, w: string, m: string) => c.perWorld.find((r) => r.world === w && r.method === m)!;
    for (const w of names) {
      assert.deepEqual(row(changed, w, 'logistic'), row(first, w, 'logistic'));
      assert.notDeepEqual(row(changed, w, 'zscore').prAuc, row(first, w, 'zscore').prAuc);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
