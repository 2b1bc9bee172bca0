// Causality: no feature of a window may depend on data from after it. A generated release
// is cut at day d (every log line after d dropped, every LDAP snapshot of a later month
// removed) and extracted beside the whole release; each window complete by d — a day ≤ d,
// a week ending ≤ d, a session whose end the cut data already saw — must have the same
// value in every feature column in both. The cut days include one inside the own-PC anchor
// weeks and both sides of a month boundary (a new LDAP snapshot).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractFeatures, readSchema, type Granularity } from '../../src/data/cert/index.js';
import { generate } from '../../src/data/synth/index.js';
import { cutRelease, readRows, scratchDir } from './helpers.js';

const CUTS = ['2010-01-13', '2010-01-31', '2010-02-01', '2010-02-24'];

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

/** Rows complete by `day`, keyed by what identifies a window independently of later data. */
async function completeRows(path: string, g: Granularity, day: string, cut: boolean): Promise<Map<string, Record<string, unknown>>> {
  const where =
    g === 'day' ? `day <= DATE '${day}'`
    : g === 'week' ? `week + 6 <= DATE '${day}'`
    // A session is complete once its end is seen: a logoff or the next logon on its PC.
    : cut ? 'logon_index_end_with_all <> 0' : `"end" <= TIMESTAMP '${day} 23:59:59'`;
  const rows = await readRows(path, where);
  const key = (r: Record<string, unknown>) => (g === 'session' ? `${r.user} ${r.pc} ${iso(r.start)}` : `${r.user} ${iso(r[g])}`);
  return new Map(rows.map((r) => [key(r), r]));
}

for (const g of ['day', 'week', 'session'] as const) {
  test(`${g} features are causal: windows complete by a cut day are the same with and without the later data`, async () => {
    const s = scratchDir();
    try {
      const full = join(s.dir, 'full');
      await generate({ release: 'r5.2', users: 40, start: '2010-01-04', days: 80, insiders: 6, scenarios: [1, 2, 3], seed: 11, quiet: true, out: full });
      const fullOut = join(s.dir, `full-${g}.parquet`);
      await extractFeatures({ data: full, granularity: g, out: fullOut, quiet: true });
      const features = (await readSchema(fullOut)).columns.map((c) => c.name);
      for (const day of CUTS) {
        const data = join(s.dir, `cut-${day}`);
        cutRelease(full, data, day);
        const out = join(s.dir, `cut-${day}-${g}.parquet`);
        await extractFeatures({ data, granularity: g, out, quiet: true });
        assert.deepEqual((await readSchema(out)).columns.map((c) => c.name), features);
        const want = await completeRows(fullOut, g, day, false);
        const got = await completeRows(out, g, day, true);
        assert.ok(got.size > 0, `cut at ${day}: no complete ${g} windows to compare`);
        // Sessions: the cut may not yet know that a session of the full data has ended.
        if (g !== 'session') assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `cut at ${day}: the complete ${g} windows differ`);
        for (const [k, row] of got) {
          const ref = want.get(k);
          assert.ok(ref, `cut at ${day}: ${g} window ${k} is complete in the cut data but absent from the full data`);
          const diff = features.filter((c) => row[c] !== ref[c]).map((c) => `${c}: ${row[c]} with data to ${day}, ${ref[c]} with all data`);
          assert.deepEqual(diff, [], `cut at ${day}: ${g} window ${k} changes when later data is added`);
        }
      }
    } finally {
      s.done();
    }
  });
}
