// The five activity logs of a release: file names, columns per family (in the order the
// releases write them), the allowed activity values and the date format.
import type { Family } from './releases.js';

/** The activity logs, in the order reslab lists them everywhere. */
export const LOGS = ['logon', 'device', 'file', 'email', 'http'] as const;
export type Log = (typeof LOGS)[number];

/** A log's file name inside the release directory. */
export function logFileName(log: Log): string {
  return `${log}.csv`;
}

/** Columns per log and family, in file order. */
export const LOG_COLUMNS: Record<Log, Record<Family, readonly string[]>> = {
  logon: {
    r4: ['id', 'date', 'user', 'pc', 'activity'],
    r5: ['id', 'date', 'user', 'pc', 'activity'],
    r6: ['id', 'date', 'user', 'pc', 'activity'],
  },
  device: {
    r4: ['id', 'date', 'user', 'pc', 'activity'],
    r5: ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
    r6: ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
  },
  file: {
    r4: ['id', 'date', 'user', 'pc', 'filename', 'content'],
    r5: ['id', 'date', 'user', 'pc', 'filename', 'activity', 'to_removable_media', 'from_removable_media', 'content'],
    r6: ['id', 'date', 'user', 'pc', 'filename', 'activity', 'to_removable_media', 'from_removable_media', 'content'],
  },
  email: {
    r4: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'size', 'attachments', 'content'],
    r5: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'activity', 'size', 'attachments', 'content'],
    r6: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'activity', 'size', 'attachments', 'content'],
  },
  http: {
    r4: ['id', 'date', 'user', 'pc', 'url', 'content'],
    r5: ['id', 'date', 'user', 'pc', 'url', 'content'],
    r6: ['id', 'date', 'user', 'pc', 'url', 'activity', 'content'],
  },
};

/** Allowed `activity` values per log (logs without an activity column in a family simply never use theirs). */
export const ACTIVITIES: Record<Log, readonly string[]> = {
  logon: ['Logon', 'Logoff'],
  device: ['Connect', 'Disconnect'],
  file: ['File Open', 'File Copy', 'File Write', 'File Delete'],
  email: ['Send', 'View', 'Receive'],
  http: ['WWW Visit', 'WWW Download', 'WWW Upload'],
};

/** `date` fields: MM/DD/YYYY HH:MM:SS, as a strptime format. */
export const DATE_FORMAT = '%m/%d/%Y %H:%M:%S';
