// The files look exactly like the CERT release asked for: names, headers, field
// formats, quoting, answers layout; and the project's own CERT reader accepts them.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { detectLayout } from '../../src/data/cert/releases.js';
import { LOGS, parseDate, readCsv, tiny } from './helpers.js';

// Written out from reference/cert.md rather than imported, so a wrong schema table fails.
const HEADERS: Record<string, Record<string, string>> = {
  'r4.2': {
    logon: 'id,date,user,pc,activity',
    device: 'id,date,user,pc,activity',
    file: 'id,date,user,pc,filename,content',
    email: 'id,date,user,pc,to,cc,bcc,from,size,attachments,content',
    http: 'id,date,user,pc,url,content',
    ldap: 'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor',
  },
  'r5.2': {
    logon: 'id,date,user,pc,activity',
    device: 'id,date,user,pc,file_tree,activity',
    file: 'id,date,user,pc,filename,activity,to_removable_media,from_removable_media,content',
    email: 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content',
    http: 'id,date,user,pc,url,content',
    ldap: 'employee_name,user_id,email,role,projects,business_unit,functional_unit,department,team,supervisor',
  },
  'r6.2': {
    logon: 'id,date,user,pc,activity',
    device: 'id,date,user,pc,file_tree,activity',
    file: 'id,date,user,pc,filename,activity,to_removable_media,from_removable_media,content',
    email: 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content',
    http: 'id,date,user,pc,url,activity,content',
    ldap: 'employee_name,user_id,email,role,projects,business_unit,functional_unit,department,team,supervisor',
  },
};

const ACTIVITY: Record<string, RegExp> = {
  logon: /^(Logon|Logoff)$/,
  device: /^(Connect|Disconnect)$/,
  file: /^File (Open|Copy|Write|Delete)$/,
  email: /^(Send|View)$/,
  http: /^WWW (Visit|Download|Upload)$/,
};

for (const release of ['r4.2', 'r5.2', 'r6.2'] as const) {
  test(`${release}: files, headers, field formats, order and quoting`, async () => {
    const scenarios = release === 'r4.2' ? [1, 2, 3] : [1, 2, 3, 4, 5];
    const { dir, s } = await tiny({ release, scenarios, insiders: scenarios.length });
    const want = HEADERS[release]!;
    for (const log of LOGS) {
      const csv = readCsv(join(dir, `${log}.csv`));
      assert.equal(csv.header, want[log], `${log}.csv header`);
      assert.equal(csv.rows.length, s.rows[`${log}.csv`], `${log}.csv row count vs summary`);
      assert.ok(csv.rows.length > 0, `${log}.csv is empty`);
      const width = want[log]!.split(',').length;
      const ids = new Set<string>();
      let prev = -Infinity;
      const act = want[log]!.split(',').indexOf('activity');
      csv.rows.forEach((r, i) => {
        const where = `${log}.csv line ${i + 2}`;
        assert.equal(r.length, width, `${where}: ${r.length} fields`);
        assert.match(r[0]!, /^\{[A-Z0-9]{4}-[A-Z0-9]{8}-[A-Z0-9]{8}\}$/, where);
        ids.add(r[0]!);
        const t = parseDate(r[1]!);
        assert.ok(!Number.isNaN(t), `${where}: bad date ${r[1]}`);
        assert.ok(t >= prev, `${where}: not in time order`);
        prev = t;
        assert.match(r[2]!, /^[A-Z]{3}\d{4}$/, where);
        assert.match(r[3]!, /^PC-\d{4}$/, where);
        if (act >= 0) assert.match(r[act]!, ACTIVITY[log]!, where);
        if (release !== 'r6.2') assert.ok(!csv.lines[i]!.includes('"'), `${where}: quotes only exist in r6`);
      });
      assert.equal(ids.size, csv.rows.length, `${log}.csv ids are not unique`);
    }
    if (release === 'r6.2') {
      // Some content carries a comma, and exactly those fields are quoted.
      const http = readCsv(join(dir, 'http.csv'));
      assert.ok(http.lines.some((l) => l.endsWith('"')), 'no quoted r6 content');
      const content = http.col('content');
      assert.ok(http.rows.some((r) => r[content]!.includes(',')), 'quoted content should hold a comma');
    }
    // r4.2 email attachments are counts; r5+ are name.ext(size) lists.
    const email = readCsv(join(dir, 'email.csv'));
    const att = email.col('attachments');
    const pattern = release === 'r4.2' ? /^\d+$/ : /^([A-Z0-9]+\.[a-z]+\(\d+\)(;[A-Z0-9]+\.[a-z]+\(\d+\))*)?$/;
    for (const r of email.rows) assert.match(r[att]!, pattern);
    for (const r of email.rows) assert.match(r[email.col('from')]!, /@/);

    // LDAP monthly snapshots and psychometric.csv.
    const ldapFiles = readdirSync(join(dir, 'LDAP')).sort();
    assert.deepEqual(ldapFiles, ['2010-03.csv', '2010-04.csv']);
    for (const f of ldapFiles) assert.equal(readCsv(join(dir, 'LDAP', f)).header, want.ldap);
    const psy = readCsv(join(dir, 'psychometric.csv'));
    assert.equal(psy.header, 'employee_name,user_id,O,C,E,A,N');
    assert.equal(psy.rows.length, s.users);
    for (const r of psy.rows) for (const v of r.slice(2)) assert.ok(Number(v) >= 10 && Number(v) <= 50);

    // answers/ layout: per-scenario folders for r4/r5, flat for r6.
    const ins = readCsv(join(dir, 'answers', 'insiders.csv'));
    assert.equal(ins.header, 'dataset,scenario,details,user,start,end');
    assert.equal(ins.rows.length, s.insiders.length);
    for (const [dataset, scenario, details, user] of ins.rows) {
      assert.equal(dataset, release.slice(1));
      assert.equal(details, `${release}-${scenario}-${user}.csv`);
      const p = release === 'r6.2' ? join(dir, 'answers', details!) : join(dir, 'answers', `${release}-${scenario}`, details!);
      assert.ok(existsSync(p), `missing answer file ${p}`);
    }
    assert.ok(existsSync(join(dir, 'GENERATED.json')));

    // The project's CERT reader recognises the release family from the headers.
    assert.equal(detectLayout(dir).family, release.slice(0, 2));
  });
}

test('DuckDB reads every log with the CERT date format and the counts match', async () => {
  const { dir, s } = await tiny({ release: 'r6.2' });
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    for (const log of LOGS) {
      const path = join(dir, `${log}.csv`).replace(/'/g, "''");
      const r = await conn.runAndReadAll(
        `SELECT count(*)::INT, count(DISTINCT id)::INT, count(strptime(date, '%m/%d/%Y %H:%M:%S'))::INT
         FROM read_csv('${path}', header = true, all_varchar = true, quote = '"', escape = '"', strict_mode = true)`,
      );
      const [n, distinct, dates] = r.getRowsJS()[0] as number[];
      assert.equal(n, s.rows[`${log}.csv`], log);
      assert.equal(distinct, n, `${log}: duplicate ids`);
      assert.equal(dates, n, `${log}: unparsable dates`);
    }
  } finally {
    conn.closeSync();
  }
});
