// What the graph baselines (community detection, GNNs) see beyond a feature table: who
// each row is and when, and who touched what on which day. Edges come from the logs
// (FEATURES.edges.parquet beside a feature table), not from the features, because a
// user-day's features say how much a user mailed, not whom.

export const EDGE_KINDS = ['pc', 'email', 'web'] as const;
/** pc: user logged on to a PC; email: user mailed another user; web: user visited a domain. */
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** One kind of daily contact, columnar: `user[i]` touched `target[i]` `count[i]` times on `day[i]`. */
export interface EdgeList {
  kind: EdgeKind;
  /** Index into GraphContext.users. */
  user: Int32Array;
  /** Index into `targets`; for email, `targets` is GraphContext.users (the recipient user). */
  target: Int32Array;
  targets: string[];
  /** Days since 1970-01-01, like FeatureMatrix.time. */
  day: Int32Array;
  count: Float32Array;
  /** Rows of the edge file left out because their user (or, for email, recipient) is not in GraphContext.users. */
  dropped?: number;
}

/** The rows' identities and the edges they share; one per data set handed to a detector. */
export interface GraphContext {
  /** The feature matrix's sorted user ids. */
  users: string[];
  /** Per row of the accompanying TabularData: its user (index into `users`) and day (or week start). */
  user: Int32Array;
  time: Int32Array;
  /** Days each row covers from its `time` on: 1 for day rows (the default), 7 for week rows. */
  rowDays?: number;
  /** Every kind the logs gave; a kind may be missing (no web log, say). */
  edges: EdgeList[];
}
