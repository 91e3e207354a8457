import { bigserial, index, inet, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { admins } from './admins';
import { domains } from './domains';
import { mailboxes } from './mailboxes';

// Who did what, when, from where. Rows outlive what they describe: references are set null on delete
// and the labels keep the names as they were.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAdminId: integer('actor_admin_id').references(() => admins.id, { onDelete: 'set null' }),
    actorMailboxId: integer('actor_mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    ip: inet('ip'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetLabel: text('target_label').notNull().default(''),
    domainId: integer('domain_id').references(() => domains.id, { onDelete: 'set null' }),
    domainName: text('domain_name'),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc(), t.id.desc()),
    index('audit_log_domain_idx').on(t.domainName, t.at.desc()),
    index('audit_log_actor_admin_idx').on(t.actorAdminId, t.at.desc()),
    index('audit_log_actor_mailbox_idx').on(t.actorMailboxId, t.at.desc()),
  ],
);
