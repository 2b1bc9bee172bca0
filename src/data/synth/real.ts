// Row counts of the real CERT r4.2 release (reference/cert.md), the yardstick for the
// generator's per-file mix.
export const REAL_R42_ROWS: Record<string, number> = {
  'logon.csv': 854_859,
  'device.csv': 405_380,
  'file.csv': 445_581,
  'email.csv': 2_629_979,
  'http.csv': 28_434_423,
};
export const REAL_R42_EVENTS = 32_770_222;
