// The five activity logs, appended day by day with large synchronous writes (one
// buffer per log per day), so memory stays bounded by the days in flight.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DayResult } from './day.js';
import { logFileName } from '../format/index.js';
import { header, LOGS } from './schema.js';
import type { Release } from './types.js';

export class LogFiles {
  private readonly fds: number[];
  readonly rows: number[] = LOGS.map(() => 0);
  bytes = 0;
  missingLogons = 0;
  unclosedConnects = 0;

  constructor(dir: string, release: Release) {
    this.fds = LOGS.map((log) => {
      const fd = openSync(join(dir, logFileName(log)), 'w');
      this.write(fd, Buffer.from(header(release, log) + '\n', 'latin1'));
      return fd;
    });
  }

  private write(fd: number, buf: Uint8Array): void {
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    this.bytes += buf.length;
  }

  append(r: DayResult): void {
    r.bufs.forEach((b, i) => {
      this.write(this.fds[i]!, b);
      this.rows[i]! += r.rows[i]!;
    });
    this.missingLogons += r.missingLogons;
    this.unclosedConnects += r.unclosedConnects;
  }

  close(): void {
    for (const fd of this.fds) closeSync(fd);
  }
}
