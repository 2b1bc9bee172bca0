// FEATURES.edges.parquet: per user and day, the PCs logged on to, the people on the
// user's mail (through LDAP addresses; outside addresses dropped and counted) and the
// web hosts — checked by hand on small fixtures, and through resume and clean-up
// (edgesGenerated.test.ts checks a generated release against an independent count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures, type StageEvent } from '../../src/data/cert/index.js';
import { edgesPathFor } from '../../src/data/cert/edges.js';
import { workDirFor } from '../../src/data/cert/extract.js';
import { FIXTURES, readRows, scratchDir } from './helpers.js';

const line = (r: Record<string, unknown>) => `${r.kind} ${r.day} ${r.user} ${r.target} ${r.count}`;
/** The r4.2 and r5.2 fixtures share logon.csv, and their mail and web rows match. */
const FIXTURE_EMAIL = ['email 2010-01-19 AAA0001 BBB0002 1', 'email 2010-01-23 AAA0001 CCC0003 1'];
/** The file's rows as text, sorted (the file is ordered by kind and day only). */
const edgeLines = async (path: string, kind?: string) => (await readRows(path, kind ? `kind = '${kind}'` : 'true')).map(line).sort();

test('r4.2 fixture: PC logons, internal recipients and web hosts per user and day', async () => {
  const s = scratchDir();
  try {
    const out = join(s.dir, 'day.parquet');
    const sum = await extractFeatures({ data: join(FIXTURES, 'r4.2'), granularity: 'day', out, quiet: true, edges: true });
    const path = edgesPathFor(out);
    assert.equal(path, join(s.dir, 'day.edges.parquet'));
    assert.ok(sum.edges);
    assert.equal(sum.edges.path, path);
    // logon.csv: DDD0004 logged on to PC-4 twice on 01/19; AAA0001 to PC-1 and PC-2 that day, PC-3 on 01/23.
    const pc = await edgeLines(path, 'pc');
    assert.equal(pc.length, 18);
    for (const want of ['pc 2010-01-19 DDD0004 PC-4 2', 'pc 2010-01-19 AAA0001 PC-1 1', 'pc 2010-01-19 AAA0001 PC-2 1', 'pc 2010-01-23 AAA0001 PC-3 1', 'pc 2009-12-28 CCC0003 PC-9 1']) {
      assert.ok(pc.includes(want), want);
    }
    // E1 went to Bob, friend@gmail.com and (bcc) spy@yahoo.com; E2 to Carol. The sender's own address is not an edge.
    assert.deepEqual(await edgeLines(path, 'email'), FIXTURE_EMAIL);
    assert.equal(sum.edges.emailExternal, 2);
    assert.equal(sum.edges.emailUnknownInternal, 0);
    assert.deepEqual(await edgeLines(path, 'web'), [
      'web 2010-01-19 AAA0001 facebook.com 1', 'web 2010-01-19 AAA0001 indeed.com 1', 'web 2010-01-19 BBB0002 dropbox.com 1',
      'web 2010-01-19 BBB0002 example.com 1', 'web 2010-01-19 DDD0004 keylogpro.com 1',
    ]);
    assert.deepEqual(sum.edges.rows, { pc: 18, email: 2, web: 5 });
  } finally {
    s.done();
  }
});

const EMAIL = `id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content
{M1},01/19/2010 09:00:00,AAA0001,PC-1,Bob.B.Brown@dtaa.com;Carol.C.Cole@dtaa.com,BOB.B.BROWN@DTAA.COM,pal@gmail.com,Alice.A.Adams@dtaa.com,Send,100,,hi
{M2},01/19/2010 10:00:00,AAA0001,PC-1,Bob.B.Brown@dtaa.com,,,Alice.A.Adams@dtaa.com,Send,100,,again
{M3},01/19/2010 11:00:00,BBB0002,PC-2,Bob.B.Brown@dtaa.com;Dave.D.Diaz@dtaa.com,,,Alice.A.Adams@dtaa.com,View,100,,seen
{M4},01/20/2010 09:00:00,CCC0003,PC-3,Zed.Z.Zed@dtaa.com; Alice.A.Adams@dtaa.com,,boss@yahoo.com,Carol.C.Cole@dtaa.com,Send,100,,note
{M5},01/20/2010 09:30:00,DDD0004,PC-4,,,,Dave.D.Diaz@dtaa.com,Send,100,,to nobody
`;
const HTTP = `id,date,user,pc,url,content
{W1},01/19/2010 09:00:00,AAA0001,PC-1,http://www.Example.com/a,x
{W2},01/19/2010 09:10:00,AAA0001,PC-1,http://example.com/b/c,x
{W3},01/19/2010 09:20:00,AAA0001,PC-1,http://news.example.com/,x
{W4},01/20/2010 09:00:00,AAA0001,PC-1,https://www.example.com,x
{W5},01/19/2010 23:59:59,BBB0002,PC-2,http://www.dropbox.com/upload,x
`;

