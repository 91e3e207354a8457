import { sql } from 'drizzle-orm';
import { check, index, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, ownedBy } from './columns';
import { domains } from './domains';

// Another name of a hosted domain (issue 17, point 4): mail to user@<alias domain> goes to user@<domain>.
// An alias domain holds nothing of its own (no accounts, no aliases: those belong to a `domains` row), and
// its name is never a hosted domain's nor the reverse: the triggers of this feature's migration refuse
// either under a lock per name, so a domain and an alias domain of one name cannot both be created.
export const aliasDomains = pgTable(
  'alias_domains',
  {
    id: serial('id').primaryKey(),
    domainId: ownedBy('domain_id', () => domains.id),
    // ASCII (punycode) form, lower-cased, as domains.name.
    name: text('name').notNull().unique('alias_domains_name_key'),
    ...createdAt,
  },
  (t) => [
    index('alias_domains_domain_idx').on(t.domainId, t.name),
    check(
      'alias_domains_name_shape',
      sql`${t.name} = lower(${t.name}) and char_length(${t.name}) between 1 and 253 and ${t.name} ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' and ${t.name} !~ '\\.[0-9]+$'`,
    ),
  ],
);
