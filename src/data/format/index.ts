// The CERT Insider Threat format, defined once: releases and families, the five logs and
// their columns, LDAP and psychometric layouts, the answers/ tree and the company domain.
// The generator (src/data/synth) writes it and the reader (src/data/cert) reads it.
export * from './releases.js';
export * from './logs.js';
export * from './people.js';
export * from './answers.js';