test('hand-written r5.2 mail and web: addresses once per message, views, case, unknown and external addresses, hosts', async () => {
  const s = scratchDir();
  try {
    const data = join(s.dir, 'r5.2');
    cpSync(join(FIXTURES, 'r5.2'), data, { recursive: true });
    writeFileSync(join(data, 'email.csv'), EMAIL);
    writeFileSync(join(data, 'http.csv'), HTTP);
    const out = join(s.dir, 'day.parquet');
    const sum = await extractFeatures({ data, granularity: 'day', out, quiet: true, edges: true });
    // M1: Bob in to and cc counts once, plus M2 → 2; on a View (M3) the user is a recipient, so the
    // edges go to the sender and the other recipient; Dave left before 2010-02 but an earlier snapshot lists him.
    assert.deepEqual(await edgeLines(edgesPathFor(out), 'email'), [
      'email 2010-01-19 AAA0001 BBB0002 2',
      'email 2010-01-19 AAA0001 CCC0003 1',
      'email 2010-01-19 BBB0002 AAA0001 1',
      'email 2010-01-19 BBB0002 DDD0004 1',
      'email 2010-01-20 CCC0003 AAA0001 1',
    ]);
    assert.equal(sum.edges!.emailExternal, 2, 'pal@gmail.com and boss@yahoo.com');
    assert.equal(sum.edges!.emailUnknownInternal, 1, 'zed@dtaa.com is in no snapshot');
    assert.deepEqual(await edgeLines(edgesPathFor(out), 'web'), [
      'web 2010-01-19 AAA0001 example.com 2',
      'web 2010-01-19 AAA0001 news.example.com 1',
      'web 2010-01-19 BBB0002 dropbox.com 1',
      'web 2010-01-20 AAA0001 example.com 1',
    ]);
  } finally {
    s.done();
  }
});

test('resume: a run stopped at the http edge stage reuses every finished stage, edges included; without --edges a stale edge file goes', async () => {
  const s = scratchDir();
  try {
    const data = join(FIXTURES, 'r5.2');
    const out = join(s.dir, 'day.parquet');
    const stop = (e: StageEvent) => {
      if (e.stage === 'edges_http' && e.status === 'start') throw new Error('stop');
    };
    await assert.rejects(extractFeatures({ data, granularity: 'day', out, quiet: true, edges: true, onStage: stop }), /stop/);
    assert.equal(existsSync(edgesPathFor(out)), false);
    assert.ok(readdirSync(workDirFor(out)).includes('edges_email.done.json'));
    const seen: string[] = [];
    const sum = await extractFeatures({ data, granularity: 'day', out, quiet: true, edges: true, onStage: (e) => seen.push(`${e.stage}:${e.status}`) });
    assert.deepEqual(sum.reusedStages, ['logon', 'device', 'file', 'email', 'http', 'edges_email']);
    assert.deepEqual(seen.filter((x) => x.startsWith('edges')), ['edges_email:reused', 'edges_http:start', 'edges_http:done']);
    assert.deepEqual(sum.edges!.rows, { pc: 18, email: 2, web: 5 });
    assert.deepEqual(await edgeLines(edgesPathFor(out), 'email'), FIXTURE_EMAIL);

    const plain = await extractFeatures({ data, granularity: 'day', out, quiet: true });
    assert.equal(plain.edges, null);
    assert.equal(existsSync(edgesPathFor(out)), false, 'an edge file from another run is not left beside the new table');
  } finally {
    s.done();
  }
});
