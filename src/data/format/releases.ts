// The CERT releases reslab knows and the three format families they fall into: r4.x
// (the first layout), r5.x (device file trees, file/email activities, projects in LDAP,
// attachments as name.ext(size)), r6.x (http activities, quoted fields holding commas).

export const RELEASES = ['r4.1', 'r4.2', 'r5.1', 'r5.2', 'r6.1', 'r6.2'] as const;
export type Release = (typeof RELEASES)[number];

export type Family = 'r4' | 'r5' | 'r6';
export const FAMILIES: readonly Family[] = ['r4', 'r5', 'r6'];

export function isRelease(s: string): s is Release {
  return (RELEASES as readonly string[]).includes(s);
}

/** r4.2 → r4 */
export function familyOf(release: Release): Family {
  return release.slice(0, 2) as Family;
}

/** r6.x quotes a field that holds a comma (content keywords, LDAP names); earlier releases never need to. */
export function quotesFields(family: Family): boolean {
  return family === 'r6';
}
