// File names and column orders of each release (see the release table in the CERT notes).
import type { Release } from './types.js';

/** The activity logs, in the order used for file codes in event ids. */
export const LOGS = ['logon', 'device', 'file', 'email', 'http'] as const;
export type Log = (typeof LOGS)[number];
export const LOG_CODE: Record<Log, number> = { logon: 0, device: 1, file: 2, email: 3, http: 4 };

export function header(release: Release, file: Log | 'ldap' | 'psychometric' | 'insiders'): string {
  const r4 = release === 'r4.2';
  const r6 = release === 'r6.2';
  switch (file) {
    case 'logon':
      return 'id,date,user,pc,activity';
    case 'device':
      return r4 ? 'id,date,user,pc,activity' : 'id,date,user,pc,file_tree,activity';
    case 'file':
      return r4 ? 'id,date,user,pc,filename,content' : 'id,date,user,pc,filename,activity,to_removable_media,from_removable_media,content';
    case 'email':
      return r4 ? 'id,date,user,pc,to,cc,bcc,from,size,attachments,content' : 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content';
    case 'http':
      return r6 ? 'id,date,user,pc,url,activity,content' : 'id,date,user,pc,url,content';
    case 'ldap':
      return r4
        ? 'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor'
        : 'employee_name,user_id,email,role,projects,business_unit,functional_unit,department,team,supervisor';
    case 'psychometric':
      return 'employee_name,user_id,O,C,E,A,N';
    case 'insiders':
      return 'dataset,scenario,details,user,start,end';
  }
}

/** The dataset number written in answers/insiders.csv ('4.2' for r4.2). */
export const datasetNumber = (release: Release): string => release.slice(1);

/** Path of an insider's answer file relative to answers/. */
export function answerPath(release: Release, scenario: number, user: string): string {
  const name = `${release}-${scenario}-${user}.csv`;
  return release === 'r6.2' ? name : `${release}-${scenario}/${name}`;
}

/** Quotes a CSV field when it contains a comma, quote or newline (r6.x style). */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
