import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxes, webmailPreferences } from '@/db/schema';

export type NewMailbox = typeof mailboxes.$inferInsert;

/** The mailbox and the rows every mailbox has (webmail start-up preferences). */
export async function insertMailbox({ ex, values }: { ex: Executor; values: NewMailbox }) {
  const [row] = await ex
    .insert(mailboxes)
    .values(values)
    .onConflictDoNothing({ target: mailboxes.address })
    .returning({ id: mailboxes.id, address: mailboxes.address });
  if (row) {
    await ex
      .insert(webmailPreferences)
      .values({ mailboxId: row.id, language: values.language ?? 'en', timeZone: values.timeZone ?? 'UTC' });
  }
  return row;
}

/**
 * Several mailboxes in one statement, and their webmail rows in another (an import). An address already
 * taken is skipped: it is missing from what comes back, in no particular order.
 */
export async function insertMailboxes({ ex, values }: { ex: Executor; values: NewMailbox[] }) {
  if (values.length === 0) return [];
  const rows = await ex
    .insert(mailboxes)
    .values(values)
    .onConflictDoNothing({ target: mailboxes.address })
    .returning({ id: mailboxes.id, address: mailboxes.address });
  if (rows.length > 0) {
    const byAddress = new Map(values.map((value) => [value.address, value]));
    await ex.insert(webmailPreferences).values(
      rows.map((row) => {
        const value = byAddress.get(row.address);
        return { mailboxId: row.id, language: value?.language ?? 'en', timeZone: value?.timeZone ?? 'UTC' };
      }),
    );
  }
  return rows;
}

export async function getPostmasterOfDomain({ ex, domainId }: { ex: Executor; domainId: number }) {
  const [row] = await ex
    .select({ id: mailboxes.id, address: mailboxes.address })
    .from(mailboxes)
    .where(and(eq(mailboxes.domainId, domainId), eq(mailboxes.isPostmaster, true)))
    .limit(1);
  return row;
}
