// Hand-computed feature values on the hand-written fixtures (test/fixtures/cert/*), the
// same events written in r4.2, r5.2 and r6.2 format. Alice (AAA0001, insider of
// scenario 2, supervisor Carol) on Tue 2010-01-19: logon 07:00 on her own PC-1
// (after hours), indeed.com at 07:10, thumb drive 09:00–09:30 with a copy of
// R:\data\report.docx, an email at 10:00 to one internal and one external address plus
// an external bcc, a 12:00–12:10 visit to Bob's PC-2 with facebook.com, logoff 18:00. On
// Sat 2010-01-23 20:00–20:30 she logs on to Carol's PC-3 and sends an email.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectRelease, readSchema } from '../../src/data/cert/index.js';
import { FIXTURES, oneRow, readRows, withExtracted } from './helpers.js';

const alice = (day: string) => `"user" = 'AAA0001' AND day = DATE '${day}'`;

for (const release of ['r4.2', 'r5.2', 'r6.2'] as const) {
  test(`${release}: day features of hand-computed user-days`, async () => {
    await withExtracted(release, 'day', async (out, sum) => {
      assert.equal(sum.release, release);
      assert.equal(sum.labelled, true);
      assert.deepEqual(sum.events, { logon: 37, device: 2, file: 2, email: 2, http: 5 });
      assert.equal(sum.rows, 12);
      assert.equal(sum.insiderRows, 2);
      assert.equal(sum.rejectsPath, null);

      const a = await oneRow(out, alice('2010-01-19'));
      // After-hours logon on the own PC, working-hours logon on another user's PC.
      assert.equal(a.logon_count_logon_all, 2);
      assert.equal(a.logon_count_logon_afterhours, 1);
      assert.equal(a.logon_count_logon_afterhours_own, 1);
      assert.equal(a.logon_count_logon_work_other, 1);
      assert.equal(a.logon_min_logon_time_all, 7);
      assert.equal(a.logon_max_logoff_time_all, 18);
      assert.equal(a.logon_distinct_pcs_all, 2);
      // Thumb drive: one connect of 30 minutes, one file on R: (a docx).
      assert.equal(a.device_count_connect_work, 1);
      assert.equal(a.device_mean_dur_all, 1800);
      assert.equal(a.device_max_dur_all, 1800);
      assert.equal(a.file_count_events_removable_all, 1);
      assert.equal(a.file_count_events_doc_all, 1);
      assert.equal(a.file_mean_depth_all, 2);
      assert.equal(a.file_mean_len_all, 34);
      assert.equal(a.file_mean_nwords_all, 3);
      // External email: 3 recipients, 2 external, 1 bcc (external).
      assert.equal(a.email_count_events_external_all, 1);
      assert.equal(a.email_count_events_external_bcc_all, 1);
      assert.equal(a.email_mean_rcpt_all, 3);
      assert.equal(a.email_mean_ext_all, 2);
      assert.equal(a.email_mean_bcc_all, 1);
      assert.equal(a.email_mean_att_all, 2);
      assert.equal(a.email_mean_size_all, 1000);
      // Job site after hours on the own PC; social site on another user's PC.
      assert.equal(a.http_count_events_job_afterhours, 1);
      assert.equal(a.http_count_events_social_work, 1);
      assert.equal(a.http_count_events_all_other, 1);
      assert.equal(a.http_mean_url_len_job_all, 33);
      assert.equal(a.http_mean_url_depth_job_all, 2);
      assert.equal(a.http_mean_c_len_job_all, release === 'r6.2' ? 19 : 17);
      assert.equal(a.http_mean_c_words_job_all, 3);
      assert.equal(a.context_flag_weekend, 0);
      assert.equal(a.context_index_role, 0);
      assert.equal(a.insider, 2);
      assert.equal(a.malicious_events, 3);

      const sat = await oneRow(out, alice('2010-01-23'));
      assert.equal(sat.context_flag_weekend, 1);
      assert.equal(sat.logon_count_logon_afterhours_supervisor, 1);
      assert.equal(sat.email_count_events_afterhours_supervisor, 1);
      assert.equal(sat.email_count_events_external_all, 0);
      assert.equal(sat.insider, 2);
      assert.equal(sat.malicious_events, 1);

      // Bob's PC-9 is shared with Carol (both used it in the anchor weeks).
      const bob = await oneRow(out, `"user" = 'BBB0002' AND day = DATE '2010-01-19'`);
      assert.equal(bob.logon_count_logon_all_shared, 1);
      assert.equal(bob.file_count_events_all_shared, 1);
      assert.equal(bob.file_count_events_txt_all, 1);
      assert.equal(bob.file_count_events_local_all, 1);
      assert.equal(bob.http_count_events_cloud_work, 1); // 17:00 is still working time
      // A line for Bob's event inside Alice's answer file is not Alice's malicious event.
      assert.equal(bob.insider, 0);
      assert.equal(bob.malicious_events, 0);

      const dave = await oneRow(out, `"user" = 'DDD0004' AND day = DATE '2010-01-19'`);
      assert.equal(dave.context_flag_itadmin, 1);
      assert.equal(dave.context_value_O, 23);
      // Dave leaves after January, but nothing in a row may say so before it happens.
      assert.ok(!('context_flag_leaver' in dave) && !('context_value_days_to_termination' in dave));
      // Before the first LDAP snapshot (2010-01) nobody's context is known yet; Big-5 has no date.
      const early = await oneRow(out, `"user" = 'DDD0004' AND day = DATE '2009-12-28'`);
      assert.equal(early.context_flag_itadmin, 0);
      assert.equal(early.context_index_role, -1);
      assert.equal(early.context_value_O, 23);

      if (release !== 'r4.2') {
        // r5+: file activity and removable-media flags, email send/view, attachment types.
        assert.equal(a.file_count_events_copy_all, 1);
        assert.equal(a.file_count_events_to_removable_all, 1);
        assert.equal(a.file_count_events_from_removable_all, 0);
        assert.equal(a.device_mean_ftl_all, 3);
        assert.equal(a.email_count_events_send_all, 1);
        assert.equal(a.email_mean_att3_n_all, 1); // one doc attachment
        assert.equal(a.email_mean_att3_b_all, 2048);
        assert.equal(a.email_mean_att2_b_all, 1024); // one image
      }
      if (release === 'r6.2') {
        assert.equal(a.http_count_events_visit_all, 2);
        assert.equal(bob.http_count_events_upload_all, 1);
        assert.equal(a.email_mean_len_all, 18); // "hello there, world", quoted in r6.2
      }

      const schema = await readSchema(out);
      assert.equal(schema.granularity, 'day');
      assert.deepEqual(schema.keys, ['user', 'day']);
      assert.deepEqual(schema.labels, ['insider', 'malicious_events']);
      const names = new Set(schema.columns.map((c) => c.name));
      assert.equal(names.size, schema.columns.length);
      const cols = Object.keys(a);
      assert.deepEqual(cols, [...schema.keys, ...schema.columns.map((c) => c.name), ...schema.labels]);
      const job = schema.columns.find((c) => c.name === 'http_count_events_job_afterhours')!;
      assert.deepEqual([job.domain, job.aggregation, job.measure, job.subset, job.timeClass, job.pcClass], ['http', 'count', 'events', 'job', 'afterhours', 'all']);
      assert.ok(schema.columns.every((c) => c.description.length > 10));
    });
  });
}

