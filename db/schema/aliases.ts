import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { extensionOf, ownedBy, timestamps, version } from './columns';
import { domains } from './domains';
import { mailboxes } from './mailboxes';

/** Who may send to an alias (a distribution list): the policy service refuses the others at RCPT. */
export const ALIAS_SENDERS = ['anyone', 'domain', 'members'] as const;

// An address of a domain that delivers to other addresses (issue 17). Aliases and accounts share one
// address space per domain: the triggers of this feature's migration refuse an alias on an account's
// address and an account on an alias's, under a per-address lock, so two racing creators cannot both win.
export const aliases = pgTable(
  'aliases',
  {
    id: serial('id').primaryKey(),
    domainId: ownedBy('domain_id', () => domains.id),
    localPart: text('local_part').notNull(),
    // Full address, lower-cased ASCII, kept in step with local_part and the domain's name (a trigger).
    address: text('address').notNull().unique('aliases_address_key'),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    // Who may send to it: anyone, senders of its own domain, or only its targets (members).
    senders: text('senders', { enum: ALIAS_SENDERS }).notNull().default('anyone'),
    // What the list's search looks in (a trigram index, as the account list).
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`lower("address" || ' ' || "description")`),
    ...version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('aliases_domain_local_part_key').on(t.domainId, t.localPart),
    index('aliases_domain_address_idx').on(t.domainId, t.address, t.id),
    index('aliases_domain_active_idx').on(t.domainId, t.active, t.address, t.id),
    // The list sorted by description: its page is chosen from this index alone (db/queries/aliases.ts).
    index('aliases_domain_description_idx').on(t.domainId, t.description, t.address, t.id),
    index('aliases_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check(
      'aliases_local_part_shape',
      sql`char_length(${t.localPart}) between 1 and 64 and ${t.localPart} ~ '^[a-z0-9!#$%&''*+/=?^_\`{|}~-]+(\\.[a-z0-9!#$%&''*+/=?^_\`{|}~-]+)*$'`,
    ),
    check('aliases_description_length', sql`char_length(${t.description}) <= 200`),
    check('aliases_senders_known', sql`${t.senders} in ('anyone', 'domain', 'members')`),
  ],
);

// Where an alias delivers: one row per target address (an account, another alias, or elsewhere).
export const aliasTargets = pgTable(
  'alias_targets',
  {
    aliasId: ownedBy('alias_id', () => aliases.id),
    address: text('address').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.aliasId, t.address], name: 'alias_targets_pkey' }),
    // Which aliases deliver to an address: the loop check and the account's page.
    index('alias_targets_address_idx').on(t.address),
    check(
      'alias_targets_address_shape',
      sql`${t.address} = lower(${t.address}) and char_length(${t.address}) between 3 and 254 and ${t.address} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`,
    ),
  ],
);

// Send-as (issue 17, point 6): accounts the postmaster lets send with the alias's address as sender. Postfix's
// smtpd_sender_login_maps (mail.send_as) honours a grant only while the account receives through the alias.
export const aliasSendAs = pgTable(
  'alias_send_as',
  {
    aliasId: ownedBy('alias_id', () => aliases.id),
    mailboxId: ownedBy('mailbox_id', () => mailboxes.id),
  },
  (t) => [primaryKey({ columns: [t.aliasId, t.mailboxId], name: 'alias_send_as_pkey' }), index('alias_send_as_mailbox_idx').on(t.mailboxId)],
);

// How many aliases each domain has, kept by statement triggers on aliases (the alias_counts migration), as
// mailbox_counts is for accounts: the alias list's total and the plan's alias limit read one row instead of
// counting 100,000 aliases on every page and every create. A domain without a row has none.
export const aliasCounts = pgTable(
  'alias_counts',
  {
    domainId: extensionOf('domain_id', () => domains.id),
    aliases: integer('aliases').notNull().default(0),
  },
  (t) => [check('alias_counts_nonnegative', sql`${t.aliases} >= 0`)],
);
