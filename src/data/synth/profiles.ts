// Named option sets: `small` for demos and tests, `r4.2` shaped like the real release
// (1,000 users, 2010-01-02 … 2011-05-16, 70 insiders: 30/30/10 of scenarios 1/2/3).
import type { GenerateOptions } from './types.js';

export type ProfileName = 'small' | 'r4.2';
export type Profile = Omit<GenerateOptions, 'out' | 'seed'>;

export const PROFILES: Record<ProfileName, Profile> = {
  small: { release: 'r5.2', users: 80, start: '2010-01-04', days: 84, insiders: 11, scenarios: [1, 2, 3, 4, 5] },
  'r4.2': { release: 'r4.2', users: 1000, start: '2010-01-02', days: 500, insiders: 70, scenarios: [1, 2, 3] },
};

export function resolveProfile(name: string): Profile {
  const p = (PROFILES as Record<string, Profile>)[name];
  if (!p) throw new Error(`unknown profile '${name}' (expected ${Object.keys(PROFILES).join(' or ')})`);
  return { ...p, scenarios: [...p.scenarios] };
}