test('week features split weekday work, weekday after hours and weekend classes', async () => {
  await withExtracted('r4.2', 'week', async (out) => {
    const a = await oneRow(out, `"user" = 'AAA0001' AND week = DATE '2010-01-17'`);
    assert.equal(a.logon_count_logon_work, 1);
    assert.equal(a.logon_count_logon_afterhours, 1);
    assert.equal(a.logon_count_logon_weekend, 0);
    assert.equal(a.logon_count_logon_weekend_afterhours, 1);
    assert.equal(a.insider, 2);
    assert.equal(a.malicious_events, 4);
    assert.equal((await readRows(out)).length, 11); // 4 users in each anchor week, Carol quiet in the third
    assert.deepEqual((await readSchema(out)).keys, ['user', 'week']);
  });
});

test('sessions: logon→logoff per PC, unlock logons and logon-less starts', async () => {
  await withExtracted('r6.2', 'session', async (out) => {
    const rows = await readRows(out, `day = DATE '2010-01-19'`);
    const pick = (user: string, pc: string, hh: string) => rows.find((r) => r.user === user && r.pc === pc && String(r.start).includes(`T${hh}:`))!;
    const main = pick('AAA0001', 'PC-1', '07');
    assert.equal(main.logon_value_duration_all, 660);
    assert.equal(main.logon_index_start_with_all, 1);
    assert.equal(main.logon_index_end_with_all, 1);
    assert.equal(main.http_count_events_job_all, 1);
    assert.equal(main.device_count_connect_all, 1);
    assert.equal(main.malicious_events, 3);
    assert.equal(main.insider, 2);
    const visit = pick('AAA0001', 'PC-2', '12');
    assert.equal(visit.logon_flag_pc_all_other, 1);
    assert.equal(visit.logon_value_duration_all, 10);
    assert.equal(visit.insider, 0);
    // Bob's web request after his logoff opens a session without a logon, open at the end of data.
    const orphan = pick('BBB0002', 'PC-2', '17');
    assert.equal(orphan.logon_index_start_with_all, 2);
    assert.equal(orphan.logon_index_end_with_all, 0);
    assert.equal(orphan.http_count_events_cloud_all, 1);
    assert.equal(pick('BBB0002', 'PC-9', '09').logon_flag_pc_all_shared, 1);
    // Dave's second logon (a screen unlock) ends the first session.
    const first = pick('DDD0004', 'PC-4', '08');
    assert.equal(first.logon_index_end_with_all, 2);
    assert.equal(first.logon_value_duration_all, 60);
    assert.equal(first.http_count_events_hacking_all, 1);
    assert.equal(pick('DDD0004', 'PC-4', '10').logon_index_end_with_all, 1);
    assert.equal(rows.length, 7);
    assert.deepEqual((await readSchema(out)).keys, ['user', 'session', 'pc', 'start', 'end', 'day']);
  });
});

test('detectRelease reads the headers and the answers', () => {
  assert.equal(detectRelease(join(FIXTURES, 'r4.2')), 'r4.2');
  assert.equal(detectRelease(join(FIXTURES, 'r5.2')), 'r5.2');
  assert.equal(detectRelease(join(FIXTURES, 'r6.2')), 'r6.2');
  assert.equal(detectRelease(join(FIXTURES, 'malformed')), 'r4.2');
});
