// The files that describe people rather than activity: monthly LDAP snapshots (leavers
// drop out of the month after their last day) and psychometric.csv (Big Five).
import { familyOf, LDAP_COLUMNS, LDAP_DIR, ldapSnapshotName, PSYCHOMETRIC_FILE, quotesFields } from '../format/index.js';
import { csvField, header } from './schema.js';
import type { World } from './world.js';

export interface TextFile {
  /** Path relative to the release directory. */
  path: string;
  text: string;
  rows: number;
}

export function ldapSnapshots(w: World): TextFile[] {
  const family = familyOf(w.release);
  const q = quotesFields(family) ? csvField : (s: string) => s;
  // Fields by name, written in the order the format lists them for this family.
  const columns = LDAP_COLUMNS[family];
  // A drifted user's new role and projects appear from the first snapshot after the change.
  const recast = new Map(w.drifts.filter((d) => d.role !== null).map((d) => [d.user, d]));
  return w.cal.months().map(({ year, month, firstDay }) => {
    const lines = [header(w.release, 'ldap')];
    for (const u of w.users) {
      if (u.lastDay < firstDay) continue;
      const sup = u.supervisor >= 0 ? w.users[u.supervisor]!.name : '';
      const d = recast.get(u.index);
      const now = d !== undefined && firstDay >= d.day;
      const field: Record<string, string> = {
        employee_name: u.name,
        user_id: u.id,
        email: u.email,
        role: now ? d.role! : u.role,
        projects: (now ? d.projects! : u.projects).join(';'),
        business_unit: u.businessUnit,
        functional_unit: u.functionalUnit,
        department: u.department,
        team: u.team,
        supervisor: sup,
      };
      lines.push(columns.map((c) => q(field[c]!)).join(','));
    }
    return { path: `${LDAP_DIR}/${ldapSnapshotName(year, month)}`, text: lines.join('\n') + '\n', rows: lines.length - 1 };
  });
}

export function psychometric(w: World): TextFile {
  const lines = [header(w.release, 'psychometric')];
  for (const u of w.users) lines.push(`${u.name},${u.id},${u.O},${u.C},${u.E},${u.A},${u.N}`);
  return { path: PSYCHOMETRIC_FILE, text: lines.join('\n') + '\n', rows: lines.length - 1 };
}
