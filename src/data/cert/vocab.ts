// Category vocabularies: web-site categories by domain, file types by extension. The
// lists name sites and extensions that CERT releases and the reslab generator use; each
// category is a small integer code so the per-event SQL stays cheap on 30 M http rows.
import { lit, litList } from './sql.js';

export interface Category {
  code: number;
  key: string;
  description: string;
}

export const HTTP_CATEGORIES: readonly Category[] = [
  { code: 0, key: 'misc', description: 'any other site' },
  { code: 1, key: 'social', description: 'social networks and media sharing' },
  { code: 2, key: 'cloud', description: 'cloud storage and file sharing' },
  { code: 3, key: 'job', description: 'job search and recruiting' },
  { code: 4, key: 'leak', description: 'leak / whistle-blowing sites' },
  { code: 5, key: 'hacking', description: 'hacking and keylogger / spyware tools' },
];

/** Host names (without a leading www.) per category; a host matches itself or any subdomain. */
export const HTTP_DOMAINS: Record<string, readonly string[]> = {
  social: [
    'facebook.com', 'twitter.com', 'linkedin.com', 'myspace.com', 'youtube.com', 'flickr.com', 'tumblr.com',
    'instagram.com', 'instagr.am', 'pinterest.com', 'reddit.com', 'plus.google.com', 'quora.com', 'vine.co', 't.co',
  ],
  cloud: [
    'dropbox.com', 'box.com', 'drive.google.com', 'onedrive.live.com', 'account.live.com', 'mediafire.com',
    'sendspace.com', 'mega.co.nz', 'mega.nz', 'wetransfer.com',
  ],
  job: [
    'monster.com', 'careerbuilder.com', 'indeed.com', 'simplyhired.com', 'jobhuntersbible.com', 'job-hunt.org',
    'hotjobs.yahoo.com', 'craigslist.org', 'usajobs.gov', 'glassdoor.com', 'dice.com',
  ],
  leak: ['wikileaks.org', 'freedom.press', 'theintercept.com', 'cryptome.org'],
  hacking: [
    'actualkeylogger.com', 'keylogpro.com', 'refog.com', 'spectorsoft.com', 'hackforums.net', 'elitekeyloggers.com',
    'wellresearchedreviews.com', 'webwatchernow.com', 'actionalert.com', 'relytec.com', 'softactivity.com', 'best-spy-soft.com',
  ],
};

/** Words in an otherwise unknown host that mark its category. */
export const HTTP_HOST_WORDS: Record<string, readonly string[]> = {
  job: ['job', 'career', 'recruit'],
  hacking: ['keylog', 'spyware'],
};

function code(key: string): number {
  const c = HTTP_CATEGORIES.find((x) => x.key === key);
  if (!c) throw new Error(`unknown http category ${key}`);
  return c.code;
}

/** SQL for the raw host field of a URL: its third '/'-separated part ('' when it has none). */
export function httpRawHostSql(urlCol: string): string {
  return `split_part(${urlCol}, '/', 3)`;
}

/** SQL for a raw host lower-cased, without a leading www. */
export function httpHostOfRawSql(rawCol: string): string {
  const h = `lower(${rawCol})`;
  // A prefix test is much cheaper than a regex on ~30 M rows.
  return `CASE WHEN starts_with(${h}, 'www.') THEN substr(${h}, 5) ELSE ${h} END`;
}

/** SQL for the lower-cased host of a URL without a leading www. */
export function httpHostSql(urlCol: string): string {
  return httpHostOfRawSql(httpRawHostSql(urlCol));
}

/** SQL for the last two labels of a host column ('a.b.example.com' → 'example.com'). */
export function lastTwoLabelsSql(hostCol: string): string {
  return `regexp_extract(${hostCol}, '[^.]+\\.[^.]+$')`;
}

/**
 * Rows (key, code) of the lookup table joined on a host's last two labels. Listed hosts
 * with three labels (drive.google.com) put their parent (google.com) in the table with
 * code −1, which sends the few rows under it to the three-label check of
 * httpCategorySql; a hash join on two labels is much cheaper per row than CASE chains.
 */
