// Public types of the CERT feature extractor (see docs/features.md).
import type { Log } from '../format/index.js';
import type { EdgeStage, EdgeSummary } from './edges.js';

export type Granularity = 'day' | 'week' | 'session';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'session'];

/** Feature domains: the five logs, and the user's context. */
export type Domain = Log | 'context';
export const DOMAINS: readonly Domain[] = ['logon', 'device', 'file', 'email', 'http', 'context'];

/**
 * Time slice a feature counts over. Events fall into four disjoint classes
 * (weekday 07:30–17:30, weekday outside, weekend 07:30–17:30, weekend outside).
 * Week rows split by all four: 'work', 'afterhours', 'weekend', 'weekend_afterhours'.
 * Day rows split by 'work' / 'afterhours' within that day (the day's weekend-ness is
 * the context column `context_flag_weekend`). Session rows only use 'all'.
 */
export type TimeClass = 'all' | 'work' | 'afterhours' | 'weekend' | 'weekend_afterhours';
/** PC class of an event relative to its user: own PC, shared PC, another user's PC, the supervisor's PC. */
export type PcClass = 'all' | 'own' | 'shared' | 'other' | 'supervisor';
export const PC_CLASSES: readonly Exclude<PcClass, 'all'>[] = ['own', 'shared', 'other', 'supervisor'];

/** How a feature summarises its events. */
export type Aggregation =
  | 'count' // number of events in the slice
  | 'mean' // mean of a per-event measure over the slice's events
  | 'std' // population standard deviation of a per-event measure over the slice's events
  | 'max' // maximum of a per-event measure
  | 'min' // minimum of a per-event measure
  | 'distinct' // number of distinct values
  | 'share' // fraction of the row's events in the slice
  | 'value' // one value per row (duration, time of day, days to termination)
  | 'flag' // 0/1
  | 'index'; // a category coded as a dense integer index (−1 unknown)

export interface FeatureColumn {
  /** `<domain>_<aggregation>_<measure>[_<subset>]_<timeClass>[_<pcClass>]` for grid features. */
  name: string;
  domain: Domain;
  aggregation: Aggregation;
  /** The per-event quantity or attribute summarised: 'events', 'url_len', 'size', 'role', … */
  measure: string;
  /** The category the events are restricted to ('job', 'doc', 'send', 'external', …), null for all. */
  subset: string | null;
  timeClass: TimeClass | null;
  pcClass: PcClass | null;
  dtype: 'int' | 'float';
  description: string;
  /** True where the column can be NULL (unknown), e.g. Big-5 without psychometric.csv. */
  nullable?: boolean;
  /**
   * True for a column that reads data from after its window (only written with
   * ExtractOptions.allowFutureContext): no detector that scores today could have it.
   */
  future?: boolean;
}

export interface FeatureSchema {
  version: 1;
  release: string;
  granularity: Granularity;
  /** day: user, day · week: user, week · session: user, session, pc, start, end, day */
  keys: string[];
  /** ['insider', 'malicious_events'], or [] when the data has no answers */
  labels: string[];
  columns: FeatureColumn[];
  /** Present and true when the table holds future-looking columns (ExtractOptions.allowFutureContext). */
  futureContext?: boolean;
}

export interface ProgressEvent {
  /** 'logon' | 'device' | … | 'ldap' | 'answers' | 'features' */
  stage: string;
  /** 0..1 within the stage */
  fraction: number;
  /** Bytes of log files done so far (whole job) and in total. */
  bytesDone: number;
  bytesTotal: number;
}

export interface ExtractOptions {
  /** Release directory (logon.csv, device.csv, file.csv, email.csv, http.csv, LDAP/, psychometric.csv, answers/). */
  data: string;
  granularity: Granularity;
  /** Output Parquet path; FILE.schema.json and FILE.rejects.csv are written beside it. */
  out: string;
  /** 'auto' (default) or r4.1|r4.2|r5.1|r5.2|r6.1|r6.2 */
  release?: string;
  /** Fail on the first malformed row instead of counting it. */
  strict?: boolean;
  /** DuckDB worker threads (default 2). */
  threads?: number;
  /** DuckDB memory limit, e.g. '2GB' (default). */
  memoryLimit?: string;
  /**
   * Windows whose features are assembled at a time (the table is written a range of users
   * at a time to stay within the memory limit); default: what the memory limit allows.
   */
  assembleWindows?: number;
  /** No progress output or warnings on stderr. */
  quiet?: boolean;
  onProgress?: (p: ProgressEvent) => void;
  /**
   * Keep finished scan stages in a work directory and reuse them on a rerun with the same
   * inputs and options (default true). The directory is removed once the outputs are in place.
   */
  resume?: boolean;
  /** The work directory (default: FILE.parquet.work beside the output). */
  workDir?: string;
  /** Called as each log's stage starts, is restored from the work directory, or is done. */
  onStage?: (e: StageEvent) => void;
  /**
   * Also write FILE.edges.parquet (who logged on to which PC, mailed whom, visited which
   * host, per day) for the graph baselines; costs a second, narrow scan of email.csv and
   * http.csv. Without it a FILE.edges.parquet left by an earlier run is removed.
   */
  edges?: boolean;
  /**
   * Add the two future-looking context columns that some published protocols use
   * (context_flag_leaver, context_value_days_to_termination: whether and when the user
   * drops out of a later LDAP snapshot). Off by default: every other column is computed
   * from data up to and including its own window, and these two leak who is about to be
   * an insider (CERT's scenarios 1–3 leave soon after the theft).
   */
  allowFutureContext?: boolean;
  /**
   * Write only the windows of this day (YYYY-MM-DD) and later; day granularity only. Daily
   * scoring reads the big logs' new lines alone and the small ones whole: the earlier days'
   * windows would be incomplete there, and are not needed.
   */
  fromDay?: string;
}

export interface StageEvent {
  stage: Log | EdgeStage;
  status: 'start' | 'reused' | 'done';
}

export interface RejectInfo {
  count: number;
  /** Up to 10 line numbers (1-based physical lines; line 1 is the header). */
  sampleLines: number[];
}

export interface FeatureSummary {
  out: string;
  schemaPath: string;
  /** null when no row was rejected */
  rejectsPath: string | null;
  release: string;
  granularity: Granularity;
  rows: number;
  users: number;
  features: number;
  labelled: boolean;
  /** Rows with insider > 0. */
  insiderRows: number;
  insiderUsers: number;
  /** Accepted events per log file (logon, device, file, email, http). */
  events: Record<string, number>;
  /** Rejected rows per log file. */
  rejects: Record<string, RejectInfo>;
  seconds: number;
  eventsPerSecond: number;
  /** Non-fatal problems (missing psychometric.csv, missing answer files, …). */
  warnings: string[];
  /** Stages restored from the work directory of an earlier, interrupted run. */
  reusedStages: string[];
  /** What FILE.edges.parquet holds, when ExtractOptions.edges asked for it. */
  edges: EdgeSummary | null;
}
