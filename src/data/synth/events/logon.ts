// logon.csv rows: id,date,user,pc,activity (Logon/Logoff); the same in every release.
import { enc } from '../bytes.js';
import type { DayGen } from '../day.js';
import { LOG_CODE } from '../schema.js';

const LOGON = enc(',Logon\n');
const LOGOFF = enc(',Logoff\n');

export function writeLogon(g: DayGen, t: number, user: number, pc: number, logon: boolean, tag: number): void {
  g.head(LOG_CODE.logon, t, user, pc, tag).bytes(logon ? LOGON : LOGOFF);
}
