// Sessions: per user and PC, logon/logoff markers in time order. A session starts at a
// Logon, or at the first event on that PC after the previous session ended (a session
// that starts without a logon); it ends at a Logoff (included), at the next Logon on the
// same PC (which starts the next session), or at the end of the data. This follows the
// anchor's rules, except that sessions are not cut at week boundaries.
//
// Keys: seq = the marker's rank on (user, pc); orphan = the session began without a
// logon, after marker seq (0 = before any marker).

/** ev_logon: logon events with their session keys; marks: the markers for ASOF joins. */
export const LOGON_SESSIONS_SQL = `
CREATE OR REPLACE TABLE ev_logon AS
  SELECT * EXCLUDE (prev_logon),
    CASE WHEN is_logon THEN seq ELSE seq - 1 END AS s_seq,
    CASE WHEN is_logon THEN false ELSE NOT coalesce(prev_logon, false) END AS s_orphan
  FROM (
    SELECT *, row_number() OVER w AS seq, lag(is_logon) OVER w AS prev_logon
    FROM ev_logon_raw
    WINDOW w AS (PARTITION BY "user", pc ORDER BY ts, is_logon, id)
  );
CREATE OR REPLACE TABLE marks AS SELECT "user", pc, ts, seq, is_logon FROM ev_logon;
`;

/**
 * Session-level columns from the window table w (keys user, pc, seq, orphan): how the
 * session started (1 logon, 2 without) and ended (1 logoff, 2 next logon, 0 end of data).
 */
export const SESSION_ENDS_SQL = `
CREATE OR REPLACE TABLE session_ends AS
  SELECT w."user", w.pc, w.seq, w.orphan,
    CASE WHEN w.orphan THEN 2 ELSE 1 END AS start_with,
    CASE WHEN nm.seq IS NULL THEN 0 WHEN nm.is_logon THEN 2 ELSE 1 END AS end_with
  FROM win w LEFT JOIN marks nm ON nm."user" = w."user" AND nm.pc = w.pc AND nm.seq = w.seq + 1
`;

/** The class of each session's PC on the day of its last event (pcClasses.ts). */
export const SESSION_PC_SQL = `
CREATE OR REPLACE TABLE session_pc AS
  SELECT w."user", w.pc, w.seq, w.orphan, min(p.cls) AS cls
  FROM win w JOIN pc_class p ON p."user" = w."user" AND p.pc = w.pc AND w.t_max::DATE BETWEEN p.from_day AND p.to_day
  GROUP BY ALL
`;
