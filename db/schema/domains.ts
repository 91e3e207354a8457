import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, serial, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { admins } from './admins';
import { serviceColumns, timestamps, version } from './columns';
import { mailboxes } from './mailboxes';
import { plans } from './plans';

export const domains = pgTable(
  'domains',
  {
    id: serial('id').primaryKey(),
    // ASCII (punycode) form, lower-cased; shown in Unicode by the panel.
    name: text('name').notNull().unique(),
    // An admin that still owns domains cannot be deleted (admins are deactivated instead).
    adminId: integer('admin_id')
      .notNull()
      .references(() => admins.id, { onDelete: 'restrict' }),
    // A plan in use cannot be deleted.
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
    // Services enabled for the domain: a subset of the plan's.
    ...serviceColumns('svc', true),
    defaultStorageBytes: bigint('default_storage_bytes', { mode: 'number' }),
    // What the domain's postmaster may do (set by the admin).
    pmCanCreate: boolean('pm_can_create').notNull().default(true),
    pmCanDelete: boolean('pm_can_delete').notNull().default(false),
    pmCanToggle: boolean('pm_can_toggle').notNull().default(true),
    pmCanChangeLimits: boolean('pm_can_change_limits').notNull().default(false),
    // Off by default: an alias can send a domain's mail anywhere, so the admin opts in.
    pmCanManageAliases: boolean('pm_can_manage_aliases').notNull().default(false),
    // Issue 17, catch-all and plus-addressing (the domain's address settings, lib/aliases/address-settings.ts).
    // The account of the domain that gets mail to unknown local parts; none (the default): refused. Deleting
    // the account turns it off. The mail view checks it is the domain's own.
    catchAllMailboxId: integer('catch_all_mailbox_id').references((): AnyPgColumn => mailboxes.id, { onDelete: 'set null' }),
    // user+tag@ delivered to user@ (on by default); off: refused as an unknown address.
    plusAddressing: boolean('plus_addressing').notNull().default(true),
    ...version,
    ...timestamps,
  },
  (t) => [
    index('domains_admin_idx').on(t.adminId, t.name),
    index('domains_plan_idx').on(t.planId),
    check(
      'domains_name_shape',
      sql`${t.name} = lower(${t.name}) and char_length(${t.name}) between 1 and 253 and ${t.name} ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' and ${t.name} !~ '\\.[0-9]+$'`,
    ),
    check('domains_default_storage_positive', sql`${t.defaultStorageBytes} is null or ${t.defaultStorageBytes} > 0`),
  ],
);
