import { boolean, integer, timestamp } from 'drizzle-orm/pg-core';

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
