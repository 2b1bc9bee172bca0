// Hand-computed standard deviations (population) and maxima on the fixtures (see
// features.test.ts for the story). Alice's web requests on Tue 2010-01-19:
//   07:10 http://www.indeed.com/jobs/search  url_len 33, depth 2, "job resume salary"
//         (17 bytes; r6.2 quotes "job, resume, salary", 19), 3 words — after hours
//   12:05 http://facebook.com/profile/x      url_len 29, depth 2, "friend photo" (12), 2 words — work
// so over the day: std url_len |33−29|/2 = 2, c_len 2.5 (r6.2: 3.5), c_words 0.5, depth 0.
// Her week of 2010-01-17 has two emails: Tue 10:00 (size 1000, 3 recipients, 1 bcc,
// 2 attachments: a 2048-byte docx and a 1024-byte jpg in r5+) and Sat 20:05 (size 500,
// 1 recipient, none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSchema } from '../../src/data/cert/index.js';
import { oneRow, withExtracted } from './helpers.js';

const alice = (day: string) => `"user" = 'AAA0001' AND day = DATE '${day}'`;

for (const release of ['r4.2', 'r5.2', 'r6.2'] as const) {
  test(`${release}: day std and max of per-event measures, hand-computed`, async () => {
    await withExtracted(release, 'day', async (out) => {
      const a = await oneRow(out, alice('2010-01-19'));
      // Two web requests: population std (a sample std would give 2√2 for url_len).
      assert.equal(a.http_mean_url_len_all, 31);
      assert.equal(a.http_std_url_len_all, 2);
      assert.equal(a.http_std_c_len_all, release === 'r6.2' ? 3.5 : 2.5);
      assert.equal(a.http_std_c_words_all, 0.5);
      assert.equal(a.http_std_url_depth_all, 0); // equal values: exactly 0, no rounding residue
      assert.equal(a.http_max_url_len_all, 33);
      assert.equal(a.http_max_c_len_all, release === 'r6.2' ? 19 : 17);
      assert.equal(a.http_max_url_len_work, 29);
      // One event in the slice: std 0 although the mean is not.
      assert.equal(a.http_mean_url_len_work, 29);
      assert.equal(a.http_std_url_len_work, 0);
      assert.equal(a.http_mean_url_len_job_all, 33);
      assert.equal(a.http_std_url_len_job_all, 0);
      assert.equal(a.email_std_size_all, 0);
      assert.equal(a.email_max_size_all, 1000);
      assert.equal(a.email_max_rcpt_all, 3);
      assert.equal(a.device_std_dur_all, 0);
      assert.equal(a.device_max_dur_all, 1800);
      assert.equal(a.file_std_len_all, 0);
      assert.equal(a.file_max_len_all, 34);
      // No event in the slice (other domain events exist that day): 0, like the means.
      assert.equal(a.http_std_url_len_cloud_all, 0);
      assert.equal(a.http_max_url_len_afterhours, 33);
      assert.equal(a.email_max_size_afterhours, 0);

      // Saturday: no web request at all (the window has no http row), one email.
      const sat = await oneRow(out, alice('2010-01-23'));
      assert.equal(sat.http_std_url_len_all, 0);
      assert.equal(sat.http_max_url_len_all, 0);
      assert.equal(sat.email_std_size_all, 0);
      assert.equal(sat.email_max_size_all, 500);
      assert.equal(sat.email_max_size_afterhours, 500);

      if (release !== 'r4.2') {
        assert.equal(a.device_std_ftl_all, 0);
        assert.equal(a.device_max_ftl_all, 3);
        assert.equal(a.email_std_att3_b_all, 0);
      }

      // Every mean has a std twin with the same place in the grid; maxima only overall.
      const schema = await readSchema(out);
      const byName = new Map(schema.columns.map((c) => [c.name, c]));
      const means = schema.columns.filter((c) => c.aggregation === 'mean');
      const stds = schema.columns.filter((c) => c.aggregation === 'std');
      assert.ok(means.length > 0);
      assert.equal(stds.length, means.length);
      for (const m of means) {
        const sd = byName.get(m.name.replace('_mean_', '_std_'));
        assert.ok(sd, `no std column for ${m.name}`);
        assert.deepEqual([sd.domain, sd.aggregation, sd.measure, sd.subset, sd.timeClass, sd.pcClass, sd.dtype], [m.domain, 'std', m.measure, m.subset, m.timeClass, m.pcClass, 'float']);
        assert.match(sd.description, /^standard deviation \(population\)/);
      }
      const maxes = schema.columns.filter((c) => c.aggregation === 'max' && c.domain !== 'logon');
      assert.ok(maxes.every((c) => c.subset === null && c.dtype === 'float'));
      const mx = byName.get('http_max_url_len_work')!;
      assert.deepEqual([mx.domain, mx.measure, mx.subset, mx.timeClass, mx.pcClass], ['http', 'url_len', null, 'work', 'all']);
      // Per time slice, so the grid cells line up: 3 day slices × (file 3 + email 7 + http 4 + device).
      assert.equal(maxes.length, 3 * (3 + 7 + 4 + (release === 'r4.2' ? 1 : 2)));
    });
  });
}

test('r5.2: week std over two emails, overall and per send/attachment type', async () => {
  await withExtracted('r5.2', 'week', async (out) => {
    const a = await oneRow(out, `"user" = 'AAA0001' AND week = DATE '2010-01-17'`);
    assert.equal(a.email_count_events_all, 2);
    assert.equal(a.email_mean_size_all, 750);
    assert.equal(a.email_std_size_all, 250); // 1000 and 500
    assert.equal(a.email_std_rcpt_all, 1); // 3 and 1
    assert.equal(a.email_std_bcc_all, 0.5); // 1 and 0
    assert.equal(a.email_std_att_all, 1); // 2 and 0
    assert.equal(a.email_std_size_send_all, 250); // both are sends
    assert.equal(a.email_std_size_recv_all, 0);
    assert.equal(a.email_std_att3_b_all, 1024); // 2048 and 0
    assert.equal(a.email_std_att2_b_all, 512); // 1024 and 0
    // The two emails fall in different week slices: one each, so no spread there.
    assert.equal(a.email_std_size_work, 0);
    assert.equal(a.email_std_size_weekend_afterhours, 0);
    assert.equal(a.email_max_size_all, 1000);
    assert.equal(a.email_max_size_work, 1000);
    assert.equal(a.email_max_size_weekend_afterhours, 500);
    assert.equal(a.email_max_size_weekend, 0);
  });
});
