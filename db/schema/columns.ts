import { boolean, integer, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const createdAt = { createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow() };

export const timestamps = {
  ...createdAt,
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

// Optimistic concurrency: every save names the version it read; a mismatch is a conflict.
export const version = { version: integer('version').notNull().default(1) };

/** One boolean column per mail service, named `${prefix}_${service}`. */
export function serviceColumns(prefix: string, defaultOn: boolean) {
  return {
    pop: boolean(`${prefix}_pop`).notNull().default(defaultOn),
    imap: boolean(`${prefix}_imap`).notNull().default(defaultOn),
    smtp: boolean(`${prefix}_smtp`).notNull().default(defaultOn),
    webmail: boolean(`${prefix}_webmail`).notNull().default(defaultOn),
    activesync: boolean(`${prefix}_activesync`).notNull().default(false),
    dav: boolean(`${prefix}_dav`).notNull().default(false),
    xmpp: boolean(`${prefix}_xmpp`).notNull().default(false),
  };
}

/** A required reference to the row this one belongs to: it goes when its parent goes. */
export function ownedBy(name: string, parent: () => AnyPgColumn) {
  return integer(name).notNull().references(parent, { onDelete: 'cascade' });
}

/** The key of a one-to-one extension table: its parent's id, going when the parent goes. */
export function extensionOf(name: string, parent: () => AnyPgColumn) {
  return integer(name).primaryKey().references(parent, { onDelete: 'cascade' });
}