export function httpDomainRows(): [string, number][] {
  const rows = new Map<string, number>();
  for (const [k, hosts] of Object.entries(HTTP_DOMAINS)) {
    for (const h of hosts) {
      const labels = h.split('.');
      if (labels.length === 2) rows.set(h, code(k));
      else rows.set(labels.slice(-2).join('.'), -1);
    }
  }
  return [...rows];
}

/** Three-label hosts per category, checked only under a −1 parent. */
function threeLabelCase(hostCol: string): string {
  const last3 = `regexp_extract(${hostCol}, '[^.]+\\.[^.]+\\.[^.]+$')`;
  const whens = Object.entries(HTTP_DOMAINS)
    .map(([k, v]) => [k, v.filter((h) => h.split('.').length === 3)] as const)
    .filter(([, v]) => v.length > 0)
    .map(([k, v]) => `WHEN ${last3} IN ${litList(v)} THEN ${code(k)}`)
    .join(' ');
  return whens;
}

/** httpDomainRows() as a CASE on a host's last two labels (NULL when not listed), for a few rows at a time. */
export function httpDomainCodeSql(hostCol: string): string {
  return `CASE ${lastTwoLabelsSql(hostCol)} ${httpDomainRows().map(([k, c]) => `WHEN ${lit(k)} THEN ${c}`).join(' ')} END`;
}

/** SQL for the category code of a raw host (httpRawHostSql), with no table to join. */
export function httpRawHostCategorySql(rawCol: string): string {
  const h = httpHostOfRawSql(rawCol);
  return httpCategorySql(h, httpDomainCodeSql(h));
}

/**
 * SQL for the category code given the host column and the code joined from the
 * httpDomainRows() table (NULL when the host's last two labels are not listed).
 */
export function httpCategorySql(hostCol: string, joinedCode: string): string {
  const words = Object.entries(HTTP_HOST_WORDS)
    .map(([k, ws]) => `WHEN ${ws.map((w) => `contains(${hostCol}, '${w}')`).join(' OR ')} THEN ${code(k)}`)
    .join(' ');
  const byWords = `CASE ${words} ELSE 0 END`;
  return `CASE WHEN ${joinedCode} >= 0 THEN ${joinedCode} WHEN ${joinedCode} = -1 THEN (CASE ${threeLabelCase(hostCol)} ELSE ${byWords} END) ELSE ${byWords} END`;
}

export const FILE_TYPES: readonly (Category & { extensions: readonly string[] })[] = [
  { code: 0, key: 'misc', description: 'any other extension', extensions: [] },
  { code: 1, key: 'comp', description: 'compressed archives', extensions: ['zip', 'rar', '7z', 'gz', 'tar', 'tgz', 'bz2'] },
  { code: 2, key: 'photo', description: 'images', extensions: ['jpg', 'jpeg', 'png', 'bmp', 'gif', 'tif', 'tiff'] },
  { code: 3, key: 'doc', description: 'documents', extensions: ['doc', 'docx', 'pdf', 'xls', 'xlsx', 'ppt', 'pptx', 'odt'] },
  { code: 4, key: 'txt', description: 'text and configuration', extensions: ['txt', 'cfg', 'rtf', 'csv', 'log', 'ini'] },
  { code: 5, key: 'exe', description: 'executables and scripts', extensions: ['exe', 'sh', 'bat', 'dll', 'msi', 'ps1', 'vbs'] },
];

/** SQL for the file-type code of an extension expression (already lower-cased). */
export function fileTypeSql(extExpr: string): string {
  const whens = FILE_TYPES.filter((t) => t.extensions.length > 0)
    .map((t) => `WHEN ${extExpr} IN ${litList(t.extensions)} THEN ${t.code}`)
    .join(' ');
  return `CASE ${whens} ELSE 0 END`;
}
