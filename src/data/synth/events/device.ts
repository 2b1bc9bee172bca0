// device.csv rows. r4.2: id,date,user,pc,activity. r5+: id,date,user,pc,file_tree,activity
// where file_tree lists the drive's folders on Connect (empty on Disconnect).
import { COMMA, enc, NL, SEMI } from '../bytes.js';
import type { DayGen } from '../day.js';
import { writeToken } from '../ids.js';
import { LOG_CODE } from '../schema.js';

const CONNECT = enc('Connect');
const DISCONNECT = enc('Disconnect');
const ROOT = enc('R:\\');

export function writeDevice(g: DayGen, t: number, user: number, pc: number, connect: boolean, tag: number): void {
  const b = g.head(LOG_CODE.device, t, user, pc, tag);
  b.byte(COMMA);
  if (g.w.r5) {
    if (connect) {
      const rng = g.rng;
      b.bytes(ROOT);
      const n = rng.range(1, 4);
      for (let i = 0; i < n; i++) {
        b.byte(SEMI);
        b.bytes(ROOT);
        writeToken(b, rng, rng.range(5, 8));
      }
    }
    b.byte(COMMA);
  }
  b.bytes(connect ? CONNECT : DISCONNECT);
  b.byte(NL);
}
