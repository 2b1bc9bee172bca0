// The files about people rather than activity: monthly LDAP snapshots and the Big-5
// scores, and the company's e-mail domain (any other domain is external).

export const COMPANY_DOMAIN = 'dtaa.com';

/** Directory of the monthly snapshots; one file per month, named YYYY-MM.csv. */
export const LDAP_DIR = 'LDAP';

export function ldapSnapshotName(year: number, month: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}.csv`;
}

/** LDAP columns per family (r5 on adds `projects`, `;`-separated, after role). */
export const LDAP_COLUMNS: Record<'r4' | 'r5' | 'r6', readonly string[]> = {
  r4: ['employee_name', 'user_id', 'email', 'role', 'business_unit', 'functional_unit', 'department', 'team', 'supervisor'],
  r5: ['employee_name', 'user_id', 'email', 'role', 'projects', 'business_unit', 'functional_unit', 'department', 'team', 'supervisor'],
  r6: ['employee_name', 'user_id', 'email', 'role', 'projects', 'business_unit', 'functional_unit', 'department', 'team', 'supervisor'],
};

/** Columns a reader cannot do without: who, their role, and their supervisor (by name). */
export const LDAP_REQUIRED = ['employee_name', 'user_id', 'role', 'supervisor'] as const;

export const PSYCHOMETRIC_FILE = 'psychometric.csv';
export const BIG5 = ['O', 'C', 'E', 'A', 'N'] as const;
export const PSYCHOMETRIC_COLUMNS: readonly string[] = ['employee_name', 'user_id', ...BIG5];
