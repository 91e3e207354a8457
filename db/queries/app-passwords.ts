import 'server-only';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { appPasswords, domains, mailboxes } from '@/db/schema';

// App passwords of one mailbox. Callers establish first that the caller may act on that mailbox
// (lib/app-passwords); every statement here is keyed by the mailbox, so an id from another mailbox
// finds nothing.

/** The mailbox an app-password change is about, locked (creations for one account take turns). */
export async function lockMailboxForAppPasswords({ ex, mailboxId, domainId }: { ex: Executor; mailboxId: number; domainId: number }) {
  const [row] = await ex
    .select({ id: mailboxes.id, address: mailboxes.address, active: mailboxes.active, domainId: domains.id, domainName: domains.name })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(and(eq(mailboxes.id, mailboxId), eq(domains.id, domainId)))
    .limit(1)
    .for('no key update', { of: mailboxes });
  return row;
}

/** The live (unrevoked) ones, newest first. Never the hash. */
export async function listLiveAppPasswords({ ex, mailboxId }: { ex: Executor; mailboxId: number }) {
  return ex
    .select({ id: appPasswords.id, name: appPasswords.name, protocol: appPasswords.protocol, createdAt: appPasswords.createdAt, lastUsedAt: appPasswords.lastUsedAt })
    .from(appPasswords)
    .where(and(eq(appPasswords.mailboxId, mailboxId), isNull(appPasswords.revokedAt)))
    .orderBy(desc(appPasswords.createdAt), desc(appPasswords.id));
}

export async function countLiveAppPasswords({ ex, mailboxId }: { ex: Executor; mailboxId: number }): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(appPasswords).where(and(eq(appPasswords.mailboxId, mailboxId), isNull(appPasswords.revokedAt)));
  return row?.n ?? 0;
}

export async function liveNameTaken({ ex, mailboxId, name }: { ex: Executor; mailboxId: number; name: string }): Promise<boolean> {
  const [row] = await ex
    .select({ id: appPasswords.id })
    .from(appPasswords)
    .where(and(eq(appPasswords.mailboxId, mailboxId), isNull(appPasswords.revokedAt), sql`lower(${appPasswords.name}) = lower(${name})`))
    .limit(1);
  return row !== undefined;
}

export async function insertAppPassword({
  ex,
  values,
}: {
  ex: Executor;
  values: { mailboxId: number; name: string; protocol: 'imap' | 'pop3' | 'smtp'; lookup: string; passwordHash: string };
}) {
  const [row] = await ex
    .insert(appPasswords)
    .values(values)
    .returning({ id: appPasswords.id, name: appPasswords.name, protocol: appPasswords.protocol, createdAt: appPasswords.createdAt });
  return row;
}

/** Revoked now; undefined when the mailbox has no such live app password. */
export async function revokeAppPasswordRow({ ex, mailboxId, id }: { ex: Executor; mailboxId: number; id: number }) {
  const [row] = await ex
    .update(appPasswords)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(appPasswords.id, id), eq(appPasswords.mailboxId, mailboxId), isNull(appPasswords.revokedAt)))
    .returning({ id: appPasswords.id, name: appPasswords.name, protocol: appPasswords.protocol });
  return row;
}
