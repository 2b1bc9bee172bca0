// The files that describe people rather than activity: monthly LDAP snapshots (leavers
// drop out of the month after their last day) and psychometric.csv (Big Five).
import { csvField, header } from './schema.js';
import type { World } from './world.js';

export interface TextFile {
  /** Path relative to the release directory. */
  path: string;
  text: string;
  rows: number;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export function ldapSnapshots(w: World): TextFile[] {
  const q = w.r6 ? csvField : (s: string) => s;
  return w.cal.months().map(({ year, month, firstDay }) => {
    const lines = [header(w.release, 'ldap')];
    for (const u of w.users) {
      if (u.lastDay < firstDay) continue;
      const sup = u.supervisor >= 0 ? w.users[u.supervisor]!.name : '';
      const cols = [u.name, u.id, u.email, u.role];
      if (w.r5) cols.push(u.projects.join(';'));
      cols.push(u.businessUnit, u.functionalUnit, u.department, u.team, sup);
      lines.push(cols.map(q).join(','));
    }
    return { path: `LDAP/${year}-${pad2(month)}.csv`, text: lines.join('\n') + '\n', rows: lines.length - 1 };
  });
}

export function psychometric(w: World): TextFile {
  const lines = [header(w.release, 'psychometric')];
  for (const u of w.users) lines.push(`${u.name},${u.id},${u.O},${u.C},${u.E},${u.A},${u.N}`);
  return { path: 'psychometric.csv', text: lines.join('\n') + '\n', rows: lines.length - 1 };
}
