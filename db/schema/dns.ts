import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, extensionOf, ownedBy } from './columns';
import { domains } from './domains';

export const DKIM_KEY_STATES = ['pending', 'active', 'retiring'] as const;
export type DkimKeyState = (typeof DKIM_KEY_STATES)[number];
/** RSA is every domain's signature; ed25519 (RFC 8463) a second one a domain may add. */
export const DKIM_ALGORITHMS = ['rsa', 'ed25519'] as const;
export type DkimAlgorithm = (typeof DKIM_ALGORITHMS)[number];

// A domain's DKIM keys (issue 18). A new key is `pending` until its TXT record is seen published, then
// `active` (the one the signer uses; at most one per domain and algorithm); the key it replaced is `retiring` until
// `retire_after`, so mail signed just before the switch still verifies, then the worker removes it.
// The private key is encrypted at rest (lib/auth/at-rest.ts): only the panel and its worker read it. An ed25519
// key has the same life of its own beside the RSA one: rspamd then signs with both.
export const dkimKeys = pgTable(
  'dkim_keys',
  {
    id: serial('id').primaryKey(),
    domainId: ownedBy('domain_id', () => domains.id),
    selector: text('selector').notNull(),
    algorithm: text('algorithm', { enum: DKIM_ALGORITHMS }).notNull().default('rsa'),
    /** PKCS#8 PEM, encrypted (never the plaintext); either algorithm. */
    privateKeyEnc: text('private_key_enc').notNull(),
    /** The TXT record's p=: RSA's SubjectPublicKeyInfo (DER), ed25519's 32-byte key (RFC 8463), base64. */
    publicKey: text('public_key').notNull(),
    state: text('state', { enum: DKIM_KEY_STATES }).notNull().default('pending'),
    ...createdAt,
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retireAfter: timestamp('retire_after', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('dkim_keys_domain_selector_key').on(t.domainId, t.selector),
    uniqueIndex('dkim_keys_one_active').on(t.domainId, t.algorithm).where(sql`${t.state} = 'active'`),
    uniqueIndex('dkim_keys_one_pending').on(t.domainId, t.algorithm).where(sql`${t.state} = 'pending'`),
    index('dkim_keys_retiring_idx').on(t.retireAfter).where(sql`${t.state} = 'retiring'`),
    check('dkim_keys_state', sql`${t.state} in ('pending', 'active', 'retiring')`),
    check('dkim_keys_algorithm', sql`${t.algorithm} in ('rsa', 'ed25519')`),
    check('dkim_keys_selector_shape', sql`${t.selector} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check('dkim_keys_private_key_encrypted', sql`${t.privateKeyEnc} like 'v1.%'`),
  ],
);

export const DNS_CHECK_STATUSES = ['ok', 'problems'] as const;
export type DnsCheckStatus = (typeof DNS_CHECK_STATUSES)[number];

// The last live check of a domain's DNS records (on demand or the worker's daily one): the outcome per
// record (lib/dns/compare.ts) and a summary the domain list shows as a badge.
export const domainDnsChecks = pgTable(
  'domain_dns_checks',
  {
    domainId: extensionOf('domain_id', () => domains.id),
    status: text('status', { enum: DNS_CHECK_STATUSES }).notNull(),
    results: jsonb('results').notNull().default([]),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('domain_dns_checks_status', sql`${t.status} in ('ok', 'problems')`), index('domain_dns_checks_checked_idx').on(t.checkedAt)],
);
